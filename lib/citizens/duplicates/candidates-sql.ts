// The duplicate finder as one SQL statement (issue #11 item 3), so a million citizens never
// leave the database. Two stages, as record-linkage tools do:
//   1. Blocking: each citizen emits a few keys (its email, phone and national-ID blind indexes;
//      its birth-date blind index with its name initials; its postal code with its initials).
//      Citizens sharing a key form a block, and only pairs inside a block are compared: that
//      is what keeps this from being a million-squared comparison. Initials are sorted, so
//      "Smith John" meets "John Smith"; a typo in a first letter is left to the other blocks
//      (a birth date with one initial alone made blocks too large at a million people). Keys
//      are stored columns (the birth-date and postal-code keys kept by the
//      citizens trigger), so blocks are read from their indexes. Blocks larger than
//      MAX_BLOCK_SIZE (a shared office phone) propose nothing.
//   2. Scoring: every field both records have adds its Fellegi–Sunter weight (weights.ts):
//      names part by part with an edit distance, addresses by trigram similarity;
//      exact agreement on a value weighs log2(m · N / count), so rarer values weigh more.
// Dismissed pairs ("not a duplicate") are left out. No "server-only" marker: the benchmark
// runs this under plain Node.
import { Prisma } from "@/lib/generated/prisma/client";
import {
  CANDIDATE_THRESHOLD,
  MAX_BLOCK_SIZE,
  MAX_CANDIDATES,
  MIN_POPULATION,
  WEIGHTS,
  type FieldWeights,
} from "./weights";

const log2 = (x: number) => Math.log2(x);
const raw = (n: number) => Prisma.raw(String(n));

/** Level and weight of a blind-index field: equal ciphertext-free HMACs mean equal values. */
function exactField(name: string, col: string, w: FieldWeights, tenantId: string, counted?: Prisma.Sql) {
  const a = Prisma.raw(`ca.${col}`);
  const b = Prisma.raw(`cb.${col}`);
  const count =
    counted ??
    Prisma.sql`(SELECT count(*) FROM citizens f WHERE f.tenant_id = ${tenantId}::uuid AND f.deleted_at IS NULL AND f.${Prisma.raw(col)} = ${a})`;
  return {
    level: Prisma.sql`CASE WHEN ${a} IS NULL OR ${b} IS NULL THEN 'missing' WHEN ${a} = ${b} THEN 'exact' ELSE 'different' END AS ${Prisma.raw(`${name}_level`)}`,
    weight: Prisma.sql`CASE WHEN ${a} IS NULL OR ${b} IS NULL THEN 0::float8
      WHEN ${a} = ${b} THEN log(${raw(w.mExact)} * pop.n / greatest(${count}, 1)) / log(2)
      ELSE ${raw(log2(w.mDifferent))} END AS ${Prisma.raw(`${name}_weight`)}`,
  };
}

/**
 * Two name parts are "close" within a typo or two: one edit for short parts (Anna / Ana), two
 * for longer ones (Maria / Mraia, a swap of two letters). Parts are compared one by one, not
 * as a whole name, so a long shared surname ("de Vries") cannot make Daan and Sara look alike.
 */
const close = (x: string, y: string) =>
  `levenshtein(${x}, ${y}) <= CASE WHEN greatest(length(${x}), length(${y})) <= 4 THEN 1 ELSE 2 END`;

const ADDRESS = (t: string) =>
  `CASE WHEN nullif(trim(${t}.address_line1), '') IS NULL THEN NULL
        ELSE lower(regexp_replace(trim(${t}.address_line1 || ' ' || coalesce(${t}.postal_code, '')), '\\s+', ' ', 'g')) END`;

/** One kind of block: the members of every key shared by 2..MAX_BLOCK_SIZE people. */
function blockMembers(t: Prisma.Sql, kind: string, col: string): Prisma.Sql {
  const c = Prisma.raw(col);
  return Prisma.sql`SELECT id, ${kind}::text AS kind, key FROM (
    SELECT c.id, c.${c} AS key, count(*) OVER (PARTITION BY c.${c}) AS n
      FROM citizens c WHERE c.tenant_id = ${t} AND c.${c} IS NOT NULL AND c.deleted_at IS NULL
  ) k WHERE n BETWEEN 2 AND ${raw(MAX_BLOCK_SIZE)}`;
}

/**
 * Stage 1 over the whole tenant (see the top of this file). Every key is a stored column with a
 * (tenant_id, key, deleted_at, id) index (the birth-date and postal-code keys are kept by the
 * citizens trigger): each kind of block is one index-only scan in key order, counted by a
 * window as it streams past — no key is computed, hashed, sorted or spilled per refresh.
 */
function blockingForAll(t: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`members AS MATERIALIZED (
  ${blockMembers(t, "email", "email_bidx")}
  UNION ALL ${blockMembers(t, "phone", "phone_bidx")}
  UNION ALL ${blockMembers(t, "national_id", "national_id_bidx")}
  UNION ALL ${blockMembers(t, "dob_name", "dob_name_key")}
  UNION ALL ${blockMembers(t, "address_name", "address_name_key")}
),
blocked AS (
  SELECT x.id AS a, y.id AS b, array_agg(DISTINCT x.kind ORDER BY x.kind) AS blocks
    FROM members x JOIN members y ON y.kind = x.kind AND y.key = x.key AND x.id < y.id
   WHERE NOT EXISTS (SELECT 1 FROM duplicate_dismissals d
                      WHERE d.tenant_id = ${t} AND d.citizen_a_id = x.id AND d.citizen_b_id = y.id)
   GROUP BY x.id, y.id
)`;
}

/**
 * Stage 1 for one citizen (at create time): the people who share one of its blind indexes, or
 * its birth date and name initials — index look-ups ((tenant_id, <bidx>) indexes), so it costs
 * milliseconds however large the tenant. The postal-code block needs the full pass (nightly).
 */
function blockingForOne(t: Prisma.Sql, citizenId: string): Prisma.Sql {
  const sameDob = "c.dob_name_key = n.dob_name_key";
  return Prisma.sql`blocked AS (
  SELECT least(n.id, c.id) AS a, greatest(n.id, c.id) AS b,
         array_remove(ARRAY[
           CASE WHEN ${Prisma.raw(sameDob)} THEN 'dob_name' END,
           CASE WHEN c.email_bidx = n.email_bidx THEN 'email' END,
           CASE WHEN c.national_id_bidx = n.national_id_bidx THEN 'national_id' END,
           CASE WHEN c.phone_bidx = n.phone_bidx THEN 'phone' END], NULL) AS blocks
    FROM citizens n
    JOIN citizens c ON c.tenant_id = ${t} AND c.id <> n.id AND c.deleted_at IS NULL
     AND (c.email_bidx = n.email_bidx OR c.phone_bidx = n.phone_bidx OR c.national_id_bidx = n.national_id_bidx
          OR ${Prisma.raw(sameDob)})
   WHERE n.tenant_id = ${t} AND n.id = ${citizenId}::uuid AND n.deleted_at IS NULL
     AND NOT EXISTS (SELECT 1 FROM duplicate_dismissals d
                      WHERE d.tenant_id = ${t} AND d.citizen_a_id = least(n.id, c.id) AND d.citizen_b_id = greatest(n.id, c.id))
)`;
}

/**
 * How many people share each birth date. For one citizen: the few dates of its pairs, by index.
 * For the whole tenant: every date, read from the dob_name_key index (the key starts with the
 * birth-date blind index; base64url has no ':'), an index-only scan of 0.6 s at a million
 * people where the semi join on the heap took 4.5 s.
 */
const dobFreqOfBlocked = (t: Prisma.Sql) => Prisma.sql`
  SELECT f.date_of_birth_bidx AS v, count(*) AS n FROM citizens f
   WHERE f.tenant_id = ${t} AND f.deleted_at IS NULL AND f.date_of_birth_bidx IS NOT NULL
     AND f.date_of_birth_bidx IN (SELECT c.date_of_birth_bidx FROM blocked b JOIN citizens c ON c.id = b.a AND c.tenant_id = ${t})
   GROUP BY f.date_of_birth_bidx`;
const dobFreqOfAll = (t: Prisma.Sql) => Prisma.sql`
  SELECT split_part(f.dob_name_key, ':', 1) AS v, count(*) AS n FROM citizens f
   WHERE f.tenant_id = ${t} AND f.deleted_at IS NULL AND f.dob_name_key IS NOT NULL
   GROUP BY 1`;

/** The candidate pairs of one tenant (or of one citizen): (a, b, score, fields, blocks), best first. */
export function duplicateCandidatesSql(tenantId: string, opts: { citizenId?: string } = {}): Prisma.Sql {
  const t = Prisma.sql`${tenantId}::uuid`;
  const nid = exactField("national_id", "national_id_bidx", WEIGHTS.nationalId, tenantId);
  const email = exactField("email", "email_bidx", WEIGHTS.email, tenantId);
  const phone = exactField("phone", "phone_bidx", WEIGHTS.phone, tenantId);
  // Birth dates are shared by dozens of people each: counted once per date (dob_freq) rather
  // than once per pair, which at a million people was most of the run.
  const dob = exactField("dob", "date_of_birth_bidx", WEIGHTS.dateOfBirth, tenantId, Prisma.sql`coalesce(df.n, 1)`);
  const name = WEIGHTS.name;
  const addr = WEIGHTS.address;
  return Prisma.sql`
WITH ${opts.citizenId ? blockingForOne(t, opts.citizenId) : blockingForAll(t)},
dob_freq AS (${opts.citizenId ? dobFreqOfBlocked(t) : dobFreqOfAll(t)}),
pop AS (
  SELECT greatest(coalesce(sum(citizens), 0), ${raw(MIN_POPULATION)})::float8 AS n FROM citizen_names WHERE tenant_id = ${t}
),
-- Each person in a pair, normalised once (not twice per pair), read by primary key: the pairs
-- then join this set rather than the whole tenant.
people AS MATERIALIZED (
  SELECT c.id, c.search_name, c.national_id_bidx, c.email_bidx, c.phone_bidx, c.date_of_birth_bidx,
         lower(unaccent(c.first_name)) AS f, lower(unaccent(c.last_name)) AS l, ${Prisma.raw(ADDRESS("c"))} AS addr
    FROM citizens c
   WHERE c.tenant_id = ${t} AND c.deleted_at IS NULL
     AND c.id IN (SELECT bl.a FROM blocked bl UNION SELECT bl.b FROM blocked bl)
),
compared AS MATERIALIZED (
  SELECT bl.a, bl.b, bl.blocks,
         ${nid.level}, ${nid.weight}, ${email.level}, ${email.weight},
         ${phone.level}, ${phone.weight}, ${dob.level}, ${dob.weight},
         nm.exact_direct OR nm.swapped AS name_exact, nm.swapped AND NOT nm.exact_direct AS name_swapped, nm.similar AS name_similar,
         CASE WHEN nm.exact_direct OR nm.swapped
              THEN log(${raw(name.mExact)} * pop.n / greatest(coalesce(
                     (SELECT cn.citizens FROM citizen_names cn WHERE cn.tenant_id = ${t} AND cn.search_name = ca.search_name), 1), 1)) / log(2)
              WHEN nm.similar THEN ${raw(log2(name.similar!.m / name.similar!.u))}
              ELSE ${raw(log2(name.mDifferent))} END AS name_weight,
         ad.x, ad.y,
         CASE WHEN ad.x IS NULL OR ad.y IS NULL THEN 0::float8
              WHEN ad.x = ad.y THEN ${raw(log2(addr.mExact / addr.uExact!))}
              WHEN similarity(ad.x, ad.y) >= ${raw(addr.similar!.threshold!)} THEN ${raw(log2(addr.similar!.m / addr.similar!.u))}
              ELSE ${raw(log2(addr.mDifferent))} END AS address_weight
    FROM blocked bl
    JOIN people ca ON ca.id = bl.a
    JOIN people cb ON cb.id = bl.b
    LEFT JOIN dob_freq df ON df.v = ca.date_of_birth_bidx
    CROSS JOIN pop
    CROSS JOIN LATERAL (
      SELECT ca.f AS fa, ca.l AS la, cb.f AS fb, cb.l AS lb
    ) n
    CROSS JOIN LATERAL (
      SELECT ca.search_name = cb.search_name AS exact_direct,
             n.fa = n.lb AND n.la = n.fb AS swapped,
             (${Prisma.raw(close("n.fa", "n.fb"))} AND ${Prisma.raw(close("n.la", "n.lb"))})
               OR (${Prisma.raw(close("n.fa", "n.lb"))} AND ${Prisma.raw(close("n.la", "n.fb"))}) AS similar
    ) nm
    CROSS JOIN LATERAL (SELECT ca.addr AS x, cb.addr AS y) ad
)
SELECT a, b, blocks, score, jsonb_build_object(
         'nationalId', jsonb_build_object('level', national_id_level, 'weight', round(national_id_weight::numeric, 2)),
         'email', jsonb_build_object('level', email_level, 'weight', round(email_weight::numeric, 2)),
         'phone', jsonb_build_object('level', phone_level, 'weight', round(phone_weight::numeric, 2)),
         'dateOfBirth', jsonb_build_object('level', dob_level, 'weight', round(dob_weight::numeric, 2)),
         'name', jsonb_build_object('level', CASE WHEN name_exact THEN 'exact' WHEN name_similar THEN 'similar' ELSE 'different' END,
                                    'weight', round(name_weight::numeric, 2), 'swapped', name_swapped),
         'address', jsonb_build_object('level', CASE WHEN x IS NULL OR y IS NULL THEN 'missing' WHEN x = y THEN 'exact'
                                                     WHEN similarity(x, y) >= ${raw(addr.similar!.threshold!)} THEN 'similar' ELSE 'different' END,
                                       'weight', round(address_weight::numeric, 2))
       ) AS fields
  FROM (SELECT *, national_id_weight + email_weight + phone_weight + dob_weight + name_weight + address_weight AS score FROM compared) s
 WHERE score >= ${raw(CANDIDATE_THRESHOLD)}
 ORDER BY score DESC, a, b
 LIMIT ${raw(MAX_CANDIDATES)}`;
}
