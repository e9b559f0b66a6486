// OAuth / OpenID Connect sign-in: which providers are offered (those whose settings are
// present) and how a provider identity becomes a Civitas user.
import "server-only";
import type { Provider } from "next-auth/providers";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { getConfig } from "@/lib/config";
import { recordAudit } from "@/lib/audit/record";
import { enrichLogContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";

export type OAuthProviderInfo = { id: string; name: string };

export function oauthProviders(): Provider[] {
  const c = getConfig();
  const providers: Provider[] = [];
  if (c.AUTH_GITHUB_ID && c.AUTH_GITHUB_SECRET)
    providers.push(GitHub({ clientId: c.AUTH_GITHUB_ID, clientSecret: c.AUTH_GITHUB_SECRET }));
  if (c.AUTH_GOOGLE_ID && c.AUTH_GOOGLE_SECRET)
    providers.push(Google({ clientId: c.AUTH_GOOGLE_ID, clientSecret: c.AUTH_GOOGLE_SECRET }));
  if (c.AUTH_OIDC_ISSUER && c.AUTH_OIDC_ID && c.AUTH_OIDC_SECRET) {
    providers.push({
      id: "oidc",
      name: c.AUTH_OIDC_NAME,
      type: "oidc",
      issuer: c.AUTH_OIDC_ISSUER,
      clientId: c.AUTH_OIDC_ID,
      clientSecret: c.AUTH_OIDC_SECRET,
    });
  }
  return providers;
}

/** For the sign-in page's buttons. */
export function oauthProviderList(): OAuthProviderInfo[] {
  return oauthProviders().map((p) => {
    const resolved = typeof p === "function" ? p() : p;
    return { id: resolved.id, name: resolved.name };
  });
}

export type OAuthIdentity = {
  provider: string;
  providerAccountId: string;
  email?: string | null;
  /** Whether the provider vouches for the email (OIDC email_verified; GitHub's primary email). */
  emailVerified: boolean;
  name?: string | null;
};

export type OAuthLinkResult =
  | { ok: true; userId: string; created: boolean }
  | { ok: false; reason: "disabled" | "no_email" | "unverified_email_in_use" };

/**
 * The user an OAuth identity signs in as:
 *   - an identity seen before → its user;
 *   - else a user with the same email, linked only when the provider verified that email
 *     (otherwise anyone could claim an address at a lax provider and take over the account);
 *   - else a new user (email verified when the provider says so).
 */
export async function resolveOAuthUser(identity: OAuthIdentity): Promise<OAuthLinkResult> {
  const db = await getDb();
  const email = identity.email?.trim().toLowerCase() || null;
  return db.$transaction(async (tx) => {
    const linked = await tx.oAuthAccount.findUnique({
      where: {
        provider_providerAccountId: { provider: identity.provider, providerAccountId: identity.providerAccountId },
      },
      include: { user: true },
    });
    if (linked)
      return linked.user.disabledAt
        ? { ok: false as const, reason: "disabled" as const }
        : { ok: true as const, userId: linked.userId, created: false };
    if (!email) return { ok: false as const, reason: "no_email" as const };

    const existing = await tx.user.findUnique({ where: { email } });
    if (existing) {
      if (!identity.emailVerified) return { ok: false as const, reason: "unverified_email_in_use" as const };
      if (existing.disabledAt) return { ok: false as const, reason: "disabled" as const };
      await tx.oAuthAccount.create({
        data: { userId: existing.id, provider: identity.provider, providerAccountId: identity.providerAccountId },
      });
      if (!existing.emailVerifiedAt)
        await tx.user.update({ where: { id: existing.id }, data: { emailVerifiedAt: new Date() } });
      enrichLogContext({ userId: existing.id }); // the person signing in links their own account
      await recordAudit(tx, {
        action: "user.oauth_linked",
        targetType: "user",
        targetId: existing.id,
        data: { provider: identity.provider },
      });
      return { ok: true as const, userId: existing.id, created: false };
    }
    const user = await tx.user.create({
      data: {
        email,
        name: identity.name?.trim() || email.split("@")[0]!,
        emailVerifiedAt: identity.emailVerified ? new Date() : null,
        accounts: { create: { provider: identity.provider, providerAccountId: identity.providerAccountId } },
      },
    });
    enrichLogContext({ userId: user.id }); // the new account's owner, signing in
    await recordAudit(tx, {
      action: "user.signed_up",
      targetType: "user",
      targetId: user.id,
      data: { provider: identity.provider },
    });
    return { ok: true as const, userId: user.id, created: true };
  });
}
