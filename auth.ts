import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { authConfig } from "./auth.config";
import { authenticate } from "@/lib/auth/authenticate";

class InvalidLogin extends CredentialsSignin {
  code = "invalid";
}
class RateLimited extends CredentialsSignin {
  code = "rate_limited";
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const ip =
          request?.headers?.get("x-forwarded-for")?.split(",")[0]?.trim() || request?.headers?.get("x-real-ip") || "local";
        const result = await authenticate({
          email: String(credentials?.email ?? ""),
          password: String(credentials?.password ?? ""),
          ip,
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
  ],
});
