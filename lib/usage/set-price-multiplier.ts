// Sets one multiplier of the cost formula (a plan's tier, a data region, the batch discount).
// Calls reserved after the commit use it; usage rows keep the multipliers they were charged
// with (snapshot columns), so the past is unchanged. The audit event keeps before and after.
import "server-only";
import { assertPlatformAdmin } from "@/lib/admin/platform-admin";
import type { PlatformContext } from "@/lib/admin/types";
import { recordAudit } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { setPriceMultiplierSchema, type SetPriceMultiplierInput } from "./schemas";

export type SetPriceMultiplierResult = { kind: string; key: string; before: string | null; after: string };

export async function setPriceMultiplier(
  ctx: PlatformContext,
  raw: SetPriceMultiplierInput,
): Promise<SetPriceMultiplierResult> {
  const input = parseInput(setPriceMultiplierSchema, raw, "The multiplier was not saved");
  const db = await getDb();
  return db.$transaction(async (tx) => {
    await assertPlatformAdmin(tx, ctx);
    // The old value, locked, then the new one: two admins at once are serialised on the row.
    const old = await tx.$queryRaw<{ value: string }[]>`
      SELECT trim_scale(value)::text AS value FROM price_multipliers
      WHERE kind = ${input.kind} AND key = ${input.key} FOR UPDATE`;
    const rows = await tx.$queryRaw<{ value: string }[]>`
      INSERT INTO price_multipliers (kind, key, value, updated_at)
      VALUES (${input.kind}, ${input.key}, ${input.value}::numeric, now())
      ON CONFLICT (kind, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
      RETURNING trim_scale(value)::text AS value`;
    const result = { kind: input.kind, key: input.key, before: old[0]?.value ?? null, after: rows[0]!.value };
    await recordAudit(tx, {
      action: "admin.price_multiplier_set",
      tenantId: null,
      targetType: "price_multiplier",
      targetId: `${input.kind}:${input.key}`,
      data: { ...result, reason: input.reason },
    });
    return result;
  });
}
