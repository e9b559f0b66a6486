// The keys that protect PII at rest (DESIGN.md invariant 6).
//
// ENCRYPTION_KEYS = "<id>:<base64 32 bytes>,<id>:<base64 32 bytes>,…": the FIRST key encrypts
// every new value; all of them decrypt (each ciphertext names its key id). Rotation: put a new
// key first, keep the old ones, run `npm run crypto:rotate`, then drop the old key.
// BLIND_INDEX_KEY = base64 32 bytes: keys the HMAC used for exact look-ups. It does not
// rotate with the encryption keys (changing it means recomputing every blind index).
//
// Outside production, both are generated once and kept in .data/encryption-keys.json, so
// `npm run dev` needs no setup; production refuses to start without them (lib/config).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { dirname } from "node:path";
import { getConfig } from "@/lib/config";
import { parseBlindIndexKey, parseEncryptionKeys } from "./key-format";

export type Keyring = {
  primary: { id: string; key: Buffer };
  byId: ReadonlyMap<string, Buffer>;
  blindIndexKey: Buffer;
};

export function buildKeyring(encryptionKeys: string, blindIndexKey: string): Keyring {
  const keys = parseEncryptionKeys(encryptionKeys);
  return {
    primary: keys[0]!,
    byId: new Map(keys.map((k) => [k.id, k.key])),
    blindIndexKey: parseBlindIndexKey(blindIndexKey),
  };
}

const DEV_KEY_FILE = "./.data/encryption-keys.json";

let devKeysCache: { ENCRYPTION_KEYS: string; BLIND_INDEX_KEY: string } | undefined;

function devKeys(): { ENCRYPTION_KEYS: string; BLIND_INDEX_KEY: string } {
  devKeysCache ??= readOrCreateDevKeys();
  return devKeysCache;
}

function readOrCreateDevKeys(): { ENCRYPTION_KEYS: string; BLIND_INDEX_KEY: string } {
  if (existsSync(DEV_KEY_FILE)) return JSON.parse(readFileSync(DEV_KEY_FILE, "utf8"));
  const keys = {
    ENCRYPTION_KEYS: `dev1:${randomBytes(32).toString("base64")}`,
    BLIND_INDEX_KEY: randomBytes(32).toString("base64"),
  };
  mkdirSync(dirname(DEV_KEY_FILE), { recursive: true });
  writeFileSync(DEV_KEY_FILE, JSON.stringify(keys, null, 2), { mode: 0o600 });
  return keys;
}

let cached: { source: string; keyring: Keyring } | undefined;

/** The app's keyring, from the configuration (or the development key file). */
export function getKeyring(): Keyring {
  const config = getConfig();
  const source =
    config.ENCRYPTION_KEYS && config.BLIND_INDEX_KEY
      ? { ENCRYPTION_KEYS: config.ENCRYPTION_KEYS, BLIND_INDEX_KEY: config.BLIND_INDEX_KEY }
      : devKeys();
  const fingerprint = `${source.ENCRYPTION_KEYS}|${source.BLIND_INDEX_KEY}`;
  if (cached?.source !== fingerprint)
    cached = { source: fingerprint, keyring: buildKeyring(source.ENCRYPTION_KEYS, source.BLIND_INDEX_KEY) };
  return cached.keyring;
}
