import { expect, test, TYPICAL } from "./fixtures";

// Old addresses of an imported WordPress site (npm run import) answer 308 to their new place;
// an address nobody knows is still the public 404.
test("old WordPress permalinks, ?p= ids and category archives answer 308; unknown addresses 404", async ({ as, request }) => {
  const admin = await as("admin");
  const recorded = await admin.request.post("/api/test-hooks/legacy-redirects", {
    data: {
      redirects: [
        { path: "/2019/03/14/la-chine-nie/", slug: TYPICAL.slug },
        { path: "/?p=4242", slug: TYPICAL.slug },
        { path: "/2019/07/02/%c3%a9t%c3%a9-br%c3%bblant/", slug: TYPICAL.slug },
        { path: "/category/monde/economie/", target: "/sections/economie" },
      ],
    },
  });
  expect(recorded.ok()).toBe(true);
  // Next.js first drops a trailing slash (308 to the same path without it); then ours.
  const follow = async (from: string) => {
    const statuses: number[] = [];
    let at = from;
    for (let hop = 0; hop < 4; hop++) {
      const res = await request.get(at, { maxRedirects: 0 });
      statuses.push(res.status());
      if (res.status() < 300 || res.status() >= 400) break;
      at = new URL(res.headers().location, "http://host").pathname + new URL(res.headers().location, "http://host").search;
    }
    return { statuses, at };
  };
  const cases: [string, string][] = [
    ["/2019/03/14/la-chine-nie/", `/articles/${TYPICAL.slug}`],
    ["/2019/03/14/la-chine-nie", `/articles/${TYPICAL.slug}`],
    ["/?p=4242", `/articles/${TYPICAL.slug}`],
    ["/2019/07/02/%C3%A9t%C3%A9-br%C3%BBlant/", `/articles/${TYPICAL.slug}`],
    ["/category/monde/economie/", "/sections/economie"],
  ];
  for (const [from, to] of cases) {
    const { statuses, at } = await follow(from);
    expect(at, from).toBe(to);
    expect(statuses.at(-1), from).toBe(200);
    for (const s of statuses.slice(0, -1)) expect([301, 308], from).toContain(s);
  }
  expect((await follow("/2019/01/01/nothing-here/")).statuses.at(-1)).toBe(404);
  // An unknown id goes to the front page's one address (the cached page), not to a new render.
  const unknown = await request.get("/?p=999999&utm_source=x", { maxRedirects: 0 });
  expect(unknown.status()).toBe(307);
  expect(new URL(unknown.headers().location, "http://host").pathname).toBe("/");
});
