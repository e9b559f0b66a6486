// The billing page's ledger: newest first, only the tenant's own entries, and they add up to the
// balance the page shows.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

import { randomUUID } from "node:crypto";
import { grantCredits, readCreditBalance } from "@/lib/credits";
import { listLedgerEntries } from "@/lib/credits/list-ledger-entries";
import { getDatabase, getDb } from "@/lib/db";
import { inRequestContext } from "../support/request-context";

afterAll(async () => {
  await (await getDatabase()).close?.();
});

async function tenant() {
  const db = await getDb();
  const t = await db.tenant.create({ data: { slug: `led-${randomUUID().slice(0, 10)}`, name: "Ledger Org" } });
  return { tenantId: t.id, requestId: `test-${randomUUID()}` };
}

it("lists the tenant's own entries, newest first, summing to the balance", async () => {
  const a = await tenant();
  const b = await tenant();
  await inRequestContext(a, async () => {
    await grantCredits({ tenantId: a.tenantId, credits: 500, kind: "grant", reason: "Free plan" });
    await grantCredits({ tenantId: a.tenantId, credits: -120, kind: "adjustment", reason: "Correction" });
  });
  await inRequestContext(b, () => grantCredits({ tenantId: b.tenantId, credits: 9, kind: "grant", reason: "B only" }));

  const entries = await listLedgerEntries(a);
  expect(entries.map((e) => [e.kind, e.delta, e.reason])).toEqual([
    ["adjustment", -120n, "Correction"],
    ["grant", 500n, "Free plan"],
  ]);
  expect(entries.reduce((n, e) => n + e.delta, 0n)).toBe((await readCreditBalance(a)).balance);
  expect(await listLedgerEntries(a, { limit: 1 })).toHaveLength(1);
});

it("an adjustment that would take the balance below zero is refused and leaves nothing behind", async () => {
  const a = await tenant();
  await inRequestContext(a, () => grantCredits({ tenantId: a.tenantId, credits: 10, kind: "grant", reason: "Start" }));
  await expect(
    inRequestContext(a, () =>
      grantCredits({ tenantId: a.tenantId, credits: -11, kind: "adjustment", reason: "Too much" }),
    ),
  ).rejects.toMatchObject({ status: 402 });
  expect(await listLedgerEntries(a)).toHaveLength(1);
  expect((await readCreditBalance(a)).balance).toBe(10n);
});
