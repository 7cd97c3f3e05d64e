import type { NextAuthConfig } from "next-auth";

/**
 * The edge-safe half of the Auth.js configuration, shared by proxy.ts. Providers live in
 * auth.ts because checking a password needs the database and bcrypt (Node only).
 */
export const authConfig = {
  session: { strategy: "jwt", maxAge: 60 * 60 * 12 },
  pages: { signIn: "/login", error: "/login" },
  trustHost: true,
  providers: [],
  callbacks: {
    authorized({ auth, request }) {
      // Optimistic only: the newsroom layout, every action and every query check again.
      const { pathname, search } = request.nextUrl;
      if (pathname.startsWith("/newsroom") && !auth?.user) {
        const url = new URL("/login", request.nextUrl);
        url.searchParams.set("next", pathname + search);
        return Response.redirect(url);
      }
      return true;
    },
    jwt({ token, user }) {
      if (user) {
        const u = user as { id?: string; sessionVersion?: number };
        token.uid = u.id;
        token.sv = u.sessionVersion ?? 1;
      }
      return token;
    },
    session({ session, token }) {
      if (session.user && typeof token.uid === "string") {
        (session.user as { id?: string }).id = token.uid;
        (session as { sv?: number }).sv = typeof token.sv === "number" ? token.sv : 0;
      }
      return session;
    },
  },
} satisfies NextAuthConfig;
