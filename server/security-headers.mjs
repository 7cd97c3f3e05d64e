// @ts-check
/**
 * Security headers on every response: Next adds them to what it answers (next.config.js), and
 * the answers the production server makes itself (the Content API, lib/content-api/node.ts)
 * carry the same. The Content-Security-Policy is not here: the production server sends its own,
 * with a nonce per response (server/csp.mjs). HSTS neither: it goes on HTTPS requests only
 * (server/request-guard.mjs).
 * @type {readonly { key: string; value: string }[]}
 */
export const SECURITY_HEADERS = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "X-DNS-Prefetch-Control", value: "off" },
];
