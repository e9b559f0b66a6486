// Re-encrypts every stored PII value that is not under the current primary key (the first of
// ENCRYPTION_KEYS), for `npm run crypto:rotate`. Two places hold ciphertexts: the citizens'
// *_enc columns, and citizen imports staged for commit (import_rows.data: emailEnc, phoneEnc,
// nationalIdEnc, dateOfBirthEnc — same associated data as the citizen columns, copied into
// citizens by the commit, so they must not be left under a key that is about to be removed),
// with the invalid rows' values kept for the import report (import_rows.cells, same keys).
//
// Designed to run while the app serves traffic:
// - Per tenant, through `db.forTenant({ tenantId }).$tenantTransaction` as the app role (both
//   walls), tenants taken from the global tenants table.
// - Batched: keyset over (tenant_id, id), `batchSize` rows a batch, each batch one short
//   transaction (read, decrypt + encrypt in memory, one set-based UPDATE).
// - Never clobbers a concurrent edit: a citizen column is only replaced where it still holds
//   the exact ciphertext that was read (`… AND c.email_enc = <old>`), a staged import row only
//   where its data is unchanged. If the app wrote in between, it wrote with the primary key
//   already: skipped, nothing lost. `version` and `updated_at` are left alone (the plaintext
//   did not change), so open forms get no spurious "changed by someone else" conflict.
// - Resumable: rows already under the primary are not selected (`NOT LIKE 'v1.<primary>.%'`),
//   so an interrupted run (Ctrl-C, crash, `signal`) continues where it stopped.
// - Blind indexes are untouched: they are keyed by BLIND_INDEX_KEY, which does not rotate.
// One audit event `crypto.keys_rotated` per tenant that had values to rotate (counts, from/to
// key ids), in the tenant's chain, at the end of that tenant.
import { recordAudit } from "@/lib/audit/record";
import type { Db } from "@/lib/db";
import { decryptField, encryptField, keyIdOf } from "./field-cipher";
import { recordRotationStart, retireKeysOtherThan } from "./key-check";
import { getKeyring, type Keyring } from "./keyring";

const PII_FIELDS = ["email", "phone", "nationalId", "dateOfBirth"] as const;
type PiiField = (typeof PII_FIELDS)[number];
/** Associated data of a field (lib/citizens/pii.ts encrypts with the same). */
const aadField = (f: PiiField) => `citizen.${f}`;
const CITIZEN_COLUMN: Record<PiiField, string> = {
  email: "email_enc",
  phone: "phone_enc",
  nationalId: "national_id_enc",
  dateOfBirth: "date_of_birth_enc",
};
const STAGED_KEY: Record<PiiField, string> = {
  email: "emailEnc",
  phone: "phoneEnc",
  nationalId: "nationalIdEnc",
  dateOfBirth: "dateOfBirthEnc",
};

export type TableName = "citizens" | "import_rows";

export type TableRotation = {
  /** Rows with at least one value under another key when the tenant was started. */
  rowsToRotate: number;
  /** Values (not rows) per field under another key when the tenant was started. */
  valuesToRotate: Record<PiiField, number>;
  rowsDone: number;
  valuesRotated: number;
  /** Changed by someone else between our read and our write: left as they are. */
  skippedConcurrent: number;
};

export type TenantRotation = {
  tenantId: string;
  slug: string;
  citizens: TableRotation;
  /** Citizen imports validated but not yet committed. */
  importRows: TableRotation;
  /** Key ids found on the values to rotate, with counts (dry run: all of them; otherwise: those read). */
  fromKeys: Record<string, number>;
  /** Values no configured key decrypts (unknown key id, tampered): left as they are. */
  failed: Array<{ table: TableName; id: string; field: PiiField; reason: string }>;
};

export type RotationProgress = {
  tenantId: string;
  slug: string;
  table: TableName;
  rowsDone: number;
  remaining: number;
  valuesRotated: number;
  skippedConcurrent: number;
};

export type RotateOptions = {
  /** Rows per batch (one transaction each); default 500. */
  batchSize?: number;
  /** Only count. */
  dryRun?: boolean;
  onProgress?: (progress: RotationProgress) => void;
  /** Aborting stops after the current batch (the run is resumable). */
  signal?: AbortSignal;
  /** Default: the app's keyring (getKeyring()). */
  keyring?: Keyring;
  /** Only these tenants (default: every tenant). */
  tenantIds?: string[];
};

export type RotationResult = {
  primaryKeyId: string;
  dryRun: boolean;
  /** True when `signal` stopped the run early; run again to continue. */
  interrupted: boolean;
  tenants: TenantRotation[];
  totals: { rowsToRotate: number; rowsDone: number; valuesRotated: number; skippedConcurrent: number; failed: number };
  /** Key ids no stored value needs any more (lib/crypto/key-check.ts): set after a complete run over every tenant. */
  retiredKeyIds: string[];
};

type Tx = Parameters<Parameters<ReturnType<Db["forTenant"]>["$tenantTransaction"]>[0]>[0];
type Values = Record<PiiField, string | null>;
type Change = { id: string; before: Values; after: Values; raw: unknown };

/** One table holding ciphertexts: how to count, read a batch and write it back guarded. */
type Target = {
  table: TableName;
  /** SQL expression of field f's stored value in alias r. */
  expr(f: PiiField): string;
  from: string;
  /** Extra condition (staged rows only: the valid ones). */
  where: string;
  select: string;
  values(row: Record<string, unknown>): Values;
  /** Writes the changes, each only if the row still holds what was read; returns values rotated. */
  write(tx: Tx, tenantId: string, changes: Change[]): Promise<number>;
};

// Every identifier below comes from the constants above, never from input.
const CITIZENS: Target = {
  table: "citizens",
  expr: (f) => `r.${CITIZEN_COLUMN[f]}`,
  from: "citizens r",
  where: "",
  select: `r.id, ${PII_FIELDS.map((f) => `r.${CITIZEN_COLUMN[f]} AS "${f}"`).join(", ")}`,
  values: (row) => Object.fromEntries(PII_FIELDS.map((f) => [f, (row[f] as string | null) ?? null])) as Values,
  async write(tx, tenantId, changes) {
    // Per column: replaced only where it still holds the ciphertext we read.
    const cols = PII_FIELDS.map((f) => CITIZEN_COLUMN[f]);
    const sql = `
      UPDATE citizens AS c SET
        ${cols.map((c) => `${c} = CASE WHEN v.${c}_new IS NOT NULL AND c.${c} = v.${c}_old THEN v.${c}_new ELSE c.${c} END`).join(",\n        ")}
        FROM unnest($2::uuid[], ${cols.map((_, i) => `$${3 + i * 2}::text[], $${4 + i * 2}::text[]`).join(", ")})
             AS v(id, ${cols.map((c) => `${c}_old, ${c}_new`).join(", ")})
       WHERE c.tenant_id = $1::uuid AND c.id = v.id
         AND (${cols.map((c) => `(v.${c}_new IS NOT NULL AND c.${c} = v.${c}_old)`).join(" OR ")})
      RETURNING ${cols.map((c) => `coalesce(c.${c} = v.${c}_new, false) AS ${c}`).join(", ")}`;
    const params = PII_FIELDS.flatMap((f) => [
      changes.map((ch) => (ch.after[f] ? ch.before[f] : null)),
      changes.map((ch) => ch.after[f]),
    ]);
    const updated = await tx.$queryRawUnsafe<Array<Record<string, boolean>>>(
      sql,
      tenantId,
      changes.map((c) => c.id),
      ...params,
    );
    return updated.reduce((sum, u) => sum + cols.filter((c) => u[c]).length, 0);
  },
};

/** Staged import rows: a valid row's `data`, or an invalid row's `cells` (its values, for the report). */
const importRowsTarget = (column: "data" | "cells"): Target => ({
  table: "import_rows",
  expr: (f) => `(r.${column}->>'${STAGED_KEY[f]}')`,
  from: "import_rows r",
  where: `AND r.${column} IS NOT NULL`,
  select: `r.id, r.${column} AS doc`,
  values: (row) => {
    const data = (row.doc ?? {}) as Record<string, unknown>;
    return Object.fromEntries(
      PII_FIELDS.map((f) => [f, typeof data[STAGED_KEY[f]] === "string" ? data[STAGED_KEY[f]] : null]),
    ) as Values;
  },
  async write(tx, tenantId, changes) {
    // Whole-document guard: a staged row is written once and then only deleted (commit, cancel).
    const next = changes.map((ch) => {
      const data = { ...(ch.raw as Record<string, unknown>) };
      for (const f of PII_FIELDS) if (ch.after[f]) data[STAGED_KEY[f]] = ch.after[f];
      return JSON.stringify(data);
    });
    const updated = await tx.$queryRawUnsafe<Array<{ id: string }>>(
      `UPDATE import_rows AS r SET ${column} = v.next
         FROM unnest($2::uuid[], $3::text[]::jsonb[], $4::text[]::jsonb[]) AS v(id, old, next)
        WHERE r.tenant_id = $1::uuid AND r.id = v.id AND r.${column} = v.old
       RETURNING r.id`,
      tenantId,
      changes.map((c) => c.id),
      changes.map((c) => JSON.stringify(c.raw)),
      next,
    );
    const done = new Set(updated.map((u) => u.id));
    return changes
      .filter((c) => done.has(c.id))
      .reduce((sum, c) => sum + PII_FIELDS.filter((f) => c.after[f]).length, 0);
  },
});
const IMPORT_ROWS = importRowsTarget("data");
const IMPORT_ROW_CELLS = importRowsTarget("cells");

/** LIKE pattern of values under `keyId` ("_" is a LIKE wildcard and may appear in key ids). */
export function primaryPattern(keyId: string): string {
  return `v1.${keyId.replace(/[\\%_]/g, (m) => `\\${m}`)}.%`;
}

const stale = (t: Target) => `(${PII_FIELDS.map((f) => `${t.expr(f)} NOT LIKE $2`).join(" OR ")})`;
const countSql = (t: Target) => `
  SELECT count(*)::int AS rows, ${PII_FIELDS.map((f) => `count(*) FILTER (WHERE ${t.expr(f)} NOT LIKE $2)::int AS "${f}"`).join(", ")}
    FROM ${t.from} WHERE r.tenant_id = $1::uuid ${t.where} AND ${stale(t)}`;
const keysSql = (t: Target) => `
  SELECT split_part(v.value, '.', 2) AS key_id, count(*)::int AS n
    FROM ${t.from}
   CROSS JOIN LATERAL (VALUES ${PII_FIELDS.map((f) => `(${t.expr(f)})`).join(", ")}) AS v(value)
   WHERE r.tenant_id = $1::uuid ${t.where} AND v.value NOT LIKE $2
   GROUP BY 1 ORDER BY 1`;
// A batch looks at no more than SCAN_WINDOW_BATCHES × batchSize rows (an index-only walk of
// (tenant_id, id) finds where that window ends), so a batch stays short even when the rows
// left to rotate are sparse — without it, the last few stale rows of a million-row tenant
// would cost one multi-second scan inside a single transaction.
const SCAN_WINDOW_BATCHES = 10;
const windowEndSql = (t: Target) => `
  SELECT r.id FROM ${t.from} WHERE r.tenant_id = $1::uuid AND r.id > $2::uuid ORDER BY r.id OFFSET $3::int LIMIT 1`;
const batchSql = (t: Target) => `
  SELECT ${t.select} FROM ${t.from}
   WHERE r.tenant_id = $1::uuid ${t.where} AND r.id > $3::uuid AND ($5::uuid IS NULL OR r.id <= $5::uuid) AND ${stale(t)}
   ORDER BY r.id LIMIT $4::int`;

const ZERO_UUID = "00000000-0000-0000-0000-000000000000";
const emptyTable = (): TableRotation => ({
  rowsToRotate: 0,
  valuesToRotate: { email: 0, phone: 0, nationalId: 0, dateOfBirth: 0 },
  rowsDone: 0,
  valuesRotated: 0,
  skippedConcurrent: 0,
});

export async function rotateCitizenKeys(db: Db, options: RotateOptions = {}): Promise<RotationResult> {
  const keyring = options.keyring ?? getKeyring();
  const batchSize = Math.max(1, Math.min(options.batchSize ?? 500, 5_000));
  const pattern = primaryPattern(keyring.primary.id);
  const tenants = await db.tenant.findMany({
    where: options.tenantIds ? { id: { in: options.tenantIds } } : {},
    select: { id: true, slug: true },
    orderBy: { id: "asc" },
  });
  const result: RotationResult = {
    primaryKeyId: keyring.primary.id,
    dryRun: !!options.dryRun,
    interrupted: false,
    tenants: [],
    totals: { rowsToRotate: 0, rowsDone: 0, valuesRotated: 0, skippedConcurrent: 0, failed: 0 },
    retiredKeyIds: [],
  };
  // Only a run over the whole database speaks for the database's key registry.
  const wholeDatabase = !options.tenantIds && !options.dryRun;
  if (wholeDatabase) await recordRotationStart(db, keyring);

  for (const tenant of tenants) {
    if (options.signal?.aborted) {
      result.interrupted = true;
      break;
    }
    const scoped = db.forTenant({ tenantId: tenant.id });
    const t: TenantRotation = {
      tenantId: tenant.id,
      slug: tenant.slug,
      citizens: emptyTable(),
      importRows: emptyTable(),
      fromKeys: {},
      failed: [],
    };
    result.tenants.push(t);

    for (const target of [CITIZENS, IMPORT_ROWS, IMPORT_ROW_CELLS]) {
      const counts = target.table === "citizens" ? t.citizens : t.importRows;
      const [row] = await scoped.$tenantTransaction((tx) =>
        tx.$queryRawUnsafe<Array<{ rows: number } & Record<PiiField, number>>>(countSql(target), tenant.id, pattern),
      );
      // += : both import_rows targets (data, cells) add up into importRows.
      counts.rowsToRotate += row?.rows ?? 0;
      for (const f of PII_FIELDS) counts.valuesToRotate[f] += row?.[f] ?? 0;
      if ((row?.rows ?? 0) === 0) continue;
      if (options.dryRun) {
        const keys = await scoped.$tenantTransaction((tx) =>
          tx.$queryRawUnsafe<Array<{ key_id: string; n: number }>>(keysSql(target), tenant.id, pattern),
        );
        for (const k of keys)
          t.fromKeys[k.key_id || "(not a Civitas ciphertext)"] =
            (t.fromKeys[k.key_id || "(not a Civitas ciphertext)"] ?? 0) + k.n;
        continue;
      }

      let after = ZERO_UUID;
      while (!result.interrupted) {
        if (options.signal?.aborted) {
          result.interrupted = true;
          break;
        }
        const batch = await scoped.$tenantTransaction(async (tx) => {
          const [end] = await tx.$queryRawUnsafe<Array<{ id: string }>>(
            windowEndSql(target),
            tenant.id,
            after,
            SCAN_WINDOW_BATCHES * batchSize - 1,
          );
          const windowEnd = end?.id ?? null; // null: the window reaches the end of the table
          const rows = await tx.$queryRawUnsafe<Array<Record<string, unknown> & { id: string }>>(
            batchSql(target),
            tenant.id,
            pattern,
            after,
            batchSize,
            windowEnd,
          );
          const changes: Change[] = [];
          for (const r of rows) {
            const before = target.values(r);
            const next: Values = { email: null, phone: null, nationalId: null, dateOfBirth: null };
            for (const f of PII_FIELDS) {
              const stored = before[f];
              if (stored === null || keyIdOf(stored) === keyring.primary.id) continue;
              try {
                const ctx = { tenantId: tenant.id, field: aadField(f) };
                next[f] = encryptField(keyring, decryptField(keyring, stored, ctx), ctx);
                const from = keyIdOf(stored) ?? "(not a Civitas ciphertext)";
                t.fromKeys[from] = (t.fromKeys[from] ?? 0) + 1;
              } catch (err) {
                t.failed.push({
                  table: target.table,
                  id: r.id,
                  field: f,
                  reason: err instanceof Error ? err.message : String(err),
                });
              }
            }
            if (PII_FIELDS.some((f) => next[f] !== null)) changes.push({ id: r.id, before, after: next, raw: r.doc });
          }
          const planned = changes.reduce((sum, c) => sum + PII_FIELDS.filter((f) => c.after[f]).length, 0);
          const rotated = changes.length > 0 ? await target.write(tx, tenant.id, changes) : 0;
          // A full batch may have left stale rows in the window: continue after its last row.
          // Otherwise the window is done: continue after it, or stop at the end of the table.
          const next = rows.length === batchSize ? rows.at(-1)!.id : windowEnd;
          return { rows: rows.length, next, planned, rotated };
        });
        if (batch.next === null && batch.rows === 0) break;
        counts.rowsDone += batch.rows;
        counts.valuesRotated += batch.rotated;
        counts.skippedConcurrent += batch.planned - batch.rotated;
        if (batch.rows > 0)
          options.onProgress?.({
            tenantId: tenant.id,
            slug: tenant.slug,
            table: target.table,
            rowsDone: counts.rowsDone,
            remaining: batch.next === null ? 0 : Math.max(0, counts.rowsToRotate - counts.rowsDone),
            valuesRotated: counts.valuesRotated,
            skippedConcurrent: counts.skippedConcurrent,
          });
        if (batch.next === null) break;
        after = batch.next;
      }
      if (result.interrupted) break;
    }

    const rotated = t.citizens.valuesRotated + t.importRows.valuesRotated;
    const skipped = t.citizens.skippedConcurrent + t.importRows.skippedConcurrent;
    if (!options.dryRun && (rotated > 0 || skipped > 0 || t.failed.length > 0)) {
      await scoped.$tenantTransaction((tx) =>
        recordAudit(tx, {
          tenantId: tenant.id,
          action: "crypto.keys_rotated",
          targetType: "tenant",
          targetId: tenant.id,
          data: {
            toKeyId: keyring.primary.id,
            fromKeyIds: Object.keys(t.fromKeys).sort(),
            valuesByKey: t.fromKeys,
            citizenRows: t.citizens.rowsDone,
            stagedImportRows: t.importRows.rowsDone,
            valuesRotated: rotated,
            skippedConcurrent: skipped,
            undecryptable: t.failed.length,
            complete: !result.interrupted,
          },
        }),
      );
    }
    if (result.interrupted) break;
  }

  for (const t of result.tenants) {
    for (const c of [t.citizens, t.importRows]) {
      result.totals.rowsToRotate += c.rowsToRotate;
      result.totals.rowsDone += c.rowsDone;
      result.totals.valuesRotated += c.valuesRotated;
      result.totals.skippedConcurrent += c.skippedConcurrent;
    }
    result.totals.failed += t.failed.length;
  }
  if (wholeDatabase && !result.interrupted && result.totals.failed === 0)
    result.retiredKeyIds = await retireKeysOtherThan(db, keyring.primary.id);
  return result;
}
