// The formats of ENCRYPTION_KEYS and BLIND_INDEX_KEY. Pure, so the configuration schema can
// check them at start-up without importing the keyring (which reads the configuration).
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** Parses ENCRYPTION_KEYS; throws with a message naming what is wrong (never the key). */
export function parseEncryptionKeys(value: string): Array<{ id: string; key: Buffer }> {
  const entries = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new Error("expected at least one <id>:<base64 key>");
  const seen = new Set<string>();
  return entries.map((entry, i) => {
    const colon = entry.indexOf(":");
    const id = colon > 0 ? entry.slice(0, colon) : "";
    if (!KEY_ID.test(id))
      throw new Error(`entry ${i + 1}: expected <id>:<base64 key> with an id of letters, digits, - or _`);
    if (seen.has(id)) throw new Error(`entry ${i + 1}: key id "${id}" appears twice`);
    seen.add(id);
    const key = Buffer.from(entry.slice(colon + 1), "base64");
    if (key.length !== 32)
      throw new Error(`entry ${i + 1} ("${id}"): the key must be 32 bytes, base64-encoded (openssl rand -base64 32)`);
    return { id, key };
  });
}

export function parseBlindIndexKey(value: string): Buffer {
  const key = Buffer.from(value, "base64");
  if (key.length !== 32) throw new Error("must be 32 bytes, base64-encoded (openssl rand -base64 32)");
  return key;
}
