import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";

import { getDb } from "@/db";
import { authenticate, clientIp } from "@/lib/auth/authenticate";
import { oidcProvider, resolveOidcUser } from "@/lib/auth/oidc";
import { logger } from "@/lib/observability/log.mjs";

import { authConfig } from "./auth.config";

class InvalidLogin extends CredentialsSignin {
  code = "invalid";
}
class RateLimited extends CredentialsSignin {
  code = "rate_limited";
}

const oidc = oidcProvider();

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  logger: {
    // A wrong password is an expected outcome, already answered on the form: not a server error.
    error(error) {
      const type = (error as { type?: string }).type;
      if (error instanceof CredentialsSignin || type === "CredentialsSignin") return;
      // A forged, expired or foreign session cookie: the request is treated as signed out. One line, no stack.
      if (type === "JWTSessionError") return void logger().warn({ reason: error.message.split("\n")[0] }, "session cookie refused");
      logger().error({ err: error }, "auth error");
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const result = await authenticate(await getDb(), {
          email: String(credentials?.email ?? ""),
          password: String(credentials?.password ?? ""),
          ip: clientIp(request?.headers),
        });
        if (result.ok) return { id: result.user.id, name: result.user.name, email: result.user.email, sessionVersion: result.user.sessionVersion };
        if (result.code === "rate_limited") {
          const e = new RateLimited();
          e.code = `rate_limited:${result.retryAt.toISOString()}`;
          throw e;
        }
        throw new InvalidLogin();
      },
    }),
    ...(oidc ? [oidc] : []),
  ],
  callbacks: {
    ...authConfig.callbacks,
    async signIn({ account, profile }) {
      if (account?.provider !== "oidc") return true;
      // Only people who already have an active account may come in through the identity provider.
      return Boolean(await resolveOidcUser(await getDb(), profile));
    },
    async jwt(params) {
      if (params.account?.provider === "oidc") {
        const user = await resolveOidcUser(await getDb(), params.profile);
        if (!user) return null;
        return { ...params.token, uid: user.id, sv: user.sessionVersion, name: user.name, email: user.email };
      }
      return authConfig.callbacks.jwt(params);
    },
  },
});
