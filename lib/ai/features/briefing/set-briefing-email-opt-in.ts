// A member turns the daily briefing email on or off for themself in one tenant: the opt-in row
// is created or deleted with its audit event in the same transaction. Nobody sets it for
// someone else: the row is always the caller's own (ctx.userId). Setting what is already set
// changes nothing and audits nothing.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { UnauthorizedError } from "@/lib/errors";
import type { BriefingEmailOptInInput } from "./schemas";

export async function setBriefingEmailOptIn(
  ctx: TenantContext,
  input: BriefingEmailOptInInput,
): Promise<{ emailBriefing: boolean; changed: boolean }> {
  const userId = ctx.userId;
  if (!userId) throw new UnauthorizedError("Sign in to change your notifications");
  const db = await getDb();
  return db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const changed = input.emailBriefing
      ? (
          await tx.$queryRaw<unknown[]>`
            INSERT INTO briefing_email_opt_ins (id, tenant_id, user_id)
            VALUES (gen_random_uuid(), ${ctx.tenantId}::uuid, ${userId}::uuid)
            ON CONFLICT (tenant_id, user_id) DO NOTHING RETURNING 1`
        ).length > 0
      : (await tx.briefingEmailOptIn.deleteMany({ where: { userId } })).count > 0;
    if (changed)
      await recordAudit(tx, {
        tenantId: ctx.tenantId,
        action: input.emailBriefing ? "notification.briefing_email_on" : "notification.briefing_email_off",
        targetType: "user",
        targetId: userId,
        data: { emailBriefing: input.emailBriefing },
      });
    return { emailBriefing: input.emailBriefing, changed };
  });
}
