import { encode } from "@auth/core/jwt";
import type { APIRequestContext, Browser } from "@playwright/test";
import sharp from "sharp";

import { canArticle, canTransition, type PolicyUser } from "../lib/permissions";
import { ARTICLE_STATUSES, type ArticleStatus, type WorkflowAction } from "../lib/workflow/article-workflow";
import { expect, test, useAccount, type AccountKey } from "./fixtures";
import { actionIds, callAction, changed, cookieHeader, digest } from "./security-helpers";

/**
 * Security checks over HTTP against the production build: server actions replayed with their
 * build ids (signed out, as each role, on Claire's articles in every state), forged sessions,
 * cross-site requests, security headers on every route, hostile uploads. A refused call must
 * leave the database fingerprint (testing/hooks/security.ts) unchanged.
 */
type Fixtures = {
  articles: Record<ArticleStatus, { id: string; version: number; headline: string }>;
  users: Record<"claire" | "yanis" | "editor" | "admin", { id: string; sv: number; name: string; email: string }>;
  victim: { id: string; email: string; password: string; name: string };
};
let fx: Fixtures;
let ids: Record<string, string>;
const cookies: Partial<Record<AccountKey, string>> = {};
const SECRET = process.env.AUTH_SECRET || "e2e-secret-not-for-production-0123456789";
const COOKIE = "authjs.session-token";
// Signed out, but past proxy.ts (which only sends cookie-less requests to /login): the action's own check must refuse.
const NO_SESSION = `${COOKIE}=signed-out`;
const tally: Record<string, { tried: number; through: number }> = {};
const count = (what: string, through: boolean) => {
  const t = (tally[what] ??= { tried: 0, through: 0 });
  t.tried++;
  if (through) t.through++;
};

test.describe.configure({ mode: "serial" });

async function sessionOf(browser: Browser, who: AccountKey | { email: string; password: string }): Promise<string> {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (typeof who === "string") await useAccount(page, who);
  else {
    await page.goto("/login");
    await page.getByLabel("Email").fill(who.email);
    await page.getByLabel("Password").fill(who.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  }
  const header = cookieHeader((await context.cookies()).filter((c) => c.name === COOKIE));
  await context.close();
  return header;
}

test.beforeAll(async ({ request, browser }) => {
  test.setTimeout(120_000);
  ids = actionIds();
  const r = await request.post("/api/test-hooks/security", { data: { tag: `h${Date.now().toString(36)}` } });
  expect(r.ok()).toBe(true);
  fx = await r.json();
  for (const who of ["claire", "yanis", "editor", "admin"] as const) cookies[who] = await sessionOf(browser, who);
});

test.afterAll(() => {
  console.log("security over HTTP — tried / let through:");
  for (const [what, t] of Object.entries(tally)) console.log(`  ${what.padEnd(52)} ${String(t.tried).padStart(4)} / ${t.through}`);
});

const ACTORS = ["signed out", "claire", "yanis", "editor", "admin"] as const;
type Actor = (typeof ACTORS)[number];
const policyUser = (a: Actor): PolicyUser | null =>
  a === "signed out" ? null : { id: fx.users[a].id, role: a === "claire" || a === "yanis" ? "journalist" : (a as "editor" | "admin"), active: true };
const TRANSITIONS: WorkflowAction[] = ["submit", "withdraw", "request_changes", "approve", "publish", "schedule", "unschedule", "unpublish"];

test("article actions: every refused call in the matrix is refused over HTTP and changes nothing", async ({ request }) => {
  test.setTimeout(240_000);
  const leaks: string[] = [];
  for (const status of ARTICLE_STATUSES as readonly ArticleStatus[]) {
    const a = fx.articles[status];
    const subject = { status, authorIds: [fx.users.claire.id] };
    for (const actor of ACTORS) {
      const u = policyUser(actor);
      const cookie = actor === "signed out" ? NO_SESSION : cookies[actor]!;
      const before = await digest(request);
      const calls: { name: string; allowed: boolean; run: () => ReturnType<typeof callAction>; leak?: (body: string) => boolean }[] = [
        {
          name: "saveArticleAction",
          allowed: canArticle(u, "edit", subject).ok,
          run: () => callAction(request, ids.saveArticleAction, [{ id: a.id, expectedVersion: a.version, changes: { headline: "Piraté" } }], { cookie }),
        },
        {
          name: "postCommentAction",
          allowed: canArticle(u, "comment", subject).ok,
          run: () => callAction(request, ids.postCommentAction, [{ articleId: a.id, body: "Piraté" }], { cookie }),
        },
        {
          name: "saveVersionAction",
          allowed: canArticle(u, "save_version", subject).ok,
          run: () => callAction(request, ids.saveVersionAction, [{ articleId: a.id, note: "Piraté" }], { cookie }),
        },
        {
          name: "restoreRevisionAction",
          allowed: canArticle(u, "restore_revision", subject).ok,
          run: () => callAction(request, ids.restoreRevisionAction, [], { cookie, form: { articleId: a.id, number: "1" } }),
        },
        {
          name: "getWorkingCopyAction",
          allowed: canArticle(u, "view", subject).ok,
          run: () => callAction(request, ids.getWorkingCopyAction, [a.id], { cookie }),
          leak: (body) => body.includes(a.headline) || body.includes("Texte secret"),
        },
        { name: "heartbeatAction", allowed: canArticle(u, "view", subject).ok, run: () => callAction(request, ids.heartbeatAction, [a.id], { cookie }) },
        ...TRANSITIONS.map((action) => ({
          name: `transitionArticleAction ${action}`,
          allowed: canTransition(
            u,
            action,
            { ...subject, hasContent: true },
            { comment: "Piraté", scheduledAt: new Date(Date.now() + 86_400_000), twoPersonRule: true },
          ).ok,
          run: () =>
            callAction(
              request,
              ids.transitionArticleAction,
              [{ articleId: a.id, action, version: a.version, comment: "Piraté", scheduledAt: "2099-01-01T10:00" }],
              { cookie },
            ),
        })),
      ];
      for (const c of calls.filter((c) => !c.allowed)) {
        const r = await c.run();
        const through = r.ok || Boolean(c.leak?.(r.body));
        count(`refused article actions (${c.name.split(" ")[0]})`, through);
        if (through) leaks.push(`${status} / ${actor} / ${c.name}: ${r.status} ${r.body.slice(0, 160)}`);
      }
      const diff = changed(before, await digest(request));
      if (diff.length) leaks.push(`${status} / ${actor}: refused calls changed ${diff.join(", ")}`);
    }
  }
  expect(leaks).toEqual([]);
});

test("the replay itself works: the same calls are accepted where the policy allows them", async ({ request }) => {
  const d = fx.articles.draft;
  const save = await callAction(request, ids.saveArticleAction, [{ id: d.id, expectedVersion: d.version, changes: { headline: `${d.headline} (édité)` } }], {
    cookie: cookies.editor,
  });
  expect(save.ok, save.body.slice(0, 200)).toBe(true);
  expect((await callAction(request, ids.postCommentAction, [{ articleId: d.id, body: "Bien vu." }], { cookie: cookies.claire })).ok).toBe(true);
  const copy = await callAction(request, ids.getWorkingCopyAction, [d.id], { cookie: cookies.claire });
  expect(copy.body).toContain("(édité)");
  // Form-encoded actions too (the refused ones above must not be refused for a badly encoded form).
  const restore = await callAction(request, ids.restoreRevisionAction, [], { cookie: cookies.claire, form: { articleId: d.id, number: "1" } });
  expect(restore.redirect).toContain("restored=1");
  const role = await callAction(request, ids.changeRoleAction, [{}], { cookie: cookies.admin, form: { userId: fx.victim.id, role: "journalist" } });
  expect(role.body).toContain("is now journalist");
});

test("global actions: signed out or without the role, refused and nothing changes", async ({ request }) => {
  const before = await digest(request);
  const profile = { displayName: "Piraté", slug: "pirate", jobTitle: "x", bio: "x", bioLanguage: "fr", location: "x" };
  const bad: string[] = [];
  const tries: [string, string, () => ReturnType<typeof callAction>][] = [];
  for (const who of ["signed out", "claire", "yanis", "editor"] as const) {
    const cookie = who === "signed out" ? NO_SESSION : cookies[who]!;
    tries.push(
      [
        who,
        "createUserAction",
        () =>
          callAction(request, ids.createUserAction, [{}], {
            cookie,
            form: { name: "Intrus", email: `intrus-${who.replace(" ", "")}@example.org`, role: "admin" },
          }),
      ],
      [who, "changeRoleAction", () => callAction(request, ids.changeRoleAction, [{}], { cookie, form: { userId: fx.users.yanis.id, role: "admin" } })],
      [who, "setActiveAction", () => callAction(request, ids.setActiveAction, [{}], { cookie, form: { userId: fx.users.admin.id, active: "false" } })],
      [who, "resetPasswordAction", () => callAction(request, ids.resetPasswordAction, [{}], { cookie, form: { userId: fx.users.admin.id } })],
      [
        who,
        "updateProfileAction (admin's)",
        () => callAction(request, ids.updateProfileAction, [{}], { cookie, form: { userId: fx.users.admin.id, ...profile } }),
      ],
    );
  }
  tries.push(
    ["signed out", "createDraftAction", () => callAction(request, ids.createDraftAction, [], { cookie: NO_SESSION })],
    ["signed out", "copyAsDraftAction", () => callAction(request, ids.copyAsDraftAction, [{ headline: "Piraté" }], { cookie: NO_SESSION })],
    ["signed out", "markNotificationsReadAction", () => callAction(request, ids.markNotificationsReadAction, [], { cookie: NO_SESSION })],
    ["signed out", "leaveAction", () => callAction(request, ids.leaveAction, [fx.articles.draft.id], { cookie: NO_SESSION })],
    [
      "signed out",
      "uploadImageAction",
      () =>
        callAction(request, ids.uploadImageAction, [], {
          cookie: NO_SESSION,
          form: { file: { name: "a.png", mimeType: "image/png", buffer: Buffer.from("x") } },
        }),
    ],
    [
      "signed out",
      "setPasswordAction (forged token)",
      () =>
        callAction(request, ids.setPasswordAction, [{}], {
          path: "/set-password",
          form: { token: "A".repeat(43), password: "hijacked-password-1", confirm: "hijacked-password-1" },
        }),
    ],
    [
      "yanis",
      "updateProfileAction (Claire's)",
      () => callAction(request, ids.updateProfileAction, [{}], { cookie: cookies.yanis, form: { userId: fx.users.claire.id, ...profile } }),
    ],
    [
      "editor",
      "updateProfileAction (Claire's)",
      () => callAction(request, ids.updateProfileAction, [{}], { cookie: cookies.editor, form: { userId: fx.users.claire.id, ...profile } }),
    ],
  );
  for (const [who, name, run] of tries) {
    const r = await run();
    count("refused global actions", r.ok);
    if (r.ok) bad.push(`${who} / ${name}: ${r.body.slice(0, 160)}`);
  }
  const suggestions = await callAction(request, ids.suggestTagsAction, ["c"], { cookie: NO_SESSION });
  expect(suggestions.body).toMatch(/\[\]/);
  // The test-only backdating hook is authorised like the editor's action it stands in for.
  const backdate = await request.post("/api/test-hooks/backdate-schedule", {
    headers: { cookie: cookies.claire! },
    data: { articleId: fx.articles.scheduled.id, minutesAgo: 10 },
  });
  expect(backdate.status()).toBe(403);
  count("refused route handlers", backdate.ok());
  expect(bad).toEqual([]);
  expect(changed(before, await digest(request))).toEqual([]);
});

test("cross-site: every server action with a foreign Origin is refused and changes nothing", async ({ request }) => {
  const before = await digest(request);
  const d = fx.articles.draft;
  const args: Record<string, unknown[]> = {
    saveArticleAction: [{ id: d.id, expectedVersion: 1, changes: { headline: "CSRF" } }],
    postCommentAction: [{ articleId: d.id, body: "CSRF" }],
    transitionArticleAction: [{ articleId: d.id, action: "submit", version: 1 }],
    saveVersionAction: [{ articleId: d.id, note: "CSRF" }],
    getWorkingCopyAction: [d.id],
    heartbeatAction: [d.id],
    leaveAction: [d.id],
    suggestTagsAction: ["c"],
    copyAsDraftAction: [{ headline: "CSRF" }],
  };
  const forms: Record<string, Record<string, string>> = {
    createUserAction: { name: "CSRF", email: "csrf@example.org", role: "admin" },
    changeRoleAction: { userId: fx.users.yanis.id, role: "admin" },
    setActiveAction: { userId: fx.users.editor.id, active: "false" },
    resetPasswordAction: { userId: fx.users.editor.id },
    updateProfileAction: { userId: fx.users.admin.id, displayName: "CSRF", slug: "csrf", jobTitle: "", bio: "", bioLanguage: "fr", location: "" },
    restoreRevisionAction: { articleId: d.id, number: "1" },
    setPasswordAction: { token: "x", password: "csrf-password-123", confirm: "csrf-password-123" },
    loginAction: { email: fx.users.admin.email, password: "demo-admin-pass" },
    oidcLoginAction: {},
  };
  const names = Object.keys(ids);
  expect(names.length).toBeGreaterThanOrEqual(20);
  const through: string[] = [];
  for (const name of names) {
    for (const origin of ["https://evil.example", "http://localhost.evil.example", "null"]) {
      const form = forms[name];
      const prev = [
        "createUserAction",
        "changeRoleAction",
        "setActiveAction",
        "resetPasswordAction",
        "updateProfileAction",
        "setPasswordAction",
        "loginAction",
      ].includes(name)
        ? [{}]
        : [];
      const r = form
        ? await callAction(request, ids[name], prev, { cookie: cookies.admin, origin, form })
        : await callAction(request, ids[name], args[name] ?? [], { cookie: cookies.admin, origin });
      const passed = r.status < 400 && (r.ok || !/Invalid Server Actions request|error/i.test(r.body));
      count("server actions with a foreign Origin", passed);
      if (passed) through.push(`${name} from ${origin}: ${r.status} ${r.body.slice(0, 120)}`);
    }
  }
  expect(through).toEqual([]);
  expect(changed(before, await digest(request))).toEqual([]);
});

test("Auth.js routes: sign-in and sign-out without the CSRF token are refused", async ({ request, playwright }) => {
  const fresh = await playwright.request.newContext({ baseURL: `http://localhost:${process.env.E2E_PORT || 3200}` });
  const signin = await fresh.post("/api/auth/callback/credentials", { form: { email: "claire@newsroom.test", password: "demo-claire-pass" }, maxRedirects: 0 });
  const setCookie = signin.headers()["set-cookie"] ?? "";
  count("Auth.js sign-in without CSRF token", setCookie.includes(COOKIE));
  expect(setCookie).not.toContain(COOKIE);
  // A token taken from another browser (its cookie does not match) is no better.
  const other = await request.get("/api/auth/csrf");
  const { csrfToken } = await other.json();
  const stolen = await fresh.post("/api/auth/callback/credentials", {
    form: { email: "claire@newsroom.test", password: "demo-claire-pass", csrfToken },
    maxRedirects: 0,
  });
  count("Auth.js sign-in with another browser's CSRF token", (stolen.headers()["set-cookie"] ?? "").includes(COOKIE));
  expect(stolen.headers()["set-cookie"] ?? "").not.toContain(COOKIE);
  await fresh.dispose();
  // Sign-out without the token: the session stays.
  await request.post("/api/auth/signout", { headers: { cookie: cookies.yanis!, origin: "https://evil.example" }, form: {}, maxRedirects: 0 });
  const still = await request.get("/newsroom", { headers: { cookie: cookies.yanis! }, maxRedirects: 0 });
  expect(still.status()).toBe(200);
});

async function newsroomStatus(request: APIRequestContext, cookie: string) {
  const r = await request.get("/newsroom", { headers: { cookie }, maxRedirects: 0 });
  return { status: r.status(), location: r.headers()["location"] ?? "" };
}

test("sessions: tampered, forged and stale tokens are refused; a deactivated user is out at the next request", async ({ request, browser }) => {
  const value = cookies.admin!.split("=").slice(1).join("=");
  const admin = fx.users.admin;
  const claims = { uid: admin.id, sv: admin.sv, name: admin.name, email: admin.email, sub: admin.id };
  const forge = (secret: string, extra: Record<string, unknown> = {}) => encode({ token: { ...claims, ...extra }, secret, salt: COOKIE, maxAge: 3600 });
  const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === "A" ? "B" : "A") + s.slice(i + 1);
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const tokens: [string, string][] = [
    ["one character changed (header)", flip(value, 5)],
    ["one character changed (middle)", flip(value, Math.floor(value.length / 2))],
    ["one character changed (tag)", flip(value, value.length - 3)],
    ["truncated", value.slice(0, -10)],
    ["signed with a wrong secret", await forge("not-the-secret-0123456789-abcdef")],
    ["right secret, stale session version", await forge(SECRET, { sv: admin.sv + 7 })],
    ["right secret, unknown user", await forge(SECRET, { uid: "00000000-0000-4000-8000-000000000000" })],
    ["unsigned JWT (alg none)", `${b64({ alg: "none", typ: "JWT" })}.${b64(claims)}.`],
    ["garbage", "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIn0..x.y.z"],
  ];
  for (const [name, token] of tokens) {
    const r = await newsroomStatus(request, `${COOKIE}=${token}`);
    const through = r.status === 200;
    count("forged or tampered session tokens", through);
    expect(through, name).toBe(false);
    expect(r.location, name).toContain("/login");
    const action = await callAction(request, ids.saveVersionAction, [{ articleId: fx.articles.draft.id }], { cookie: `${COOKIE}=${token}` });
    expect(action.ok, name).toBe(false);
  }
  // Control: the same forging code with the right secret and the current version is accepted.
  expect((await newsroomStatus(request, `${COOKIE}=${await forge(SECRET)}`)).status).toBe(200);

  const victim = await sessionOf(browser, fx.victim);
  expect((await newsroomStatus(request, victim)).status).toBe(200);
  const off = await callAction(request, ids.setActiveAction, [{}], {
    cookie: cookies.admin,
    path: "/newsroom/users",
    form: { userId: fx.victim.id, active: "false" },
  });
  expect(off.body).toContain("deactivated");
  const after = await newsroomStatus(request, victim);
  count("requests by a deactivated user's session", after.status === 200);
  expect(after.status).not.toBe(200);
  expect(after.location).toContain("/login");
  const comment = await callAction(request, ids.createDraftAction, [], { cookie: victim });
  expect(comment.ok).toBe(false);
});

test("security headers on every route, pages and files, signed in or not", async ({ request }) => {
  const pub = await request.get("/feed.xml");
  expect(pub.ok()).toBe(true);
  const routes: [string, string?][] = [
    ["/"],
    ["/login"],
    ["/set-password?token=x"],
    ["/search?q=x"],
    ["/sections/economie"],
    ["/tags/chine"],
    ["/authors/claire-martin"],
    ["/articles/nope"],
    ["/feed.xml"],
    ["/sitemap.xml"],
    ["/news-sitemap.xml"],
    ["/robots.txt"],
    ["/api/health"],
    ["/api/auth/session"],
    ["/api/auth/csrf"],
    ["/api/auth/providers"],
    ["/no-such-page"],
    ["/newsroom"],
    ["/newsroom", cookies.admin],
    ["/newsroom/users", cookies.admin],
    ["/newsroom/log", cookies.admin],
    ["/newsroom/profile", cookies.claire],
    ["/newsroom/notifications", cookies.claire],
    [`/newsroom/articles/${fx.articles.draft.id}`, cookies.claire],
    [`/newsroom/articles/${fx.articles.draft.id}/history`, cookies.claire],
    ["/newsroom/articles/new", cookies.claire],
    ["/newsroom/users", cookies.claire],
  ];
  const home = await request.get("/");
  const asset = /\/_next\/static\/[^"]+\.js/.exec(await home.text())?.[0];
  if (asset) routes.push([asset]);
  const missing: string[] = [];
  for (const [path, cookie] of routes) {
    const r = await request.get(path, { headers: cookie ? { cookie } : {}, maxRedirects: 0 });
    const h = r.headers();
    const problems = [
      !h["content-security-policy"]?.includes("frame-ancestors 'none'") && "CSP frame-ancestors",
      !h["content-security-policy"]?.includes("object-src 'none'") && "CSP object-src",
      !h["content-security-policy"]?.includes("default-src 'self'") && "CSP default-src",
      h["x-content-type-options"] !== "nosniff" && "nosniff",
      h["referrer-policy"] !== "strict-origin-when-cross-origin" && "referrer-policy",
      h["x-frame-options"] !== "DENY" && "x-frame-options",
      // Plain HTTP here: HSTS only goes out over HTTPS (see e2e/security-requests.spec.ts).
      h["strict-transport-security"] !== undefined && "HSTS over plain HTTP",
    ].filter(Boolean);
    count("routes checked for security headers", problems.length > 0);
    if (problems.length) missing.push(`${path} (${r.status()}): ${problems.join(", ")}`);
  }
  expect(missing).toEqual([]);
});

test("uploads: a script renamed .jpg, an SVG and an oversize file are refused; a polyglot is re-encoded clean", async ({ request }) => {
  const upload = (name: string, mimeType: string, buffer: Buffer) =>
    callAction(request, ids.uploadImageAction, [], {
      cookie: cookies.claire,
      path: `/newsroom/articles/${fx.articles.draft.id}`,
      form: { file: { name, mimeType, buffer } },
    });
  const before = await digest(request);
  const script = await upload("photo.jpg", "image/jpeg", Buffer.from("<script>alert(1)</script>\n#!/bin/sh\nrm -rf /\n"));
  expect(script.body).toContain("This file is not a JPEG, PNG or WebP image.");
  const svg = await upload(
    "logo.svg",
    "image/svg+xml",
    Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'),
  );
  expect(svg.body).toContain("This file is not a JPEG, PNG or WebP image.");
  const svgAsPng = await upload(
    "logo.png",
    "image/png",
    Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'),
  );
  expect(svgAsPng.body).toContain("This file is not a JPEG, PNG or WebP image.");
  const big = Buffer.alloc(10 * 1024 * 1024 + 1024, 7);
  (
    await sharp({ create: { width: 8, height: 8, channels: 3, background: "#000" } })
      .jpeg()
      .toBuffer()
  ).copy(big);
  const oversize = await upload("huge.jpg", "image/jpeg", big);
  expect(oversize.body).toContain("The image is larger than 10 MB.");
  // Above the request ceiling (12 MB) the body never reaches the action: refused, the database untouched.
  const huge = await upload("huge.jpg", "image/jpeg", Buffer.concat([big, Buffer.alloc(3 * 1024 * 1024)]));
  expect(huge.ok).toBe(false);
  expect(huge.status).toBe(413);
  for (const r of [script, svg, svgAsPng, oversize, huge]) count("hostile uploads refused", r.ok);
  expect(changed(before, await digest(request))).toEqual([]);
  // Profile photos go through the same check.
  const photo = await callAction(request, ids.updateProfileAction, [{}], {
    cookie: cookies.claire,
    path: "/newsroom/profile",
    form: {
      userId: fx.users.claire.id,
      displayName: fx.users.claire.name,
      slug: "claire-martin",
      jobTitle: "",
      bio: "",
      bioLanguage: "fr",
      location: "",
      photo: { name: "me.svg", mimeType: "image/svg+xml", buffer: Buffer.from("<svg onload=alert(1)></svg>") },
    },
  });
  expect(photo.body).toContain("This file is not a JPEG, PNG or WebP image.");
  count("hostile uploads refused", photo.ok);
  expect(changed(before, await digest(request))).toEqual([]);

  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#336699" } })
    .jpeg()
    .toBuffer();
  const payload = '<html><body><script>alert("polyglot")</script><img src=x onerror=alert(1)></body></html>';
  const polyglot = await upload("poly.jpg", "image/jpeg", Buffer.concat([jpeg, Buffer.from(payload)]));
  expect(polyglot.ok, polyglot.body.slice(0, 200)).toBe(true);
  const url = /"url":"(\/uploads\/[^"]+)"/.exec(polyglot.body)?.[1];
  expect(url).toBeTruthy();
  const served = await request.get(url!);
  expect(served.headers()["content-type"]).toBe("image/webp");
  expect(served.headers()["x-content-type-options"]).toBe("nosniff");
  const bytes = await served.body();
  expect(bytes.subarray(0, 4).toString("latin1")).toBe("RIFF");
  expect(bytes.subarray(8, 12).toString("latin1")).toBe("WEBP");
  const text = bytes.toString("latin1").toLowerCase();
  const trace = ["<html", "<script", "alert", "onerror", "polyglot"].filter((s) => text.includes(s));
  count("polyglot payload traces in the stored file", trace.length > 0);
  expect(trace).toEqual([]);
});
