// @ts-check
/**
 * The Content-Security-Policy, with a nonce of its own on every response.
 *
 * Scripts run only with this response's nonce ('strict-dynamic' lets them load the chunks they
 * need), so markup that slips into a page cannot run script. Next puts the nonce on its own
 * <script> tags when it finds one in the request's Content-Security-Policy header: the server
 * (serve.mjs) writes that header on the request before Next sees it, and the same policy on the
 * response. Pages answered from the page cache get a fresh nonce too (page-cache/nonce-body.mjs).
 *
 * A reader's page has no script left (page-cache/no-client-js.mjs removes Next's client runtime),
 * so its markup names no nonce: the page cache keeps one body for every reader, and only the
 * policy header of each response carries the nonce drawn for it.
 *
 * Development (`next dev`) keeps the lenient policy of next.config.js: React's development build
 * needs eval and the dev server injects its own inline scripts.
 */
import { randomBytes } from "node:crypto";

/**
 * 128 random bits, base64url (22 characters, the alphabet Next's nonce parser accepts). Drawn
 * from a pool refilled 256 nonces at a time: one system call per 256 responses.
 */
const POOL_NONCES = 256;
/** @type {Buffer} */
let pool = Buffer.alloc(0);
let offset = 0;
export function createNonce() {
  if (offset + 16 > pool.length) {
    pool = randomBytes(16 * POOL_NONCES);
    offset = 0;
  }
  const nonce = pool.toString("base64url", offset, offset + 16);
  offset += 16;
  return nonce;
}

/** @param {string | undefined} issuer */
function originOf(issuer) {
  try {
    return issuer ? new URL(issuer).origin : "";
  } catch {
    return "";
  }
}

/**
 * The policy's directives. Editors set style attributes (ProseMirror), hence inline styles.
 * Images come from this origin (uploads), data: and blob: (local previews before upload), and any
 * https address: an imported article keeps the images of its old site that were not uploaded
 * (lib/import/, listed in the import's report), and a page that blocked them would show none. An
 * image cannot run script; what a reader's browser asks of that host is its address and the page. A
 * sign-in form may post to the OIDC provider. The production server fills `scriptSrc` with the
 * response's nonce; the development server (next.config.js) with its lenient sources.
 * @param {{ scriptSrc: string; connectSrc?: string; oidcIssuer?: string }} options
 */
export function cspDirectives({ scriptSrc, connectSrc = "'self'", oidcIssuer }) {
  const oidcOrigin = originOf(oidcIssuer);
  return [
    "default-src 'self'",
    `script-src ${scriptSrc}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self'",
    `connect-src ${connectSrc}`,
    "media-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${oidcOrigin ? ` ${oidcOrigin}` : ""}`,
    "frame-src 'none'",
    "frame-ancestors 'none'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
  ].join("; ");
}

const NONCE_SLOT = "\u0000nonce\u0000";

/**
 * Everything but the script nonce, computed once.
 * @param {{ oidcIssuer?: string }} [options]
 */
export function cspTemplate(options = {}) {
  const [before, after] = cspDirectives({ scriptSrc: `'nonce-${NONCE_SLOT}' 'strict-dynamic'`, oidcIssuer: options.oidcIssuer }).split(NONCE_SLOT);
  /** @param {string} nonce */
  return (nonce) => before + nonce + after;
}

/**
 * Gives a request its nonce: the policy goes on the request (for Next to find the nonce) and on
 * the response. A policy a client sent in its own request header is replaced, never trusted.
 * @param {ReturnType<typeof cspTemplate>} policy
 * @returns {(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => string}
 */
export function cspApplier(policy) {
  return (req, res) => {
    const nonce = createNonce();
    const value = policy(nonce);
    req.headers["content-security-policy"] = value;
    delete req.headers["content-security-policy-report-only"];
    res.setHeader("Content-Security-Policy", value);
    return nonce;
  };
}
