// Per-field encryption: AES-256-GCM with a fresh 96-bit IV per value. The stored form is
// "v1.<key id>.<iv>.<ciphertext+tag>" (base64url), so any key of the ring can decrypt what it
// wrote and the rotation command can tell which values still use an old key. The associated
// data binds a ciphertext to its tenant and field: copied into another tenant's row or into
// another column, it no longer decrypts.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { Keyring } from "./keyring";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class DecryptionError extends Error {}

export type FieldContext = { tenantId: string; field: string };

const aad = (ctx: FieldContext) => Buffer.from(`civitas:${ctx.tenantId}:${ctx.field}`, "utf8");

export function encryptField(keyring: Keyring, plaintext: string, ctx: FieldContext): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyring.primary.key, iv);
  cipher.setAAD(aad(ctx));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `${VERSION}.${keyring.primary.id}.${iv.toString("base64url")}.${body.toString("base64url")}`;
}

/** The key id a stored value was encrypted with, or null when it is not one of ours. */
export function keyIdOf(stored: string): string | null {
  const parts = stored.split(".");
  return parts.length === 4 && parts[0] === VERSION ? parts[1]! : null;
}

export function decryptField(keyring: Keyring, stored: string, ctx: FieldContext): string {
  const parts = stored.split(".");
  if (parts.length !== 4 || parts[0] !== VERSION) throw new DecryptionError("not an encrypted value");
  const key = keyring.byId.get(parts[1]!);
  if (!key) throw new DecryptionError(`encryption key "${parts[1]}" is not configured`);
  const iv = Buffer.from(parts[2]!, "base64url");
  const body = Buffer.from(parts[3]!, "base64url");
  if (iv.length !== IV_BYTES || body.length < TAG_BYTES) throw new DecryptionError("malformed encrypted value");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv);
    decipher.setAAD(aad(ctx));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    throw new DecryptionError("encrypted value does not authenticate (wrong key, tenant or field, or tampered)");
  }
}

/** Whether the value should be re-encrypted under the current primary key. */
export function needsReencryption(keyring: Keyring, stored: string): boolean {
  return keyIdOf(stored) !== keyring.primary.id;
}
