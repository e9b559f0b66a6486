// Secret tokens sent by email (invitations, email verification, password reset): 32 random
// bytes, and only their SHA-256 is stored, so a database leak does not hand out working links.
import { createHash, randomBytes } from "node:crypto";

export function newSecretToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashSecretToken(token) };
}

export function hashSecretToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
