import { NextResponse, type NextRequest } from "next/server";

/**
 * Optimistic gate for the newsroom: without a session cookie, go to the login page and come
 * back afterwards. The real check (signature, user active, role, session version) happens in
 * the newsroom layout, every page, action and route through getCurrentUser().
 *
 * This deliberately does not run Auth.js here: its middleware re-issues the session cookie on
 * every request, and a link prefetch answered after a sign-out would sign the user back in.
 */
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

export default function proxy(request: NextRequest) {
  const hasSession = request.cookies.getAll().some((c) => SESSION_COOKIES.some((name) => c.name === name || c.name.startsWith(`${name}.`)));
  if (hasSession) return NextResponse.next();
  const url = new URL("/login", request.nextUrl);
  url.searchParams.set("next", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.redirect(url);
}

export const config = { matcher: ["/newsroom/:path*"] };
