// Reading and writing a tenant's billing account inside a tenant transaction, shared by the
// webhook handlers and the checkout actions. Raw SQL: the account is keyed by the tenant
// (its id is the tenant's id), and the webhook needs row locks the Prisma API cannot take.
import "server-only";
import type { Tx } from "@/lib/credits/shared";
import { ledgerActor } from "@/lib/credits/shared";
import type { Plan } from "@/lib/generated/prisma/enums";

export type BillingAccountRow = {
  stripeCustomerId: string | null;
  stripeSubscriptionId: string | null;
  subscriptionStatus: string | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  pastDueSince: Date | null;
  subscriptionCreatedAt: number | null;
};

const COLUMNS = `stripe_customer_id AS "stripeCustomerId", stripe_subscription_id AS "stripeSubscriptionId",
  subscription_status AS "subscriptionStatus", current_period_end AS "currentPeriodEnd",
  cancel_at_period_end AS "cancelAtPeriodEnd", past_due_since AS "pastDueSince",
  subscription_event_at AS "subscriptionCreatedAt"`;

/** The tenant's account (with its customer), locked until the transaction ends. */
export async function lockBillingAccount(tx: Tx, tenantId: string): Promise<BillingAccountRow | null> {
  const rows = await tx.$queryRawUnsafe<BillingAccountRow[]>(
    `SELECT ${COLUMNS} FROM billing_accounts WHERE tenant_id = $1::uuid AND id = $1::uuid FOR UPDATE`,
    tenantId,
  );
  return rows[0] ?? null;
}

export async function readBillingAccount(tx: Tx, tenantId: string): Promise<BillingAccountRow | null> {
  const rows = await tx.$queryRawUnsafe<BillingAccountRow[]>(
    `SELECT ${COLUMNS} FROM billing_accounts WHERE tenant_id = $1::uuid AND id = $1::uuid`,
    tenantId,
  );
  return rows[0] ?? null;
}

export async function setTenantPlan(tx: Tx, tenantId: string, plan: Plan): Promise<Plan> {
  const [before] = await tx.$queryRaw<{ plan: Plan }[]>`
    SELECT plan FROM tenants WHERE id = ${tenantId}::uuid FOR UPDATE`;
  if (before?.plan !== plan)
    await tx.$executeRaw`UPDATE tenants SET plan = ${plan}::"Plan", updated_at = now() WHERE id = ${tenantId}::uuid`;
  return before?.plan ?? "FREE";
}

/** One ledger entry in the caller's transaction (the ledger trigger moves the balance). */
export async function insertLedgerEntry(
  tx: Tx,
  tenantId: string,
  kind: "grant" | "purchase" | "adjustment",
  delta: bigint,
  reason: string,
): Promise<void> {
  const actor = ledgerActor();
  await tx.$executeRaw`
    INSERT INTO credit_ledger (tenant_id, id, kind, delta, actor_id, actor_type, reason, request_id)
    VALUES (${tenantId}::uuid, gen_random_uuid(), ${kind}::"CreditLedgerKind", ${delta}::bigint,
            ${actor.actorId}::uuid, ${actor.actorType}, ${reason}, ${actor.requestId})`;
}

export async function availableCredits(tx: Tx): Promise<bigint> {
  const [row] = await tx.$queryRaw<{ balance: bigint }[]>`SELECT balance FROM credit_balances LIMIT 1`;
  return row?.balance ?? 0n;
}
