// The plans' monthly AI credits (lib/credits/grant-monthly-allowance.ts, allowance-job.ts): a
// new organisation gets this month's free allowance with it; the job grants each month once per
// tenant, however often it runs and however many workers run it at once; tenants whose credits
// come with Stripe invoices are left to the webhook; the runtime role cannot rewrite history.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

import { randomUUID } from "node:crypto";
import { PLANS } from "@/lib/billing/plans";
import { grantAllMonthlyAllowances } from "@/lib/credits/allowance-job";
import { allowanceMonth } from "@/lib/credits/allowance-sql";
import { grantMonthlyAllowance } from "@/lib/credits/grant-monthly-allowance";
import { readCreditBalance } from "@/lib/credits";
import { runAsSystem } from "@/lib/context/request-context";
import { getDatabase, getDb } from "@/lib/db";
import { createTenant } from "@/lib/tenants/create-tenant";

afterAll(async () => {
  await (await getDatabase()).close?.();
});

async function owner() {
  const db = await getDb();
  const slug = `al-${randomUUID().slice(0, 10)}`;
  const user = await db.user.create({
    data: { email: `${slug}@allowance.test`, name: "Al", emailVerifiedAt: new Date() },
  });
  return { user, slug };
}

async function ledger(tenantId: string) {
  const db = await getDb();
  return db.forTenant({ tenantId }).creditLedgerEntry.findMany({ orderBy: { createdAt: "asc" } });
}

test("a new organisation starts with this month's free allowance, granted once, audited", async () => {
  const { user, slug } = await owner();
  const tenant = await createTenant(user, { name: "Allowance Org", slug });
  expect(await readCreditBalance({ tenantId: tenant.id })).toEqual({
    balance: BigInt(PLANS.FREE.monthlyCredits),
    reserved: 0n,
  });
  // The job on the same day finds it granted.
  expect(await runAsSystem("job", () => grantMonthlyAllowance(tenant.id))).toMatchObject({
    granted: null,
    skipped: "already granted",
  });
  const entries = await ledger(tenant.id);
  expect(entries.map((e) => [e.kind, e.delta])).toEqual([["grant", BigInt(PLANS.FREE.monthlyCredits)]]);
  expect(entries[0]!.reason).toBe(`Monthly allowance ${allowanceMonth().slice(0, 7)} (Free plan)`);
  const db = await getDb();
  const audit = await db.forTenant({ tenantId: tenant.id }).auditEvent.findMany({
    where: { action: "credits.allowance_granted" },
  });
  expect(audit).toHaveLength(1);
  expect(audit[0]!.data).toMatchObject({ plan: "FREE", credits: PLANS.FREE.monthlyCredits, month: allowanceMonth() });
});

test("next month: the plan's allowance once, even with eight runs at the same time", async () => {
  const { user, slug } = await owner();
  const tenant = await createTenant(user, { name: "Allowance Org", slug });
  const db = await getDb();
  await db.tenant.update({ where: { id: tenant.id }, data: { plan: "PRO" } });
  const next = new Date();
  next.setUTCMonth(next.getUTCMonth() + 1, 15);
  const runs = await Promise.all(
    Array.from({ length: 8 }, () => runAsSystem("job", () => grantMonthlyAllowance(tenant.id, next))),
  );
  expect(runs.filter((r) => r.granted !== null).map((r) => r.granted)).toEqual([BigInt(PLANS.PRO.monthlyCredits)]);
  expect((await readCreditBalance({ tenantId: tenant.id })).balance).toBe(
    BigInt(PLANS.FREE.monthlyCredits + PLANS.PRO.monthlyCredits),
  );
  const rows = await db.forTenant({ tenantId: tenant.id }).creditAllowance.findMany({ orderBy: { month: "asc" } });
  expect(rows.map((r) => [r.plan, r.credits])).toEqual([
    ["FREE", BigInt(PLANS.FREE.monthlyCredits)],
    ["PRO", BigInt(PLANS.PRO.monthlyCredits)],
  ]);
  // The job over every tenant, twice: nothing more for this one.
  await runAsSystem("job", () => grantAllMonthlyAllowances(next));
  await runAsSystem("job", () => grantAllMonthlyAllowances(next));
  expect(await db.forTenant({ tenantId: tenant.id }).creditAllowance.count()).toBe(2);
  const sum = (await ledger(tenant.id)).reduce((s, e) => s + e.delta, 0n);
  expect(sum).toBe((await readCreditBalance({ tenantId: tenant.id })).balance);
});

test("a tenant whose Stripe subscription is live gets its credits from invoices, not here", async () => {
  const { user, slug } = await owner();
  const tenant = await createTenant(user, { name: "Allowance Org", slug });
  const db = await getDb();
  await db.forTenant({ tenantId: tenant.id }).$tenantTransaction(
    (tx) => tx.$executeRaw`
      INSERT INTO billing_accounts (tenant_id, id, stripe_customer_id, stripe_subscription_id, subscription_status)
      VALUES (${tenant.id}::uuid, ${tenant.id}::uuid, ${`cus_${slug}`}, ${`sub_${slug}`}, 'active')`,
  );
  const next = new Date();
  next.setUTCMonth(next.getUTCMonth() + 1, 2);
  expect(await runAsSystem("job", () => grantMonthlyAllowance(tenant.id, next))).toMatchObject({
    granted: null,
    skipped: "invoiced by Stripe",
  });
  // Cancelled: the allowance of its (free) plan comes back the month after.
  await db
    .forTenant({ tenantId: tenant.id })
    .$tenantTransaction(
      (tx) =>
        tx.$executeRaw`UPDATE billing_accounts SET subscription_status = 'canceled' WHERE tenant_id = ${tenant.id}::uuid`,
    );
  expect((await runAsSystem("job", () => grantMonthlyAllowance(tenant.id, next))).granted).toBe(
    BigInt(PLANS.FREE.monthlyCredits),
  );
});

test("an unknown tenant is skipped; the runtime role cannot change or delete a granted month", async () => {
  expect(await runAsSystem("job", () => grantMonthlyAllowance(randomUUID()))).toMatchObject({
    skipped: "no such tenant",
  });
  const { user, slug } = await owner();
  const tenant = await createTenant(user, { name: "Allowance Org", slug });
  const db = await getDb();
  await expect(
    db
      .forTenant({ tenantId: tenant.id })
      .$tenantTransaction((tx) => tx.$executeRaw`UPDATE credit_allowances SET credits = 1`),
  ).rejects.toThrow();
  await expect(
    db.forTenant({ tenantId: tenant.id }).$tenantTransaction((tx) => tx.$executeRaw`DELETE FROM credit_allowances`),
  ).rejects.toThrow();
});
