import "server-only";

import type { OIDCConfig } from "next-auth/providers";

import type { Tx } from "@/db";
import { getUserByEmail } from "@/db/queries/users";
import type { User } from "@/db/schema";

type OidcProfile = { email?: string | null; email_verified?: boolean | null; name?: string | null };

/**
 * An optional single sign-on provider, switched on by AUTH_OIDC_ISSUER, AUTH_OIDC_ID and
 * AUTH_OIDC_SECRET (AUTH_OIDC_NAME names the button). It never creates accounts: the identity
 * provider only vouches for an email that an admin has already given an active account.
 */
export function oidcProvider(): OIDCConfig<OidcProfile> | null {
  const issuer = process.env.AUTH_OIDC_ISSUER;
  const clientId = process.env.AUTH_OIDC_ID;
  const clientSecret = process.env.AUTH_OIDC_SECRET;
  if (!issuer || !clientId || !clientSecret) return null;
  return {
    id: "oidc",
    name: process.env.AUTH_OIDC_NAME || "single sign-on",
    type: "oidc",
    issuer,
    clientId,
    clientSecret,
    authorization: { params: { scope: "openid email profile" } },
    checks: ["pkce", "state", "nonce"],
  };
}

export function oidcName(): string | null {
  return oidcProvider() ? process.env.AUTH_OIDC_NAME || "single sign-on" : null;
}

/** The active newsroom user an OIDC identity stands for, or null (unknown, unverified, deactivated). */
export async function resolveOidcUser(db: Tx, profile: OidcProfile | undefined | null): Promise<User | null> {
  const email = profile?.email?.trim();
  if (!email || profile?.email_verified === false) return null;
  const user = await getUserByEmail({ db, email });
  return user && user.active ? user : null;
}
