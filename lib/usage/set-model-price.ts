// A new price for a model, from now or from a later day (platform admins). A price is never
// edited: a new row starts where the old one ends, and every usage row already carries the
// price it was charged at (its snapshot columns), so no change here rewrites a past charge.
import "server-only";
import { randomUUID } from "node:crypto";
import { assertPlatformAdmin } from "@/lib/admin/platform-admin";
import type { PlatformContext } from "@/lib/admin/types";
import { recordAudit } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import { parseInput, ValidationError } from "@/lib/errors";
import { setModelPriceSchema, type SetModelPriceInput } from "./schemas";

export type SetModelPriceResult = { id: string; model: string; effectiveFrom: Date };

export async function setModelPrice(ctx: PlatformContext, raw: SetModelPriceInput): Promise<SetModelPriceResult> {
  const input = parseInput(setModelPriceSchema, raw, "The price was not saved");
  const db = await getDb();
  const id = randomUUID();
  return db.$transaction(async (tx) => {
    await assertPlatformAdmin(tx, ctx);
    // now() is the transaction's start: the new price applies to calls reserved after commit.
    const effective = input.effectiveFrom ? `${input.effectiveFrom}T00:00:00Z` : null;
    const rows = await tx.$queryRaw<{ effectiveFrom: Date }[]>`
      INSERT INTO model_prices (id, model, input_per_mtok, output_per_mtok, cache_read_per_mtok, cache_write_per_mtok, effective_from)
      VALUES (${id}::uuid, ${input.model}, ${input.inputPerMtok}::numeric, ${input.outputPerMtok}::numeric,
              ${input.cacheReadPerMtok}::numeric, ${input.cacheWritePerMtok}::numeric,
              COALESCE(${effective}::timestamptz, now()))
      ON CONFLICT (model, effective_from) DO NOTHING
      RETURNING effective_from AS "effectiveFrom"`;
    if (!rows[0])
      throw new ValidationError("The price was not saved", {
        effectiveFrom: ["This model already has a price starting then: choose another day"],
      });
    await recordAudit(tx, {
      action: "admin.model_price_set",
      tenantId: null,
      targetType: "model_price",
      targetId: id,
      data: {
        model: input.model,
        inputPerMtok: input.inputPerMtok,
        outputPerMtok: input.outputPerMtok,
        cacheReadPerMtok: input.cacheReadPerMtok,
        cacheWritePerMtok: input.cacheWritePerMtok,
        effectiveFrom: rows[0].effectiveFrom.toISOString(),
        reason: input.reason,
      },
    });
    return { id, model: input.model, effectiveFrom: rows[0].effectiveFrom };
  });
}
