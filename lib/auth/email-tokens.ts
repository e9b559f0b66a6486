// Single-use, expiring tokens sent by email (verify the address, reset the password).
//
//   token      32 random bytes, base64url: only the email holds it.
//   stored     its SHA-256 (hex) in auth_tokens.token_hash, so a copy of the database does not
//              hand out working links. No salt needed: the token is random, not a password.
//   one live   creating a token marks the user's earlier unused ones of that purpose as used,
//              so only the newest emailed link works.
//   consume    one conditional UPDATE … RETURNING: of any number of concurrent attempts exactly
//              one finds the row unused and unexpired, by the database's clock.
import "server-only";
import { hashSecretToken, newSecretToken } from "@/lib/crypto/secret-token";
import { getDb } from "@/lib/db";
import type { AuthTokenPurpose } from "@/lib/generated/prisma/enums";

export type EmailTokenPurpose = AuthTokenPurpose;

export const EMAIL_TOKEN_TTL_MS: Record<EmailTokenPurpose, number> = {
  VERIFY_EMAIL: 24 * 60 * 60_000,
  RESET_PASSWORD: 60 * 60_000,
};

/** base64url of 32 bytes: 43 characters, no padding. Anything else is refused unhashed. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** The part of a Prisma (transaction) client the token functions use. */
type TokenClient = {
  authToken: {
    updateMany(args: {
      where: { userId: string; purpose: EmailTokenPurpose; usedAt: null };
      data: { usedAt: Date };
    }): PromiseLike<unknown>;
    create(args: {
      data: { userId: string; purpose: EmailTokenPurpose; tokenHash: string; expiresAt: Date };
    }): PromiseLike<unknown>;
  };
  $queryRaw<T = unknown>(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<T>;
};

export function isWellFormedEmailToken(token: unknown): token is string {
  return typeof token === "string" && TOKEN_SHAPE.test(token);
}

/**
 * Issues a token for `userId` and retires their earlier unused ones of the same purpose. Pass
 * the transaction that makes the related change, so both commit together. `now` moves the
 * clock (tests create already-expired tokens with it).
 */
export async function createEmailToken(
  tx: TokenClient,
  userId: string,
  purpose: EmailTokenPurpose,
  now = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const { token, hash } = newSecretToken();
  const expiresAt = new Date(now.getTime() + EMAIL_TOKEN_TTL_MS[purpose]);
  await tx.authToken.updateMany({ where: { userId, purpose, usedAt: null }, data: { usedAt: now } });
  await tx.authToken.create({ data: { userId, purpose, tokenHash: hash, expiresAt } });
  return { token, expiresAt };
}

/**
 * Uses up a token: the id of its user when it was issued for `purpose`, unused and unexpired,
 * else null (unknown, used, expired, other purpose and malformed are not told apart). Inside a
 * transaction the token is spent only if that transaction commits.
 */
export async function consumeEmailToken(
  token: unknown,
  purpose: EmailTokenPurpose,
  tx?: TokenClient,
): Promise<string | null> {
  if (!isWellFormedEmailToken(token)) return null;
  const client = tx ?? (await getDb());
  const rows = await client.$queryRaw<{ user_id: string }[]>`
    UPDATE auth_tokens SET used_at = now()
     WHERE token_hash = ${hashSecretToken(token)} AND purpose = ${purpose}::"AuthTokenPurpose"
       AND used_at IS NULL AND expires_at > now()
    RETURNING user_id::text AS user_id`;
  return rows[0]?.user_id ?? null;
}

/**
 * Whether a token would be accepted now, without using it: the reset page asks before showing
 * its form, so nobody types a new password into a dead link. The answer can change before the
 * form is sent; consumeEmailToken is what decides.
 */
export async function isEmailTokenUsable(token: unknown, purpose: EmailTokenPurpose): Promise<boolean> {
  if (!isWellFormedEmailToken(token)) return false;
  const db = await getDb();
  const rows = await db.$queryRaw<{ ok: number }[]>`
    SELECT 1 AS ok FROM auth_tokens
     WHERE token_hash = ${hashSecretToken(token)} AND purpose = ${purpose}::"AuthTokenPurpose"
       AND used_at IS NULL AND expires_at > now()`;
  return rows.length > 0;
}
