// Adds (or, for expire/adjustment, removes) credits outside an AI call: plan grants, purchases,
// expiry and admin adjustments. Called by billing code or a platform admin under a request
// context, or by a job under runAsSystem; the ledger and audit name whoever that context says.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import { PaymentRequiredError, ValidationError } from "@/lib/errors";
import { balanceIn } from "./read-credit-balance";
import { isInsufficientCredits, ledgerActor } from "./shared";

export type GrantKind = "grant" | "purchase" | "expire" | "adjustment";

export type GrantCreditsInput = { tenantId: string; credits: number | bigint; kind: GrantKind; reason: string };

export async function grantCredits(input: GrantCreditsInput): Promise<{ balance: bigint }> {
  const credits = BigInt(input.credits);
  const fieldErrors: Record<string, string[]> = {};
  if (credits === 0n) fieldErrors.credits = ["Enter a number of credits other than 0"];
  if ((input.kind === "grant" || input.kind === "purchase") && credits < 0n)
    fieldErrors.credits = ["A grant or purchase adds credits"];
  if (input.kind === "expire" && credits > 0n) fieldErrors.credits = ["Expiry removes credits (a negative number)"];
  if (!input.reason.trim()) fieldErrors.reason = ["Say why"];
  if (Object.keys(fieldErrors).length) throw new ValidationError("The credit change is not valid", fieldErrors);
  const db = await getDb();
  const actor = ledgerActor();
  try {
    return await db.forTenant({ tenantId: input.tenantId }).$tenantTransaction(async (tx) => {
      await tx.$executeRaw`
        INSERT INTO credit_ledger (tenant_id, id, kind, delta, actor_id, actor_type, reason, request_id)
        VALUES (${input.tenantId}::uuid, gen_random_uuid(), ${input.kind}::"CreditLedgerKind", ${credits}::bigint,
                ${actor.actorId}::uuid, ${actor.actorType}, ${input.reason}, ${actor.requestId})`;
      await recordAudit(tx, {
        tenantId: input.tenantId,
        action: `credits.${input.kind}`,
        targetType: "tenant",
        targetId: input.tenantId,
        data: { credits: Number(credits), reason: input.reason },
      });
      return { balance: (await balanceIn(tx)).balance };
    });
  } catch (err) {
    if (isInsufficientCredits(err))
      throw new PaymentRequiredError("That would take the balance below zero", {
        details: { credits: Number(credits) },
      });
    throw err;
  }
}
