import type { NextAuthConfig } from "next-auth";

/**
 * The edge-safe half of the Auth.js configuration (no database, no bcrypt): session shape and
 * token callbacks. Providers live in auth.ts. proxy.ts does not run Auth.js (see there).
 */
export const authConfig = {
  session: { strategy: "jwt", maxAge: 60 * 60 * 12 },
  pages: { signIn: "/login", error: "/login" },
  trustHost: true,
  providers: [],
  callbacks: {
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
