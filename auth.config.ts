import type { NextAuthConfig } from "next-auth";

import { safeNext } from "@/lib/auth/safe-next";
import { authTrustHost } from "@/lib/env";

/**
 * The edge-safe half of the Auth.js configuration (no database, no bcrypt): session shape and
 * token callbacks. Providers live in auth.ts. proxy.ts does not run Auth.js (see there).
 */
export const authConfig = {
  session: { strategy: "jwt", maxAge: 60 * 60 * 12 },
  pages: { signIn: "/login", error: "/login" },
  // Off (AUTH_TRUST_HOST=false), Auth.js builds its URLs from AUTH_URL only; on, from the Host
  // header, which server/serve.mjs has already checked (and X-Forwarded-Host only from TRUST_PROXY).
  trustHost: authTrustHost(),
  providers: [],
  callbacks: {
    /**
     * Where Auth.js sends the browser after sign-in or sign-out (callbackUrl, redirectTo, the
     * callback-url cookie): a path on this site only, checked like the login page's `next`.
     * The default callback would copy control characters into the Location header (a 500) and
     * throws on values that are not URLs.
     */
    redirect({ url, baseUrl }) {
      if (url.startsWith("/")) return `${baseUrl}${safeNext(url)}`;
      try {
        const target = new URL(url);
        if (target.origin === new URL(baseUrl).origin) return `${baseUrl}${safeNext(`${target.pathname}${target.search}${target.hash}`)}`;
      } catch {
        // not a URL: fall through
      }
      return `${baseUrl}/newsroom`;
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
