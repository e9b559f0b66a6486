// Field encryption (AES-256-GCM, key id in the ciphertext, tenant + field as associated data),
// the key formats of ENCRYPTION_KEYS / BLIND_INDEX_KEY, and blind indexes (normalisation, per
// tenant and per field). Pure: explicit keyrings, no configuration, no database.
import { blindIndex, normalize } from "@/lib/crypto/blind-index";
import { DecryptionError, decryptField, encryptField, keyIdOf, needsReencryption } from "@/lib/crypto/field-cipher";
import { parseBlindIndexKey, parseEncryptionKeys } from "@/lib/crypto/key-format";
import { buildKeyring } from "@/lib/crypto/keyring";
import { primaryPattern } from "@/lib/crypto/rotate";
import { parseConfig } from "@/lib/config";

const key = (byte: number) => Buffer.alloc(32, byte).toString("base64");
const OLD = `old:${key(1)}`;
const NEW = `new:${key(2)}`;
const BIDX = key(3);
const TENANT_A = "11111111-1111-4111-8111-111111111111";
const TENANT_B = "22222222-2222-4222-8222-222222222222";
const EMAIL = { tenantId: TENANT_A, field: "citizen.email" };

const oldRing = buildKeyring(OLD, BIDX);
const rotatedRing = buildKeyring(`${NEW},${OLD}`, BIDX);
const newOnlyRing = buildKeyring(NEW, BIDX);

/** Flips one bit of the base64url segment `index` of a stored value. */
function tamper(stored: string, index: number): string {
  const parts = stored.split(".");
  const bytes = Buffer.from(parts[index]!, "base64url");
  bytes[bytes.length - 1]! ^= 0x01;
  parts[index] = bytes.toString("base64url");
  return parts.join(".");
}

describe("field encryption", () => {
  test("round trip, including non-ASCII text", () => {
    for (const value of ["jane.doe@example.org", "Zoë Ødegaard-Núñez", "", "🙂 +31 6 1234 5678"]) {
      expect(decryptField(oldRing, encryptField(oldRing, value, EMAIL), EMAIL)).toBe(value);
    }
  });

  test("format v1.<key id>.<iv>.<ciphertext+tag>; a fresh IV every time", () => {
    const a = encryptField(oldRing, "same", EMAIL);
    const b = encryptField(oldRing, "same", EMAIL);
    expect(a).toMatch(/^v1\.old\.[\w-]{16}\.[\w-]+$/);
    expect(a).not.toBe(b);
    expect(keyIdOf(a)).toBe("old");
    expect(keyIdOf("plain text")).toBeNull();
    expect(keyIdOf("v2.old.x.y")).toBeNull();
  });

  test("a ciphertext does not decrypt for another tenant or another field (associated data)", () => {
    const stored = encryptField(oldRing, "987654321", EMAIL);
    expect(() => decryptField(oldRing, stored, { ...EMAIL, tenantId: TENANT_B })).toThrow(DecryptionError);
    expect(() => decryptField(oldRing, stored, { ...EMAIL, field: "citizen.nationalId" })).toThrow(
      /does not authenticate/,
    );
  });

  test("a tampered ciphertext, IV or key id fails; a malformed value says so", () => {
    const stored = encryptField(oldRing, "secret", EMAIL);
    expect(() => decryptField(oldRing, tamper(stored, 3), EMAIL)).toThrow(/does not authenticate/);
    expect(() => decryptField(oldRing, tamper(stored, 2), EMAIL)).toThrow(/does not authenticate/);
    expect(() => decryptField(rotatedRing, stored.replace("v1.old.", "v1.new."), EMAIL)).toThrow(
      /does not authenticate/,
    );
    const [v, id, iv] = stored.split(".");
    expect(() => decryptField(oldRing, `${v}.${id}.${iv}.AAAA`, EMAIL)).toThrow(/malformed/);
    expect(() => decryptField(oldRing, "jane@example.org", EMAIL)).toThrow(/not an encrypted value/);
  });

  test("an unknown key id fails with a clear error naming the key id", () => {
    const stored = encryptField(oldRing, "secret", EMAIL);
    expect(() => decryptField(newOnlyRing, stored, EMAIL)).toThrow(DecryptionError);
    expect(() => decryptField(newOnlyRing, stored, EMAIL)).toThrow('encryption key "old" is not configured');
  });

  test("rotation: the first key encrypts, older keys still decrypt, needsReencryption tells them apart", () => {
    const before = encryptField(oldRing, "+31 6 1234 5678", EMAIL);
    const after = encryptField(rotatedRing, "+31 6 1234 5678", EMAIL);
    expect(keyIdOf(after)).toBe("new");
    expect(decryptField(rotatedRing, before, EMAIL)).toBe("+31 6 1234 5678");
    expect(needsReencryption(rotatedRing, before)).toBe(true);
    expect(needsReencryption(rotatedRing, after)).toBe(false);
    expect(needsReencryption(oldRing, before)).toBe(false);
  });
});

describe("key formats", () => {
  test("ENCRYPTION_KEYS: ids and keys parsed in order, the first is the primary", () => {
    const ring = buildKeyring(`${NEW}, ${OLD}`, BIDX);
    expect(ring.primary.id).toBe("new");
    expect([...ring.byId.keys()]).toEqual(["new", "old"]);
    expect(ring.primary.key.length).toBe(32);
  });

  test.each([
    ["", "expected at least one <id>:<base64 key>"],
    [" , ", "expected at least one <id>:<base64 key>"],
    [key(1), "entry 1: expected <id>:<base64 key> with an id of letters, digits, - or _"],
    [`bad id:${key(1)}`, "entry 1: expected <id>:<base64 key>"],
    [
      `k1:${Buffer.alloc(16).toString("base64")}`,
      'entry 1 ("k1"): the key must be 32 bytes, base64-encoded (openssl rand -base64 32)',
    ],
    [`${OLD},old:${key(4)}`, 'entry 2: key id "old" appears twice'],
    [`${OLD},k2:`, 'entry 2 ("k2"): the key must be 32 bytes'],
  ])("ENCRYPTION_KEYS=%j is refused: %s", (value, message) => {
    expect(() => parseEncryptionKeys(value)).toThrow(message);
  });

  test("error messages never contain the key material", () => {
    const secret = Buffer.alloc(31, 7).toString("base64");
    try {
      parseEncryptionKeys(`k1:${secret}`);
      throw new Error("expected a failure");
    } catch (err) {
      expect((err as Error).message).not.toContain(secret);
    }
  });

  test("BLIND_INDEX_KEY must be 32 bytes of base64", () => {
    expect(parseBlindIndexKey(BIDX).length).toBe(32);
    expect(() => parseBlindIndexKey("too-short")).toThrow("must be 32 bytes, base64-encoded (openssl rand -base64 32)");
  });

  test("the configuration names the variable that is wrong", () => {
    expect(() => parseConfig({ ENCRYPTION_KEYS: "nope" })).toThrow(
      /ENCRYPTION_KEYS: entry 1: expected <id>:<base64 key>/,
    );
    expect(() => parseConfig({ BLIND_INDEX_KEY: "nope" })).toThrow(/BLIND_INDEX_KEY: must be 32 bytes/);
    expect(() =>
      parseConfig({ NODE_ENV: "production", APP_URL: "https://x.example", AUTH_SECRET: "x".repeat(32) }),
    ).toThrow(/ENCRYPTION_KEYS: is required when NODE_ENV=production/);
  });

  test("the rotation's LIKE pattern escapes LIKE wildcards in key ids", () => {
    expect(primaryPattern("k2026")).toBe("v1.k2026.%");
    expect(primaryPattern("k_1")).toBe("v1.k\\_1.%");
  });
});

describe("blind indexes", () => {
  const bi = (field: Parameters<typeof blindIndex>[1], value: string, tenant = TENANT_A, ring = oldRing) =>
    blindIndex(ring, field, tenant, value);

  test("email: case and surrounding spaces do not matter", () => {
    expect(normalize.email("  Jane.Doe@Example.ORG ")).toBe("jane.doe@example.org");
    expect(bi("email", "  Jane.Doe@Example.ORG ")).toBe(bi("email", "jane.doe@example.org"));
    expect(bi("email", "jane.doe@example.org")).not.toBe(bi("email", "jane.doe@example.com"));
  });

  test("phone: formatting does not matter, a leading + does", () => {
    expect(normalize.phone("+31 (0)6-1234 5678")).toBe("+310612345678");
    expect(bi("phone", "+31 (0)6-1234 5678")).toBe(bi("phone", "+310612345678"));
    expect(bi("phone", "06 12 34 56 78")).toBe(bi("phone", "0612345678"));
    expect(bi("phone", "+310612345678")).not.toBe(bi("phone", "310612345678"));
  });

  test("national ID: case, spaces, dots and hyphens do not matter; birth date is the ISO date", () => {
    expect(bi("nationalId", "ab-123.456 7")).toBe(bi("nationalId", "AB1234567"));
    expect(normalize.dateOfBirth(" 1980-04-02T00:00:00Z")).toBe("1980-04-02");
  });

  test("per tenant and per field: the same value gives unrelated digests", () => {
    const a = bi("email", "jane@example.org", TENANT_A);
    expect(a).not.toBe(bi("email", "jane@example.org", TENANT_B));
    expect(bi("nationalId", "12345", TENANT_A)).not.toBe(bi("phone", "12345", TENANT_A));
    expect(a).toMatch(/^[\w-]{32}$/);
  });

  test("keyed by BLIND_INDEX_KEY only: rotating the encryption keys does not change them", () => {
    expect(bi("email", "jane@example.org", TENANT_A, rotatedRing)).toBe(
      bi("email", "jane@example.org", TENANT_A, oldRing),
    );
    expect(bi("email", "jane@example.org", TENANT_A, buildKeyring(OLD, key(9)))).not.toBe(
      bi("email", "jane@example.org", TENANT_A, oldRing),
    );
  });
});
