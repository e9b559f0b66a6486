// Auth.js's signIn callback for OAuth/OIDC providers (GitHub, Google, any OIDC issuer): turns
// the provider's identity into a Civitas user (lib/auth/oauth.ts) or sends the person back to
// the sign-in page with a code that says why not (components/auth/sign-in-error-message.ts).
import "server-only";
import type { Account, Profile, User } from "next-auth";
import { logger } from "@/lib/log/logger";
import { resolveOAuthUser, type OAuthLinkResult } from "./oauth";

/** The sign-in page's error code for each refusal (Auth.js's own AccessDenied says too little). */
export const OAUTH_REFUSAL_CODES: Record<Extract<OAuthLinkResult, { ok: false }>["reason"], string> = {
  disabled: "AccountDisabled",
  no_email: "OAuthNoEmail",
  unverified_email_in_use: "OAuthEmailNotVerified",
};

/** True to sign in (with user.id set to the Civitas user), or the sign-in page URL that says why not. */
export async function oauthSignIn({
  user,
  account,
  profile,
}: {
  user: User;
  account?: Account | null;
  profile?: Profile;
}): Promise<true | string> {
  if (!account || account.type === "credentials") return true;
  // GitHub's provider only returns the primary email, which GitHub has verified.
  const verified = account.provider === "github" ? true : profile?.email_verified === true;
  const result = await resolveOAuthUser({
    provider: account.provider,
    providerAccountId: account.providerAccountId,
    email: user.email ?? profile?.email,
    emailVerified: verified,
    name: user.name ?? profile?.name,
  });
  if (!result.ok) {
    logger.info(
      { event: "auth.oauth_refused", provider: account.provider, reason: result.reason },
      "OAuth sign-in refused",
    );
    return `/sign-in?error=${OAUTH_REFUSAL_CODES[result.reason]}`;
  }
  user.id = result.userId; // the jwt callback starts the session for this user
  return true;
}
