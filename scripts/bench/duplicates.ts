// The duplicate finder's benchmark (BENCH_ONLY=duplicates): refreshDuplicateCandidates — the
// blocking + scoring SQL of lib/citizens/duplicates/candidates-sql.ts and the rewrite of the
// candidates table, through the app role under RLS — on one tenant (`bench-dupes`) of
// BENCH_DUP_CITIZENS (1,000,000) people plus 1 % re-entered copies (a transposed letter in the
// first name, first and last name swapped, or the birth date left out; the copies' member
// number in custom_fields.m tells the truth), so the run also reports precision and recall at
// scale. The blind-index columns hold md5 strings in place of HMACs: the finder only compares
// them for equality, so the cost is the same and no key is needed. Seeded once (resumable per
// chunk); target: median < 5 s.
import type { Client } from "pg";
import { performance } from "node:perf_hooks";
import { refreshDuplicateCandidates } from "../../lib/citizens/duplicates/refresh-duplicate-candidates";
import { runAsSystem } from "../../lib/context/request-context";
import { FIRST_NAMES, LAST_NAMES, STREETS } from "./data";
import { stats } from "./measure";

const SLUG = "bench-dupes";
const CHUNK = 100_000;
const TARGET_MS = 5_000;

async function seed(owner: Client, n: number): Promise<{ tenantId: string; steps: string[] }> {
  const steps: string[] = [];
  const { rows } = await owner.query<{ id: string }>(
    `INSERT INTO tenants (id, slug, name, updated_at) VALUES (gen_random_uuid(), $1, 'Bench duplicates', now())
     ON CONFLICT (slug) DO UPDATE SET slug = EXCLUDED.slug RETURNING id`,
    [SLUG],
  );
  const tenantId = rows[0]!.id;
  const count = async (copies: boolean) =>
    Number(
      (
        await owner.query<{ n: string }>(
          `SELECT count(*) AS n FROM citizens WHERE tenant_id = $1 AND (custom_fields ? 'copy') = $2`,
          [tenantId, copies],
        )
      ).rows[0]!.n,
    );
  for (let have = await count(false); have < n; have = await count(false)) {
    const t0 = performance.now();
    const to = Math.min(n, have + CHUNK);
    await owner.query(
      `INSERT INTO citizens (id, tenant_id, first_name, last_name, postal_code, address_line1, email_bidx, phone_bidx,
                             national_id_bidx, date_of_birth_bidx, custom_fields, updated_at)
       SELECT gen_random_uuid(), $1::uuid,
              ($4::text[])[1 + floor(power(random(), 1.2) * cardinality($4::text[]))::int],
              ($5::text[])[1 + floor(power(random(), 1.3) * cardinality($5::text[]))::int],
              (1000 + floor(random() * 9000))::int || ' ' || chr(65 + floor(random() * 6)::int) || chr(65 + floor(random() * 6)::int),
              (1 + floor(random() * 250))::int || ' ' || ($6::text[])[1 + floor(random() * cardinality($6::text[]))::int],
              CASE WHEN random() < 0.6 THEN md5('e' || g) END,
              CASE WHEN random() < 0.4 THEN md5('p' || g) END,
              CASE WHEN random() < 0.3 THEN md5('n' || g) END,
              CASE WHEN random() < 0.9 THEN md5('d' || floor(random() * 29000)::int) END,
              jsonb_build_object('m', g), now()
         FROM generate_series($2::int, $3::int) g`,
      [tenantId, have + 1, to, FIRST_NAMES, LAST_NAMES, STREETS],
    );
    steps.push(`citizens ${have + 1}–${to} in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    console.log(`[seed duplicates] ${steps.at(-1)}`);
  }
  if ((await count(true)) === 0) {
    const t0 = performance.now();
    await owner.query(
      `INSERT INTO citizens (id, tenant_id, first_name, last_name, postal_code, address_line1, email_bidx, phone_bidx,
                             national_id_bidx, date_of_birth_bidx, custom_fields, updated_at)
       SELECT gen_random_uuid(), tenant_id,
              CASE WHEN m % 3 = 1 THEN last_name
                   WHEN length(first_name) > 3 THEN overlay(first_name placing reverse(substr(first_name, 2, 2)) from 2 for 2)
                   ELSE first_name END,
              CASE WHEN m % 3 = 1 THEN first_name ELSE last_name END,
              postal_code, CASE WHEN m % 2 = 0 THEN address_line1 END,
              CASE WHEN m % 3 <> 0 THEN email_bidx END, phone_bidx, NULL,
              CASE WHEN m % 3 = 2 THEN NULL ELSE date_of_birth_bidx END,
              jsonb_build_object('m', m, 'copy', true), now()
         FROM (SELECT *, (custom_fields->>'m')::int AS m FROM citizens WHERE tenant_id = $1) c
        WHERE m % 100 = 0`,
      [tenantId],
    );
    steps.push(`copies in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    console.log(`[seed duplicates] ${steps.at(-1)}`);
  }
  // VACUUM, not only ANALYZE: the blocks are index-only scans, which read the heap for every
  // row until the visibility map is set (autovacuum's job in production). Straight after the
  // seed, without it, the first refresh took over 120 s instead of ~20 s under the same load.
  if (steps.length > 0) await owner.query("VACUUM (ANALYZE) citizens");
  return { tenantId, steps };
}

export async function runDuplicateBenches(owner: Client): Promise<string[]> {
  const n = Number(process.env.BENCH_DUP_CITIZENS ?? 1_000_000);
  const runs = Number(process.env.BENCH_DUP_RUNS ?? 5);
  const { tenantId } = await seed(owner, n);
  const samples: number[] = [];
  let found = 0;
  for (let i = 0; i < runs + 1; i++) {
    const t0 = performance.now();
    const r = await runAsSystem("admin_script", () => refreshDuplicateCandidates({ tenantId }));
    // The first run warms the cache and is not counted.
    if (i > 0) samples.push(performance.now() - t0);
    found = r.found;
  }
  const { rows } = await owner.query<{ truth: string; hits: string }>(
    `SELECT (SELECT count(*) FROM citizens WHERE tenant_id = $1 AND custom_fields ? 'copy') AS truth,
            (SELECT count(*) FROM duplicate_candidates d
               JOIN citizens a ON a.id = d.citizen_a_id JOIN citizens b ON b.id = d.citizen_b_id
              WHERE d.tenant_id = $1 AND a.custom_fields->'m' = b.custom_fields->'m') AS hits`,
    [tenantId],
  );
  const truth = Number(rows[0]!.truth);
  const hits = Number(rows[0]!.hits);
  const s = stats(samples);
  return [
    `  duplicates: refresh of ${(n + truth).toLocaleString("en")} citizens (${truth.toLocaleString("en")} re-entered copies): ` +
      `median ${(s.median / 1000).toFixed(2)} s, p95 ${(s.p95 / 1000).toFixed(2)} s over ${s.n} runs — ${s.median < TARGET_MS ? "pass" : "MISS"} (target < 5 s)`,
    `  duplicates: ${found.toLocaleString("en")} candidates, precision ${(hits / Math.max(found, 1)).toFixed(3)}, recall ${(hits / Math.max(truth, 1)).toFixed(3)}`,
  ];
}
