// The price snapshot a usage row carries: the model's price in force now and the tenant's tier,
// region and batch multipliers. Read inside the caller's transaction, one round trip.
import "server-only";
import { ValidationError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { PriceSnapshot } from "./pricing";

type RawWriter = { $queryRaw<T = unknown>(query: Prisma.Sql): PromiseLike<T> };

export async function loadPriceSnapshot(tx: RawWriter, tenantId: string, model: string): Promise<PriceSnapshot> {
  return priceSnapshotFrom(await tx.$queryRaw<PriceSnapshot[]>(priceSnapshotSql(tenantId, model)), model);
}

/** The snapshot's query (every column text), for callers that run it themselves. */
export function priceSnapshotSql(tenantId: string, model: string): Prisma.Sql {
  return Prisma.sql`
    SELECT p.input_per_mtok::text AS "inputPerMtok", p.output_per_mtok::text AS "outputPerMtok",
           p.cache_read_per_mtok::text AS "cacheReadPerMtok", p.cache_write_per_mtok::text AS "cacheWritePerMtok",
           COALESCE((SELECT value FROM price_multipliers WHERE kind = 'tier' AND key = t.plan::text), 1)::text AS "tierMultiplier",
           COALESCE((SELECT value FROM price_multipliers WHERE kind = 'region' AND key = t.data_region), 1)::text AS "regionMultiplier",
           COALESCE((SELECT value FROM price_multipliers WHERE kind = 'batch' AND key = 'discount'), 1)::text AS "batchDiscount"
    FROM tenants t
    CROSS JOIN LATERAL (
      SELECT * FROM model_prices WHERE model = ${model} AND effective_from <= now()
      ORDER BY effective_from DESC LIMIT 1) p
    WHERE t.id = ${tenantId}::uuid`;
}

export function priceSnapshotFrom(rows: PriceSnapshot[], model: string): PriceSnapshot {
  const row = rows[0];
  if (!row) throw new ValidationError(`No price is set for the model "${model}"`, { model: ["Unknown model"] });
  return row;
}
