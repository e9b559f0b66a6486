// Does the configured keyring fit the stored data? A wrong or missing ENCRYPTION_KEYS entry
// would otherwise only show when a value is decrypted (a reveal, an export) — long after
// start-up, and silently for writes. The database records every key id its ciphertexts use
// (encryption_key_canaries, with a canary ciphertext per id) and one blind-index canary; this
// check runs when a process opens the database for writing (lib/db/index.ts, the seed,
// `crypto:rotate`) and as `npm run crypto:check`. It passes when:
// - every key id in use is in ENCRYPTION_KEYS and that key decrypts its canary (the same id
//   with another key would fail every decryption just the same),
// - the first key is the one new data is written with: a key id never seen before (it is
//   recorded now, and becomes the write key), or the current write key — not an older one
//   (a server started with "A,B" after "B,A" was deployed would go back to writing with A,
//   the key about to be removed),
// - BLIND_INDEX_KEY reproduces the stored canary digest (else exact look-ups find nothing).
// Messages name key ids, never key material.
//
// Key ids in use are known without scanning: recorded when a process starts writing with a
// key (here, before any write) and, for data older than the table, by the migration's one-time
// backfill. `crypto:rotate` retires the other ids once every value is under the primary key.
import type { Db } from "@/lib/db/tenant-extension";
import { blindIndex, type PiiField } from "./blind-index";
import { decryptField, encryptField, keyIdOf, type FieldContext } from "./field-cipher";
import { getKeyring, type Keyring } from "./keyring";

/** What the canaries encrypt, with associated data no tenant field can have ("global"). */
const CANARY_TEXT = "civitas-key-canary";
const CANARY_CONTEXT: FieldContext = { tenantId: "global", field: "key-canary" };
const BLIND_CANARY = { tenantId: "global", field: "email" as PiiField, value: "key-canary@civitas.invalid" };

type KeyRow = {
  keyId: string;
  ciphertext: string;
  sampleTenantId: string | null;
  field: string;
  writesSince: Date | null;
  retiredAt: Date | null;
};
type BlindRow = { sampleTenantId: string | null; field: string; valueEnc: string | null; digest: string };

export type KeyState =
  /** In use, configured, decrypts its canary. */
  | "ok"
  /** In use, not in ENCRYPTION_KEYS. */
  | "missing"
  /** In use, configured under this id, but it is another key. */
  | "wrong"
  /** Configured, never used: as the first key it becomes the write key. */
  | "new"
  /** Configured, holds no data (never used, or retired by crypto:rotate): can be removed. */
  | "unused";

export type KeyCheckReport = {
  ok: boolean;
  primaryKeyId: string;
  /** The key new data is written with, as recorded (before this check recorded anything). */
  writeKeyId: string | null;
  keys: Array<{ keyId: string; state: KeyState; writesSince: Date | null; retiredAt: Date | null }>;
  /** "new": no blind index stored yet; "unchecked": its sample is under a key that is not configured. */
  blindIndex: "ok" | "wrong" | "new" | "unchecked";
  problems: string[];
};

/** The keyring with `keyId` as its primary: to write a canary under that very key. */
const writingWith = (keyring: Keyring, keyId: string): Keyring => ({
  ...keyring,
  primary: { id: keyId, key: keyring.byId.get(keyId)! },
});

const contextOf = (row: Pick<KeyRow, "sampleTenantId" | "field">): FieldContext =>
  row.sampleTenantId ? { tenantId: row.sampleTenantId, field: row.field } : CANARY_CONTEXT;

function keyState(keyring: Keyring, row: KeyRow): "ok" | "missing" | "wrong" {
  if (!keyring.byId.has(row.keyId)) return "missing";
  if (keyIdOf(row.ciphertext) !== row.keyId) return "wrong";
  try {
    const plaintext = decryptField(keyring, row.ciphertext, contextOf(row));
    // A backfilled sample's plaintext is unknown: that it authenticates (AES-GCM) is the proof.
    return row.sampleTenantId || plaintext === CANARY_TEXT ? "ok" : "wrong";
  } catch {
    return "wrong";
  }
}

function blindState(keyring: Keyring, row: BlindRow): "ok" | "wrong" | "unchecked" {
  let value = BLIND_CANARY.value;
  if (row.valueEnc) {
    if (!keyring.byId.has(keyIdOf(row.valueEnc) ?? "")) return "unchecked";
    try {
      value = decryptField(keyring, row.valueEnc, { tenantId: row.sampleTenantId!, field: `citizen.${row.field}` });
    } catch {
      return "unchecked";
    }
  }
  return blindIndex(keyring, row.field as PiiField, row.sampleTenantId ?? BLIND_CANARY.tenantId, value) === row.digest
    ? "ok"
    : "wrong";
}

const day = (d: Date) => d.toISOString().replace("T", " ").slice(0, 16) + " UTC";

/**
 * Compares `keyring` with what the database records. With `record`, and only when there is no
 * problem, also records what this process is about to do: the primary key as the write key (a
 * canary under it), and replaces backfilled samples by canaries.
 */
export async function checkEncryptionKeys(
  db: Db,
  keyring: Keyring = getKeyring(),
  options: { record?: boolean } = {},
): Promise<KeyCheckReport> {
  const rows: KeyRow[] = await db.encryptionKeyCanary.findMany({ orderBy: [{ createdAt: "asc" }, { keyId: "asc" }] });
  const blindRow: BlindRow | null = await db.blindIndexCanary.findUnique({ where: { id: 1 } });
  const primaryId = keyring.primary.id;
  const problems: string[] = [];
  const keys: KeyCheckReport["keys"] = [];

  const active = rows.filter((r) => !r.retiredAt);
  for (const row of active) {
    const state = keyState(keyring, row);
    keys.push({ keyId: row.keyId, state, writesSince: row.writesSince, retiredAt: null });
    if (state === "missing")
      problems.push(
        `Key id "${row.keyId}" encrypts stored data but is not in ENCRYPTION_KEYS: add the key that was configured as "${row.keyId}" when that data was written.`,
      );
    if (state === "wrong")
      problems.push(
        `ENCRYPTION_KEYS has a key named "${row.keyId}", but it is not the key the stored data under "${row.keyId}" was encrypted with: configure the original key for "${row.keyId}".`,
      );
  }
  for (const id of keyring.byId.keys()) {
    if (active.some((r) => r.keyId === id)) continue;
    const retired = rows.find((r) => r.keyId === id);
    keys.push({
      keyId: id,
      state: id === primaryId && !retired ? "new" : "unused",
      writesSince: null,
      retiredAt: retired?.retiredAt ?? null,
    });
  }

  const writer =
    active.filter((r) => r.writesSince).sort((a, b) => b.writesSince!.getTime() - a.writesSince!.getTime())[0] ?? null;
  const primaryRow = rows.find((r) => r.keyId === primaryId);
  if (primaryRow?.retiredAt) {
    problems.push(
      `"${primaryId}" is the first key in ENCRYPTION_KEYS, but crypto:rotate moved all data off it on ${day(primaryRow.retiredAt)}` +
        (writer
          ? `; new data is written with "${writer.keyId}": put "${writer.keyId}" first.`
          : "; put a current key first."),
    );
  } else if (primaryRow && writer && writer.keyId !== primaryId) {
    problems.push(
      `"${primaryId}" is the first key in ENCRYPTION_KEYS, but new data has been written with "${writer.keyId}" since ${day(writer.writesSince!)}: put "${writer.keyId}" first (the first key is the one new data is written with).`,
    );
  }

  const blind = blindRow ? blindState(keyring, blindRow) : "new";
  if (blind === "wrong")
    problems.push(
      "BLIND_INDEX_KEY is not the key the stored blind indexes were made with: exact look-ups (email, phone, national ID, date of birth) would find nothing. Configure the original BLIND_INDEX_KEY.",
    );

  const report: KeyCheckReport = {
    ok: problems.length === 0,
    primaryKeyId: primaryId,
    writeKeyId: writer?.keyId ?? null,
    keys,
    blindIndex: blind,
    problems,
  };
  if (options.record && report.ok) await record(db, keyring, report, rows, blindRow);
  return report;
}

async function record(
  db: Db,
  keyring: Keyring,
  report: KeyCheckReport,
  rows: KeyRow[],
  blindRow: BlindRow | null,
): Promise<void> {
  const primaryId = keyring.primary.id;
  const primaryRow = rows.find((r) => r.keyId === primaryId);
  const canary = (keyId: string) => ({
    ciphertext: encryptField(writingWith(keyring, keyId), CANARY_TEXT, CANARY_CONTEXT),
    sampleTenantId: null,
    field: CANARY_CONTEXT.field,
  });
  if (!primaryRow) {
    // Another instance may record the same id at the same moment: first one wins, and the
    // re-read below tells whether it was the same key.
    await db.encryptionKeyCanary.createMany({
      data: [{ keyId: primaryId, ...canary(primaryId), writesSince: new Date() }],
      skipDuplicates: true,
    });
    const stored = await db.encryptionKeyCanary.findUnique({ where: { keyId: primaryId } });
    if (!stored || keyState(keyring, stored) !== "ok") {
      report.ok = false;
      report.problems.push(
        `Key id "${primaryId}" was just recorded by another instance with a different key: every instance must use the same ENCRYPTION_KEYS.`,
      );
      return;
    }
  } else if (!primaryRow.writesSince) {
    await db.encryptionKeyCanary.update({ where: { keyId: primaryId }, data: { writesSince: new Date() } });
  }
  // A backfilled sample is a real person's value: replace it with a canary as soon as it is verified.
  for (const row of rows) {
    if (row.sampleTenantId && !row.retiredAt && keyring.byId.has(row.keyId))
      await db.encryptionKeyCanary.update({ where: { keyId: row.keyId }, data: canary(row.keyId) });
  }
  const blindCanary = {
    sampleTenantId: null,
    field: BLIND_CANARY.field,
    valueEnc: null,
    digest: blindIndex(keyring, BLIND_CANARY.field, BLIND_CANARY.tenantId, BLIND_CANARY.value),
  };
  if (!blindRow) await db.blindIndexCanary.createMany({ data: [{ id: 1, ...blindCanary }], skipDuplicates: true });
  else if (blindRow.valueEnc && report.blindIndex === "ok")
    await db.blindIndexCanary.update({ where: { id: 1 }, data: blindCanary });
}

/**
 * For `crypto:rotate` over the whole database: the primary is recorded as the write key before
 * it writes; after a complete run with nothing left undecryptable, the other ids are retired
 * (no data needs them any more, so the check no longer asks for them).
 */
export async function recordRotationStart(db: Db, keyring: Keyring): Promise<void> {
  const primaryId = keyring.primary.id;
  const existing = await db.encryptionKeyCanary.findUnique({ where: { keyId: primaryId } });
  const data = {
    ciphertext: encryptField(keyring, CANARY_TEXT, CANARY_CONTEXT),
    sampleTenantId: null,
    field: CANARY_CONTEXT.field,
    writesSince: new Date(),
    retiredAt: null,
  };
  if (!existing)
    await db.encryptionKeyCanary.createMany({ data: [{ keyId: primaryId, ...data }], skipDuplicates: true });
  else if (keyState(keyring, existing) === "ok")
    await db.encryptionKeyCanary.update({ where: { keyId: primaryId }, data });
}

export async function retireKeysOtherThan(db: Db, primaryId: string): Promise<string[]> {
  const retiring = await db.encryptionKeyCanary.findMany({
    where: { keyId: { not: primaryId }, retiredAt: null },
    select: { keyId: true },
  });
  if (retiring.length > 0)
    await db.encryptionKeyCanary.updateMany({
      where: { keyId: { in: retiring.map((r) => r.keyId) } },
      data: { retiredAt: new Date() },
    });
  return retiring.map((r) => r.keyId);
}

const STATE_TEXT: Record<KeyState, string> = {
  ok: "in use, configured, decrypts its canary",
  missing: "in use, NOT in ENCRYPTION_KEYS",
  wrong: "in use, but the configured key under this id is a different key",
  new: "not used yet: becomes the key new data is written with",
  unused: "configured, no stored data needs it (may be removed)",
};

/** The report as lines for a person (crypto:check, the start-up error). No key material. */
export function formatKeyCheckReport(report: KeyCheckReport): string[] {
  const lines = [
    `First key (new data is written with it): "${report.primaryKeyId}"` +
      (report.writeKeyId && report.writeKeyId !== report.primaryKeyId
        ? `; recorded write key: "${report.writeKeyId}"`
        : ""),
  ];
  for (const k of report.keys) {
    const since = k.writesSince
      ? ` (new data written with it since ${day(k.writesSince)})`
      : k.retiredAt
        ? ` (retired by crypto:rotate on ${day(k.retiredAt)})`
        : "";
    lines.push(`  key "${k.keyId}": ${STATE_TEXT[k.state]}${since}`);
  }
  const blindText = {
    ok: "matches the stored blind indexes",
    wrong: "does NOT match the stored blind indexes",
    new: "no blind index stored yet",
    unchecked: "not checked: its sample is under a key that is not configured",
  };
  lines.push(`  BLIND_INDEX_KEY: ${blindText[report.blindIndex]}`);
  if (report.problems.length === 0) lines.push("OK: the configured keys can read every stored value.");
  else for (const p of report.problems) lines.push(`PROBLEM: ${p}`);
  return lines;
}

export class KeyCheckError extends Error {
  constructor(readonly report: KeyCheckReport) {
    super(
      [
        "The configured encryption keys do not fit the stored data; not starting (nothing was written).",
        ...formatKeyCheckReport(report),
        'Details: npm run crypto:check (README, "Secrets production requires").',
      ].join("\n"),
    );
    this.name = "KeyCheckError";
  }
}

/** The check a writing process runs before its first write: records, or throws KeyCheckError. */
export async function enforceKeyCheck(db: Db, keyring: Keyring = getKeyring()): Promise<KeyCheckReport> {
  const report = await checkEncryptionKeys(db, keyring, { record: true });
  if (!report.ok) throw new KeyCheckError(report);
  return report;
}
