/**
 * The ticket a browser shows the collaboration server: who (user id and the session version the
 * Auth.js session was issued for), which article, until when, signed with AUTH_SECRET. Issued by
 * a server action to a signed-in user who may view the article (collabTicketAction); the server
 * re-checks the user and the article on every connection and while it stays open.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export type CollabClaims = { uid: string; sv: number; aid: string; exp: number };

/** Long enough to open (or reopen) a connection; an open connection is re-checked anyway. */
export const TICKET_SECONDS = 300;

const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64url");
const sign = (secret: string, payload: string) => createHmac("sha256", `collab:${secret}`).update(payload).digest("base64url");

export function issueTicket(secret: string, claims: Omit<CollabClaims, "exp">, now = Date.now()): string {
  const payload = b64(JSON.stringify({ ...claims, exp: Math.floor(now / 1000) + TICKET_SECONDS }));
  return `${payload}.${sign(secret, payload)}`;
}

/** The claims of a genuine, unexpired ticket for `articleId`, or null. */
export function readTicket(secret: string, ticket: string, articleId: string, now = Date.now()): CollabClaims | null {
  if (typeof ticket !== "string" || ticket.length > 1024) return null;
  const [payload, mac, extra] = ticket.split(".");
  if (!payload || !mac || extra !== undefined) return null;
  const want = Buffer.from(sign(secret, payload));
  const got = Buffer.from(mac);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return null;
  let claims: CollabClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as CollabClaims;
  } catch {
    return null;
  }
  if (typeof claims.uid !== "string" || typeof claims.sv !== "number" || typeof claims.exp !== "number") return null;
  if (claims.aid !== articleId || claims.exp * 1000 < now) return null;
  return claims;
}
