// The benchmark's data set, seeded once and reused: one big tenant (`bench-big`, 1,000,000
// citizens by default) and two small ones (50,000 each), ~300,000 cases, 10,000 citizens with a
// real encrypted email and blind index. Set-based SQL as the owner (rows are generated inside
// PostgreSQL with generate_series; only the word lists travel as array parameters).
//
// Idempotent and resumable: citizens go in chunks, each chunk one committed statement whose
// member numbers continue from the tenant's current count, so an interrupted seed resumes
// where it stopped; cases go in one statement per tenant (all or nothing); blind indexes are
// checked against the current keyring and recomputed when they do not match it.
import type { Client } from "pg";
import { performance } from "node:perf_hooks";
import { encryptPii } from "../../lib/citizens/pii";
import type { Keyring } from "../../lib/crypto/keyring";
import { CASE_CATEGORIES, CASE_TITLES, CITIES, FIRST_NAMES, LAST_NAMES, NOTE_SENTENCES, STREETS, TAGS } from "./data";

export type BenchTenant = { slug: string; id: string; citizens: number };
export type SeedReport = { seconds: number; insertedCitizens: number; insertedCases: number; steps: string[] };

export const BIG_SLUG = "bench-big";
export const SMALL_SLUGS = ["bench-small-1", "bench-small-2"];
/** Citizens whose member number is at most this have a real (encrypted) email + blind index. */
export const EMAIL_ROWS = 10_000;
export const benchEmail = (memberNo: number) => `citizen${memberNo}@bench.example.org`;
const STAFF = Array.from({ length: 8 }, (_, i) => ({
  email: `bench-staff-${i + 1}@bench.example.org`,
  name: `${FIRST_NAMES[i * 7]} ${LAST_NAMES[i * 11]}`,
}));
const CHUNK = 100_000;

/**
 * The search columns, computed in the INSERT with exactly the trigger's expressions
 * (migration citizens_cases, function citizens_search_fields) — used when the trigger is off.
 */
const SEARCH_COLUMNS_SQL = `
  lower(unaccent(s.first_name || ' ' || s.last_name)),
  setweight(to_tsvector('simple', unaccent(s.first_name || ' ' || s.last_name)), 'A') ||
  setweight(to_tsvector('simple', unaccent(concat_ws(' ', s.city, s.postal_code, s.address_line1, array_to_string(s.tags, ' ')))), 'B') ||
  setweight(to_tsvector(citizen_search_config(s.preferred_language), coalesce(s.notes, '')), 'C')`;

/** One chunk of citizens, member numbers $2..$3 (inclusive). */
function citizensInsertSql(withSearchColumns: boolean): string {
  return `
  INSERT INTO citizens (id, tenant_id, first_name, last_name, city, postal_code, address_line1, country, preferred_language,
                        tags, notes, custom_fields, created_at, updated_at, deleted_at${withSearchColumns ? ", search_name, search_vector" : ""})
  SELECT gen_random_uuid(), $1::uuid, s.first_name, s.last_name, s.city, s.postal_code, s.address_line1, 'NL', s.preferred_language,
         s.tags, s.notes, s.custom_fields, s.created, s.updated, CASE WHEN s.r_del < 0.01 THEN s.updated END
         ${withSearchColumns ? `, ${SEARCH_COLUMNS_SQL}` : ""}
    FROM (
      SELECT t.*, t.created + random() * (now() - t.created) AS updated
        FROM (
          SELECT g,
                 -- power(random(), k): a skew, so the first names of each list are the common ones.
                 ($4::text[])[1 + floor(power(random(), 1.2) * cardinality($4::text[]))::int] AS first_name,
                 ($5::text[])[1 + floor(power(random(), 1.3) * cardinality($5::text[]))::int] AS last_name,
                 ($6::text[])[1 + floor(power(random(), 1.5) * cardinality($6::text[]))::int] AS city,
                 (1000 + floor(random() * 9000))::int || ' ' || chr(65 + floor(random() * 26)::int) || chr(65 + floor(random() * 26)::int) AS postal_code,
                 (1 + floor(random() * 250))::int || ' ' || ($7::text[])[1 + floor(random() * cardinality($7::text[]))::int] AS address_line1,
                 (ARRAY['en','en','en','en','en','en','en','nl','nl','fr','de','pl','tr'])[1 + floor(random() * 13)::int] AS preferred_language,
                 ARRAY(SELECT x.t FROM unnest($8::text[], $9::float8[]) AS x(t, w) WHERE random() < x.w AND g > 0) AS tags,
                 concat_ws(' ',
                   CASE WHEN random() < 0.85 THEN ($10::text[])[1 + floor(random() * cardinality($10::text[]))::int] END,
                   CASE WHEN random() < 0.45 THEN ($10::text[])[1 + floor(random() * cardinality($10::text[]))::int] END,
                   CASE WHEN random() < 0.15 THEN ($10::text[])[1 + floor(random() * cardinality($10::text[]))::int] END) AS notes,
                 jsonb_build_object('member_no', g, 'ward', 'ward-' || (1 + floor(random() * 20))::int,
                                    'household_size', (1 + floor(random() * 6))::int, 'newsletter', random() < 0.3) AS custom_fields,
                 now() - random() * interval '5 years' AS created,
                 random() AS r_del
            FROM generate_series($2::int, $3::int) AS g
        ) t
    ) s`;
}

const CASES_SQL = `
  INSERT INTO cases (id, tenant_id, citizen_id, title, description, category, status, priority, assignee_id, due_at, created_at, updated_at, resolved_at)
  SELECT gen_random_uuid(), $1::uuid, s.citizen_id, s.title, '', s.category, s.status::"CaseStatus", s.priority::"CasePriority",
         CASE WHEN s.r_assign < 0.25 THEN NULL ELSE ($2::uuid[])[1 + floor(s.r_assign * cardinality($2::uuid[]))::int] END,
         CASE WHEN s.r_due < 0.7 THEN s.created + (7 + floor(s.r_due * 80))::int * interval '1 day' END,
         s.created, s.created,
         CASE WHEN s.status IN ('RESOLVED', 'CLOSED') THEN s.created + s.r_due * interval '30 days' END
    FROM (
      SELECT t.*,
             CASE WHEN t.r_status < (CASE WHEN t.created > now() - interval '90 days' THEN 0.7 ELSE 0.04 END)
                  THEN (ARRAY['OPEN','IN_PROGRESS','WAITING'])[1 + floor(t.r_pick * 3)::int]
                  ELSE (ARRAY['RESOLVED','CLOSED'])[1 + floor(t.r_pick * 2)::int] END AS status
        FROM (
          SELECT c.id AS citizen_id,
                 c.created_at + random() * (now() - c.created_at) AS created,
                 ($3::text[])[1 + floor(random() * cardinality($3::text[]))::int] AS title,
                 ($4::text[])[1 + floor(random() * cardinality($4::text[]))::int] AS category,
                 (ARRAY['LOW','NORMAL','NORMAL','NORMAL','HIGH','URGENT'])[1 + floor(random() * 6)::int] AS priority,
                 random() AS r_status, random() AS r_pick, random() AS r_assign, random() AS r_due
            FROM citizens c
           CROSS JOIN LATERAL generate_series(1, CASE WHEN random() < 0.35 AND c.version > 0 THEN 2 ELSE 1 END) AS k
           WHERE c.tenant_id = $1::uuid AND (c.custom_fields->>'member_no')::int % 5 = 0
        ) t
    ) s`;

function log(line: string) {
  console.log(`[seed] ${line}`);
}

async function ensureTenant(owner: Client, slug: string, name: string): Promise<string> {
  const { rows } = await owner.query<{ id: string }>(
    `INSERT INTO tenants (id, slug, name, updated_at) VALUES (gen_random_uuid(), $1, $2, now())
     ON CONFLICT (slug) DO UPDATE SET slug = EXCLUDED.slug RETURNING id`,
    [slug, name],
  );
  return rows[0]!.id;
}

async function ensureStaff(owner: Client, tenantIds: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const s of STAFF) {
    const { rows } = await owner.query<{ id: string }>(
      `INSERT INTO users (id, email, name, email_verified_at, updated_at) VALUES (gen_random_uuid(), $1, $2, now(), now())
       ON CONFLICT (email) DO UPDATE SET email = EXCLUDED.email RETURNING id`,
      [s.email, s.name],
    );
    ids.push(rows[0]!.id);
  }
  for (const tenantId of tenantIds) {
    await owner.query(
      `INSERT INTO memberships (id, tenant_id, user_id, role, updated_at)
       SELECT gen_random_uuid(), $1::uuid, u, CASE WHEN o = 1 THEN 'OWNER' ELSE 'MEMBER' END::"Role", now()
         FROM unnest($2::uuid[]) WITH ORDINALITY AS x(u, o)
       ON CONFLICT (tenant_id, user_id) DO NOTHING`,
      [tenantId, ids],
    );
    await owner.query(
      `INSERT INTO custom_field_definitions (id, tenant_id, key, label, type, options, position, updated_at)
       VALUES (gen_random_uuid(), $1::uuid, 'member_no', 'Member number', 'NUMBER', '{}', 0, now()),
              (gen_random_uuid(), $1::uuid, 'ward', 'Ward', 'SELECT', (SELECT array_agg('ward-' || i) FROM generate_series(1, 20) i), 1, now()),
              (gen_random_uuid(), $1::uuid, 'household_size', 'Household size', 'NUMBER', '{}', 2, now()),
              (gen_random_uuid(), $1::uuid, 'newsletter', 'Newsletter', 'BOOLEAN', '{}', 3, now())
       ON CONFLICT (tenant_id, key) DO NOTHING`,
      [tenantId],
    );
  }
  return ids;
}

async function count(owner: Client, sql: string, params: unknown[]): Promise<number> {
  const { rows } = await owner.query<{ n: number }>(sql, params);
  return Number(rows[0]!.n);
}

async function seedCitizens(owner: Client, tenant: BenchTenant, triggerOff: boolean): Promise<number> {
  const done = await count(owner, "SELECT count(*)::int AS n FROM citizens WHERE tenant_id = $1::uuid", [tenant.id]);
  if (done >= tenant.citizens) return 0;
  if (done > 0)
    log(`${tenant.slug}: resuming at ${done.toLocaleString("en")} of ${tenant.citizens.toLocaleString("en")} citizens`);
  const sql = citizensInsertSql(triggerOff);
  const weights = TAGS.map(([, w]) => w);
  let at = done;
  while (at < tenant.citizens) {
    const to = Math.min(at + CHUNK, tenant.citizens);
    const t0 = performance.now();
    await owner.query(sql, [
      tenant.id,
      at + 1,
      to,
      FIRST_NAMES,
      LAST_NAMES,
      CITIES,
      STREETS,
      TAGS.map(([t]) => t),
      weights,
      NOTE_SENTENCES,
    ]);
    log(
      `${tenant.slug}: citizens ${(at + 1).toLocaleString("en")}–${to.toLocaleString("en")} in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    at = to;
  }
  return tenant.citizens - done;
}

async function seedCases(owner: Client, tenant: BenchTenant, staff: string[]): Promise<number> {
  if (
    (await count(owner, "SELECT count(*)::int AS n FROM (SELECT 1 FROM cases WHERE tenant_id = $1::uuid LIMIT 1) x", [
      tenant.id,
    ])) > 0
  )
    return 0;
  const t0 = performance.now();
  const res = await owner.query(CASES_SQL, [tenant.id, staff, CASE_TITLES, CASE_CATEGORIES]);
  log(
    `${tenant.slug}: ${res.rowCount?.toLocaleString("en")} cases in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  return res.rowCount ?? 0;
}

/** Real ciphertexts and blind indexes for member numbers 1..EMAIL_ROWS, under `keyring`. */
async function seedEmails(owner: Client, tenant: BenchTenant, keyring: Keyring): Promise<boolean> {
  const rows = Math.min(EMAIL_ROWS, tenant.citizens);
  const probe = encryptPii(tenant.id, { email: benchEmail(rows) }, keyring);
  const present = await count(
    owner,
    "SELECT count(*)::int AS n FROM citizens WHERE tenant_id = $1::uuid AND email_bidx = $2",
    [tenant.id, probe.emailBidx],
  );
  if (present > 0) return false;
  const t0 = performance.now();
  const numbers: number[] = [];
  const enc: string[] = [];
  const bidx: string[] = [];
  for (let k = 1; k <= rows; k++) {
    const cols = encryptPii(tenant.id, { email: benchEmail(k) }, keyring);
    numbers.push(k);
    enc.push(cols.emailEnc!);
    bidx.push(cols.emailBidx!);
  }
  await owner.query(
    `UPDATE citizens c SET email_enc = v.e, email_bidx = v.b
       FROM unnest($2::int[], $3::text[], $4::text[]) AS v(k, e, b)
      WHERE c.tenant_id = $1::uuid AND (c.custom_fields->>'member_no')::int = v.k`,
    [tenant.id, numbers, enc, bidx],
  );
  log(
    `${tenant.slug}: ${rows.toLocaleString("en")} encrypted emails + blind indexes in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  return true;
}

/**
 * Seeds what is missing. `triggerOff`: insert with the search trigger disabled, computing the
 * search columns in the INSERT itself (same expressions), then re-enable it.
 */
export async function seedBench(
  owner: Client,
  options: { big: number; small: number; keyring: Keyring; triggerOff: boolean },
): Promise<{ big: BenchTenant; small: BenchTenant[]; staff: string[]; report: SeedReport }> {
  const t0 = performance.now();
  const big: BenchTenant = {
    slug: BIG_SLUG,
    id: await ensureTenant(owner, BIG_SLUG, "Bench City (1M)"),
    citizens: options.big,
  };
  const small = await Promise.all(
    SMALL_SLUGS.map(async (slug, i) => ({
      slug,
      id: await ensureTenant(owner, slug, `Bench Village ${i + 1}`),
      citizens: options.small,
    })),
  );
  const tenants = [big, ...small];
  const staff = await ensureStaff(
    owner,
    tenants.map((t) => t.id),
  );

  // Bulk-load settings for this session only: commits need not wait for the WAL flush (a crash
  // loses at most the last chunk, which the resume redoes), and GIN pending lists are flushed
  // in bigger, cheaper batches.
  await owner.query("SET synchronous_commit = off");
  await owner.query("SET work_mem = '256MB'");
  await owner.query("SET gin_pending_list_limit = '32MB'");
  await owner.query("SET maintenance_work_mem = '512MB'");

  let insertedCitizens = 0;
  const steps: string[] = [];
  const tc = performance.now();
  if (options.triggerOff) await owner.query("ALTER TABLE citizens DISABLE TRIGGER citizens_search_fields");
  try {
    for (const t of tenants) insertedCitizens += await seedCitizens(owner, t, options.triggerOff);
  } finally {
    if (options.triggerOff) await owner.query("ALTER TABLE citizens ENABLE TRIGGER citizens_search_fields");
  }
  if (insertedCitizens > 0)
    steps.push(
      `citizens: ${insertedCitizens.toLocaleString("en")} rows in ${((performance.now() - tc) / 1000).toFixed(0)} s (search trigger ${options.triggerOff ? "off, columns computed in the INSERT" : "on"})`,
    );

  const tk = performance.now();
  let insertedCases = 0;
  for (const t of tenants) insertedCases += await seedCases(owner, t, staff);
  if (insertedCases > 0)
    steps.push(
      `cases: ${insertedCases.toLocaleString("en")} rows in ${((performance.now() - tk) / 1000).toFixed(0)} s`,
    );

  const te = performance.now();
  if (await seedEmails(owner, big, options.keyring))
    steps.push(
      `emails: ${EMAIL_ROWS.toLocaleString("en")} encrypted + blind-indexed in ${((performance.now() - te) / 1000).toFixed(1)} s`,
    );

  // Also when a previous seed was interrupted after its inserts but before this step.
  const { rows: vacuumed } = await owner.query<{ done: boolean }>(
    "SELECT coalesce(last_vacuum, last_autovacuum) IS NOT NULL AND coalesce(last_analyze, last_autoanalyze) IS NOT NULL AS done FROM pg_stat_user_tables WHERE relname = 'citizens'",
  );
  if (steps.length > 0 || !vacuumed[0]?.done) {
    // VACUUM, not only ANALYZE: it flushes the GIN pending lists and sets the visibility map,
    // which is the state autovacuum would reach soon after any bulk load.
    const tv = performance.now();
    await owner.query("VACUUM (ANALYZE) citizens");
    await owner.query("VACUUM (ANALYZE) cases");
    await owner.query("ANALYZE users, tenants");
    steps.push(`vacuum + analyze in ${((performance.now() - tv) / 1000).toFixed(0)} s`);
  }
  await owner.query("RESET ALL");
  const seconds = (performance.now() - t0) / 1000;
  return { big, small, staff, report: { seconds, insertedCitizens, insertedCases, steps } };
}
