// Checks a tenant's audit chain: every event's hash must equal the digest of its contents
// (recomputed by the same SQL function the trigger used), link to the previous event's hash,
// and follow it in sequence. The first event that fails is named, so an investigator knows
// where the trail was altered. Reads in pages, so a long trail never sits in memory at once.
import "server-only";
import type { Db } from "@/lib/db";

export type ChainBreak = {
  id: string;
  seq: string;
  createdAt: Date;
  reason: "hash_mismatch" | "broken_link" | "sequence_gap";
};
export type ChainVerification = { ok: true; checked: number } | { ok: false; checked: number; brokenAt: ChainBreak };

type Row = { id: string; seq: bigint; created_at: Date; hash: string; prev_hash: string | null; recomputed: string };

const PAGE = 5_000;

export async function verifyAuditChain(db: Db, tenantId: string): Promise<ChainVerification> {
  let lastSeq = 0n;
  let lastHash: string | null = null;
  let checked = 0;
  for (;;) {
    const rows: Row[] = await db.forTenant({ tenantId }).$tenantTransaction(
      (tx) =>
        tx.$queryRaw<Row[]>`
        SELECT e.id, e.seq, e.created_at, e.hash, e.prev_hash, audit_event_digest(e) AS recomputed
          FROM audit_events e
         WHERE e.tenant_id = ${tenantId}::uuid AND e.seq > ${lastSeq}
         ORDER BY e.seq
         LIMIT ${PAGE}`,
    );
    for (const row of rows) {
      const at = (reason: ChainBreak["reason"]): ChainVerification => ({
        ok: false,
        checked,
        brokenAt: { id: row.id, seq: row.seq.toString(), createdAt: row.created_at, reason },
      });
      if (row.seq !== lastSeq + 1n) return at("sequence_gap");
      if ((row.prev_hash ?? null) !== lastHash) return at("broken_link");
      if (row.recomputed !== row.hash) return at("hash_mismatch");
      lastSeq = row.seq;
      lastHash = row.hash;
      checked += 1;
    }
    if (rows.length < PAGE) return { ok: true, checked };
  }
}
