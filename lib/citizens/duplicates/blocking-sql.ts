// Stage 1 of the duplicate finder (candidates-sql.ts): which pairs are compared at all.
// Each citizen emits a few keys (its email, phone and national-ID blind indexes; its birth-date
// blind index with its name initials; its postal code with its initials). Citizens sharing a
// key form a block, and only pairs inside a block are compared: that is what keeps this from
// being a million-squared comparison. Initials are sorted, so "Smith John" meets "John Smith";
// a typo in a first letter is left to the other blocks. Keys are stored columns kept by the
// citizens trigger, each with a (tenant_id, key, deleted_at, id) index. A block larger than
// MAX_BLOCK_SIZE (a shared office phone) proposes nothing.
//
// Two ways to read the same blocks, with the same rule, so they find the same pairs:
//   - the whole tenant (the refresh): every block, one index-only scan per kind of key;
//   - a probe set (a new citizen, an import's rows, the citizens an import added): each probe
//     looks up the citizens sharing each of its keys (index look-ups, milliseconds per probe),
//     and a key is used only if its block (the citizens holding it, plus the probe itself when
//     it is not a citizen yet) is no larger than MAX_BLOCK_SIZE. The pairs of a set of
//     citizens are therefore exactly the tenant-wide pairs that involve one of them.
import { Prisma } from "@/lib/generated/prisma/client";
import { MAX_BLOCK_SIZE } from "./weights";

const raw = (n: number) => Prisma.raw(String(n));

/** The kinds of block and the stored column each is read from. */
const KEYS = [
  ["email", "email_bidx"],
  ["phone", "phone_bidx"],
  ["national_id", "national_id_bidx"],
  ["dob_name", "dob_name_key"],
  ["address_name", "address_name_key"],
] as const;

/** One kind of block: the members of every key shared by 2..MAX_BLOCK_SIZE people, as an array. */
function blocksOf(t: Prisma.Sql, kind: string, col: string): Prisma.Sql {
  const c = Prisma.raw(col);
  return Prisma.sql`SELECT ${Prisma.raw(`'${kind}'`)}::text AS kind, array_agg(c.id) AS ids
      FROM citizens c WHERE c.tenant_id = ${t} AND c.${c} IS NOT NULL AND c.deleted_at IS NULL
     GROUP BY c.${c} HAVING count(*) BETWEEN 2 AND ${raw(MAX_BLOCK_SIZE)}`;
}

const notDismissed = (t: Prisma.Sql, a: string, b: string) =>
  Prisma.sql`NOT EXISTS (SELECT 1 FROM duplicate_dismissals d
                          WHERE d.tenant_id = ${t} AND d.citizen_a_id = ${Prisma.raw(a)} AND d.citizen_b_id = ${Prisma.raw(b)})`;

/**
 * The whole tenant. Each kind of block is one index-only scan in key order, grouped as it
 * streams past (no key is computed, hashed, sorted or spilled), and each block's pairs come
 * from its own member array. Grouping into arrays replaced a window count per member followed
 * by a self-join of the 276,000 members on their key, which had to sort them.
 */
export function blockingForAll(t: Prisma.Sql): Prisma.Sql {
  const blocks = KEYS.map(([kind, col]) => blocksOf(t, kind, col));
  return Prisma.sql`blocks AS MATERIALIZED (
  ${Prisma.join(blocks, "\n  UNION ALL ")}
),
blocked AS (
  SELECT x.id AS a, y.id AS b, array_agg(DISTINCT bk.kind ORDER BY bk.kind) AS blocks
    FROM blocks bk CROSS JOIN LATERAL unnest(bk.ids) x(id) CROSS JOIN LATERAL unnest(bk.ids) y(id)
   WHERE x.id < y.id AND ${notDismissed(t, "x.id", "y.id")}
   GROUP BY x.id, y.id
)`;
}

/**
 * A probe set: `probe` must be a CTE with an id and the five key columns. `staged` probes
 * (import rows) are not citizens yet: they count themselves in their blocks, pair with citizens
 * only, and keep their own id as side a (citizens' pairs are ordered a < b).
 */
export function blockingForProbe(t: Prisma.Sql, opts: { staged: boolean }): Prisma.Sql {
  const self = opts.staged ? 1 : 0;
  const hits = KEYS.map(([kind, col]) => {
    const c = Prisma.raw(col);
    // Counting stops past the limit: a block of 10,000 (an office phone) costs 51 index entries.
    return Prisma.sql`SELECT p.id AS pid, c.id AS cid, ${Prisma.raw(`'${kind}'`)}::text AS kind
      FROM probe p JOIN citizens c ON c.tenant_id = ${t} AND c.${c} = p.${c} AND c.deleted_at IS NULL AND c.id <> p.id
     WHERE p.${c} IS NOT NULL
       AND (SELECT count(*) FROM (SELECT 1 FROM citizens s WHERE s.tenant_id = ${t} AND s.${c} = p.${c} AND s.deleted_at IS NULL
                                   LIMIT ${raw(MAX_BLOCK_SIZE + 1)}) s) + ${raw(self)} <= ${raw(MAX_BLOCK_SIZE)}`;
  });
  const [a, b] = opts.staged ? ["h.pid", "h.cid"] : ["least(h.pid, h.cid)", "greatest(h.pid, h.cid)"];
  return Prisma.sql`hits AS (
  ${Prisma.join(hits, "\n  UNION ALL ")}
),
blocked AS (
  SELECT ${Prisma.raw(a)} AS a, ${Prisma.raw(b)} AS b, array_agg(DISTINCT h.kind ORDER BY h.kind) AS blocks
    FROM hits h
   ${opts.staged ? Prisma.empty : Prisma.sql`WHERE ${notDismissed(t, a, b)}`}
   GROUP BY 1, 2
)`;
}
