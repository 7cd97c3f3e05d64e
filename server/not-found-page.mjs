// @ts-check
/**
 * A reader's 404, drawn on the server.
 *
 * When a page calls notFound() (an unknown or unpublished article, an unknown tag, a page past
 * the last), Next answers 404 with an empty shell (`<html id="__next_error__">`, no `lang`, no
 * text) that only its client runtime fills in: a reader without script, a text browser or a
 * crawler that reads HTML got a blank page, and everyone else 570 KB of script for one heading.
 * Next draws its site-wide 404 route (`/_not-found`, app/not-found.tsx) whole, with the site's
 * header, footer and `lang`. So the server holds back such a 404, asks itself for that page once
 * (`render`), and sends it in place of the shell, with the 404 status, without script or nonce,
 * in the coding Next chose, kept while the public generation stays (see createNotFoundPage).
 * Should that fail, Next's own answer goes out as it was.
 *
 * Newsroom pages, the API, Next's assets and client-navigation payloads are not touched.
 */
import { headerOf, holdResponse } from "./hold-response.mjs";
import { codingOf, decode, encode, isWholePage, REWRITABLE_CODINGS, stripClientRuntime, withoutNonces } from "./page-cache/no-client-js.mjs";

/** The route Next draws app/not-found.tsx on. */
export const NOT_FOUND_ROUTE = "/_not-found";

/**
 * Whether a 404 answer to `req` is to be drawn on the server: GET or HEAD of anything but the
 * newsroom, the API, Next's own paths and client navigations.
 * @param {import("node:http").IncomingMessage} req
 */
export function wantsServerNotFound(req) {
  const method = req.method ?? "GET";
  if (method !== "GET" && method !== "HEAD") return false;
  if (req.headers.rsc !== undefined || req.headers["next-router-prefetch"] !== undefined) return false;
  const url = req.url ?? "/";
  return !/^\/+(?:newsroom|api|_next|_not-found)(?:[/?#]|$)/i.test(url);
}

/**
 * The page to send for a reader's 404, as markup without script or nonce (a string of one
 * character a byte, as no-client-js.mjs reads pages), or null when it cannot be had. `fetchPage`
 * gets `/_not-found` for a Host. Its answer is kept per Host (at most `maxHosts`) for as long as
 * the public generation it was asked under (`generation`, as the page cache reads it: the latest
 * headlines it lists, the site's language) has not moved; with no generation known, nothing is
 * kept. A request for a Host already being asked waits for that answer.
 * @param {{ fetchPage: (host: string) => Promise<{ status: number; type: string; body: Buffer } | null>, generation?: () => number | null | Promise<number | null>, maxHosts?: number }} options
 * @returns {(host: string) => Promise<string | null>}
 */
export function createNotFoundPage({ fetchPage, generation = () => null, maxHosts = 16 }) {
  /** @type {Map<string, { generation: number; page: Promise<string | null> }>} */
  const kept = new Map();
  return async (host) => {
    const now = await Promise.resolve(generation()).catch(() => null);
    const hit = kept.get(host);
    if (now !== null && hit?.generation === now) return hit.page;
    const page = fetchPage(host).then(
      (answer) => {
        if (!answer || answer.status !== 404 || !answer.type.toLowerCase().startsWith("text/html")) return null;
        const html = answer.body.toString("latin1");
        // A page with a part still pending needs a script to show it: not one to send without.
        if (!isWholePage(html)) return null;
        return withoutNonces(stripClientRuntime(html));
      },
      () => null,
    );
    if (now === null) return page;
    if (kept.size >= maxHosts && !kept.has(host)) kept.clear();
    const entry = { generation: now, page };
    kept.set(host, entry);
    // A failure is not kept: the next 404 asks again.
    void page.then((html) => html === null && kept.get(host) === entry && kept.delete(host));
    return page;
  };
}

/**
 * Holds back a 404 `text/html` answer written to `res` and sends `page()` in its place (see
 * above); any other answer passes as it is. To be installed before any other wrapper of `res`
 * (the reader-page rewrite, the page cache's capture): they see the answer first and pass a 404 on.
 * @param {import("node:http").ServerResponse} res
 * @param {() => Promise<string | null>} page
 */
export function withServerNotFound(res, page) {
  holdResponse(res, {
    hold: (status, rest) => status === 404 && headerOf(res, rest, "content-type").toLowerCase().startsWith("text/html"),
    finish: ({ rest, body, send }) => {
      const coding = codingOf(res, rest);
      // Only a coding the server can write again (Next compresses with gzip or deflate).
      if (!REWRITABLE_CODINGS.includes(coding) || decode(body, coding) === null) return send(body);
      page().then(
        (html) => (html === null ? send(body) : send(encode(html, coding), { drop: ["link"] })),
        () => send(body),
      );
    },
  });
}
