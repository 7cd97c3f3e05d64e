import { execFileSync } from "node:child_process";
import createNextIntlPlugin from "next-intl/plugin";

import { cspDirectives } from "./server/csp.mjs";
import { SECURITY_HEADERS } from "./server/security-headers.mjs";

const isDev = process.env.NODE_ENV === "development";

/**
 * The build id names the code: copies built separately from one commit (one build per machine
 * or region) agree on it, where Next's default is random per build. A tree with changes not
 * committed, or no git at all, keeps Next's random id. `deploymentId` (NEXT_DEPLOYMENT_ID, read
 * by Next itself) replaces it when set.
 */
function gitBuildId() {
  try {
    const git = (...args) => execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    return git("status", "--porcelain") === "" ? git("rev-parse", "HEAD") : null;
  } catch {
    return null;
  }
}

/**
 * Security headers on every response (server/security-headers.mjs). The production server
 * (server/serve.mjs) sends the Content-Security-Policy itself, with a nonce of its own on every response (server/csp.mjs):
 * a policy here would be the same for every response and replace that one. Only the development
 * server gets it from here, lenient: React's development build needs eval and the dev server
 * injects inline scripts without a nonce. Editors set style attributes (ProseMirror), hence
 * inline styles. Images come from this origin (uploads), data: and blob: (local previews).
 */
function securityHeaders() {
  const csp = cspDirectives({ scriptSrc: "'self' 'unsafe-inline' 'unsafe-eval'", connectSrc: "'self' ws:", oidcIssuer: process.env.AUTH_OIDC_ISSUER });
  const headers = [...(isDev ? [{ key: "Content-Security-Policy", value: csp }] : []), ...SECURITY_HEADERS];
  // HSTS is not here: a build-time header went out over plain HTTP too. The server sends it on
  // HTTPS requests only (server/request-guard.mjs).
  return headers;
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Separate build folders let the e2e suite, the benchmark and a developer's
  // own build coexist without overwriting each other.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // PGlite loads its WASM and data files by path; bundling it breaks that at runtime.
  serverExternalPackages: ["@electric-sql/pglite", "sharp", "@node-rs/bcrypt", "yjs"],
  poweredByHeader: false,
  generateBuildId: async () => gitBuildId(),
  // Metadata (title, canonical link, Open Graph) in the <head> for every reader, never streamed
  // into the body: a reader's page has no script to move it there (server/page-cache/no-client-js.mjs),
  // and crawlers other than Next's list read the head only.
  htmlLimitedBots: /.*/,
  experimental: {
    // One limit for every action, so it is the uploads' (10 MB images plus the form). The server
    // caps each request before Next reads it (server/request-guard.mjs): 64 KB signed out,
    // 4.5 MB signed in, this 12 MB only for the upload actions of a signed-in user.
    serverActions: { bodySizeLimit: "12mb" },
    // proxy.ts covers /newsroom, so uploads pass through it: its default 10 MB buffer cut larger
    // bodies short and the action crashed ("Unexpected end of form") instead of answering
    // "The image is larger than 10 MB." Same ceiling as the actions.
    proxyClientMaxBodySize: "12mb",
    // forbidden() answers 403 with app/(newsroom)/newsroom/forbidden.tsx.
    authInterrupts: true,
  },
  async headers() {
    // Previews: never indexed, never cached, and a shared token never leaks through a Referer.
    const preview = [
      { key: "X-Robots-Tag", value: "noindex, nofollow" },
      { key: "Referrer-Policy", value: "no-referrer" },
      { key: "Cache-Control", value: "private, no-store" },
    ];
    return [
      { source: "/:path*", headers: securityHeaders() },
      { source: "/preview/:token*", headers: preview },
      { source: "/newsroom/articles/:id/preview", headers: preview },
    ];
  },
};

// next-intl without locale routing: lib/i18n/request.ts picks the language of each request.
export default createNextIntlPlugin("./lib/i18n/request.ts")(nextConfig);
