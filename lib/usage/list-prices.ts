// The price table as platform admins see it (/admin/prices): per model the price in force now,
// any scheduled later one and the earlier ones, and every multiplier. Read-only.
import "server-only";
import { assertPlatformAdmin } from "@/lib/admin/platform-admin";
import type { PlatformContext } from "@/lib/admin/types";
import { getDb } from "@/lib/db";
import type { MultiplierKind } from "./schemas";

export type ModelPriceRow = {
  id: string;
  model: string;
  inputPerMtok: string;
  outputPerMtok: string;
  cacheReadPerMtok: string;
  cacheWritePerMtok: string;
  effectiveFrom: Date;
  /** current: the one calls are priced with now; scheduled: starts later; past: replaced. */
  state: "current" | "scheduled" | "past";
};

export type PriceMultiplierRow = { kind: MultiplierKind; key: string; value: string; updatedAt: Date };

export type PriceTable = { prices: ModelPriceRow[]; multipliers: PriceMultiplierRow[] };

export async function listPrices(ctx: PlatformContext): Promise<PriceTable> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    await assertPlatformAdmin(tx, ctx);
    // NUMERIC as text (exact), with the trailing zeros of NUMERIC(12,6) trimmed for reading.
    const prices = await tx.$queryRaw<ModelPriceRow[]>`
      SELECT id::text, model,
             trim_scale(input_per_mtok)::text AS "inputPerMtok", trim_scale(output_per_mtok)::text AS "outputPerMtok",
             trim_scale(cache_read_per_mtok)::text AS "cacheReadPerMtok",
             trim_scale(cache_write_per_mtok)::text AS "cacheWritePerMtok",
             effective_from AS "effectiveFrom",
             CASE WHEN effective_from > now() THEN 'scheduled'
                  WHEN effective_from = max(effective_from) FILTER (WHERE effective_from <= now()) OVER (PARTITION BY model)
                    THEN 'current'
                  ELSE 'past' END AS state
      FROM model_prices ORDER BY model, effective_from DESC`;
    const multipliers = await tx.$queryRaw<PriceMultiplierRow[]>`
      SELECT kind, key, trim_scale(value)::text AS value, updated_at AS "updatedAt"
      FROM price_multipliers ORDER BY array_position(ARRAY['tier','region','batch'], kind), key`;
    return { prices, multipliers };
  });
}
