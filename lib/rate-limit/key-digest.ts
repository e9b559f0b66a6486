// Rate-limit keys name emails, IPs and user ids; the stores (PostgreSQL, Redis) only ever see
// a digest of them. One digest for every policy, so keys stay comparable across files.
import { createHash } from "node:crypto";

export function keyDigest(value: string): string {
  return createHash("sha256").update(value).digest("base64url").slice(0, 32);
}
