// One fixture per tenant-owned model: how to create a row of it inside a tenant, and a
// harmless update. The cross-tenant suite enumerates tenant-owned models from the Prisma
// data model and fails when a model has no fixture here, so a new model cannot slip past it.
import { randomUUID } from "node:crypto";
import type { TenantDb } from "../../lib/db/tenant-extension";

type Tx = Parameters<Parameters<TenantDb["$tenantTransaction"]>[0]>[0];

export type TenantFixture = {
  /** Creates one row in the transaction's tenant and returns it (at least its id). */
  create(tx: Tx, tenantId: string, label: string): Promise<{ id: string } & Record<string, unknown>>;
  /** A valid `data` for update/updateMany. */
  update: Record<string, unknown>;
  /** The unique `where` of a created row, when the primary key is not `id` alone. */
  uniqueWhere?: (row: { id: string } & Record<string, unknown>) => Record<string, unknown>;
  /** The runtime role may not UPDATE or DELETE this table at all (the audit log). */
  appendOnly?: boolean;
};

async function citizen(tx: Tx, tenantId: string, label: string) {
  return tx.citizen.create({ data: { tenantId, firstName: "Probe", lastName: label, city: "Probetown" } });
}

/** Two citizens, ids in order (the pair tables keep the smaller id first). */
async function citizenPair(tx: Tx, tenantId: string, label: string): Promise<[string, string]> {
  const x = (await citizen(tx, tenantId, `${label}-1`)).id;
  const y = (await citizen(tx, tenantId, `${label}-2`)).id;
  return x < y ? [x, y] : [y, x];
}

export const TENANT_FIXTURES: Record<string, TenantFixture> = {
  Citizen: { create: citizen, update: { city: "Probeville" } },
  Case: {
    async create(tx, tenantId, label) {
      const c = await citizen(tx, tenantId, `${label}-owner`);
      return tx.case.create({ data: { tenantId, citizenId: c.id, title: `Case ${label}` } });
    },
    update: { title: "Probed" },
  },
  CaseEvent: {
    async create(tx, tenantId, label) {
      const c = await citizen(tx, tenantId, `${label}-ev`);
      const k = await tx.case.create({ data: { tenantId, citizenId: c.id, title: `Case ${label}` } });
      return tx.caseEvent.create({ data: { tenantId, caseId: k.id, kind: "NOTE", body: `note ${label}` } });
    },
    update: { body: "Probed" },
  },
  CitizenName: {
    async create(tx, tenantId, label) {
      return tx.citizenName.create({ data: { tenantId, searchName: `probe ${label} ${Math.random()}`, citizens: 1 } });
    },
    update: { citizens: 2 },
  },
  CustomFieldDefinition: {
    async create(tx, tenantId, label) {
      return tx.customFieldDefinition.create({
        data: { tenantId, key: `probe_${Math.random().toString(36).slice(2, 12)}`, label, type: "TEXT" },
      });
    },
    update: { label: "Probed" },
  },
  SavedView: {
    async create(tx, tenantId, label) {
      return tx.savedView.create({
        data: {
          tenantId,
          userId: "00000000-0000-4000-8000-000000000001",
          resource: "citizens",
          // Unique per owner and list (saved_views' unique index): the suites create several.
          name: `${label} ${Math.random().toString(36).slice(2, 10)}`,
          query: {},
        },
      });
    },
    update: { name: "Probed" },
  },
  ChatConversation: {
    async create(tx, tenantId, label) {
      return tx.chatConversation.create({
        data: { tenantId, userId: "00000000-0000-4000-8000-000000000001", title: `Chat ${label}` },
      });
    },
    update: { title: "Probed" },
    uniqueWhere: (row) => ({ tenantId_id: { tenantId: row.tenantId, id: row.id } }),
  },
  ImportJob: {
    async create(tx, tenantId, label) {
      return tx.importJob.create({
        data: { tenantId, userId: "00000000-0000-4000-8000-000000000001", fileName: `${label}.csv`, mapping: {} },
      });
    },
    update: { fileName: "probed.csv" },
    uniqueWhere: (row) => ({ tenantId_id: { tenantId: row.tenantId, id: row.id } }),
  },
  InheritanceBlock: {
    async create(tx, tenantId, label) {
      const user = await tx.user.create({
        data: { email: `${label.toLowerCase()}-${randomUUID()}@fixtures.test`, name: label },
      });
      return tx.inheritanceBlock.create({ data: { tenantId, userId: user.id } });
    },
    update: { createdAt: new Date("2020-01-01T00:00:00Z") },
    uniqueWhere: (row) => ({ tenantId_id: { tenantId: row.tenantId, id: row.id } }),
  },
  BriefingEmailOptIn: {
    async create(tx, tenantId, label) {
      const user = await tx.user.create({
        data: { email: `${label.toLowerCase()}-${randomUUID()}@fixtures.test`, name: label },
      });
      return tx.briefingEmailOptIn.create({ data: { tenantId, userId: user.id } });
    },
    update: { createdAt: new Date("2020-01-01T00:00:00Z") },
    uniqueWhere: (row) => ({ tenantId_id: { tenantId: row.tenantId, id: row.id } }),
  },
  ImportRow: {
    async create(tx, tenantId, label) {
      const job = await tx.importJob.create({
        data: { tenantId, userId: "00000000-0000-4000-8000-000000000001", fileName: `${label}.csv`, mapping: {} },
      });
      return tx.importRow.create({ data: { tenantId, jobId: job.id, line: 2 } });
    },
    update: { line: 3 },
  },
  Invitation: {
    async create(tx, tenantId, label) {
      return tx.invitation.create({
        data: {
          tenantId,
          email: `${label}@example.org`,
          role: "MEMBER",
          tokenHash: `probe-${label}-${Math.random()}`,
          expiresAt: new Date(Date.now() + 86_400_000),
        },
      });
    },
    update: { role: "VIEWER" },
  },
  AuditEvent: {
    async create(tx, tenantId, label) {
      return tx.auditEvent.create({ data: { tenantId, action: `probe.${label}` } });
    },
    update: { action: "probe.tampered" },
    uniqueWhere: (row) => ({ id_createdAt: { id: row.id, createdAt: row.createdAt } }),
    appendOnly: true,
  },
  CaseSummary: {
    async create(tx, tenantId, label) {
      const c = await citizen(tx, tenantId, `${label}-sum`);
      const k = await tx.case.create({ data: { tenantId, citizenId: c.id, title: `Case ${label}` } });
      return tx.caseSummary.create({
        data: { tenantId, caseId: k.id, text: `Summary ${label}`, sourceVersion: "probe", model: "probe-model" },
      });
    },
    update: { text: "Probed" },
    uniqueWhere: (row) => ({ tenantId_id: { tenantId: row.tenantId, id: row.id } }),
  },
  CitizenSummary: {
    async create(tx, tenantId, label) {
      const c = await citizen(tx, tenantId, `${label}-csum`);
      return tx.citizenSummary.create({
        data: { tenantId, citizenId: c.id, text: `Summary ${label}`, sourceVersion: "probe", model: "probe-model" },
      });
    },
    update: { text: "Probed" },
    uniqueWhere: (row) => ({ tenantId_id: { tenantId: row.tenantId, id: row.id } }),
  },
  Briefing: {
    async create(tx, tenantId) {
      // One briefing per tenant per day: each probe row gets a day of its own.
      const day = new Date(Date.UTC(2000, 0, 1) + Math.floor(Math.random() * 1e5) * 86_400_000);
      return tx.briefing.create({ data: { tenantId, day, timeZone: "UTC" } });
    },
    update: { text: "Probed" },
    uniqueWhere: (row) => ({ tenantId_id: { tenantId: row.tenantId, id: row.id } }),
  },
  ClassificationRun: {
    async create(tx, tenantId) {
      return tx.classificationRun.create({ data: { tenantId, mode: "suggest", total: 0 } });
    },
    update: { status: "completed" },
    uniqueWhere: (row) => ({ tenantId_id: { tenantId: row.tenantId, id: row.id } }),
  },
  ClassificationRunItem: {
    async create(tx, tenantId, label) {
      const c = await citizen(tx, tenantId, `${label}-bulk`);
      const k = await tx.case.create({ data: { tenantId, citizenId: c.id, title: `Case ${label}` } });
      const run = await tx.classificationRun.create({ data: { tenantId, mode: "suggest", total: 1 } });
      return tx.classificationRunItem.create({ data: { tenantId, runId: run.id, caseId: k.id } });
    },
    update: { status: "errored" },
    uniqueWhere: (row) => ({ tenantId_id: { tenantId: row.tenantId, id: row.id } }),
  },
  // Duplicate review (lib/citizens/duplicates): pairs keyed by (tenant, a, b) with a < b.
  DuplicateCandidate: {
    async create(tx, tenantId, label) {
      const [a, b] = await citizenPair(tx, tenantId, `${label}-dup`);
      return tx.duplicateCandidate.create({
        data: { tenantId, citizenAId: a, citizenBId: b, score: 20, fields: {}, blocks: ["email"] },
      });
    },
    update: { score: 21 },
    uniqueWhere: (row) => ({ tenantId_id: { tenantId: row.tenantId, id: row.id } }),
  },
  DuplicateDismissal: {
    async create(tx, tenantId, label) {
      const [a, b] = await citizenPair(tx, tenantId, `${label}-dis`);
      return tx.duplicateDismissal.create({ data: { tenantId, citizenAId: a, citizenBId: b } });
    },
    update: { dismissedById: null },
    uniqueWhere: (row) => ({ tenantId_id: { tenantId: row.tenantId, id: row.id } }),
  },
  CitizenMerge: {
    async create(tx, tenantId, label) {
      const [a, b] = await citizenPair(tx, tenantId, `${label}-merge`);
      return tx.citizenMerge.create({
        data: {
          tenantId,
          keptId: a,
          mergedId: b,
          choices: {},
          keptBefore: {},
          mergedBefore: {},
          movedCaseIds: [],
          keptAfterVersion: 2,
          mergedAfterVersion: 2,
        },
      });
    },
    update: { keptAfterVersion: 3 },
    uniqueWhere: (row) => ({ tenantId_id: { tenantId: row.tenantId, id: row.id } }),
  },
  AiFeatureConfig: {
    async create(tx, tenantId) {
      return tx.aiFeatureConfig.create({
        data: { tenantId, feature: `probe_${randomUUID()}`, settings: { enabled: true } },
      });
    },
    update: { settings: { enabled: false } },
    uniqueWhere: (row) => ({ tenantId_id: { tenantId: row.tenantId, id: row.id } }),
  },
  // Credits and usage. The balance is written only by the ledger trigger.
  CreditBalance: {
    async create(tx, tenantId, label) {
      // Through the scoped client (not raw SQL), so the extension's tenant rule applies to it
      // like to every other fixture; the trigger then creates or moves the balance row.
      await tx.creditLedgerEntry.create({
        data: { tenantId, kind: "grant", delta: 10n, actorType: "system", reason: label },
      });
      return tx.creditBalance.findFirstOrThrow();
    },
    update: { balance: 1_000_000n },
    uniqueWhere: (row) => ({ tenantId_id: { tenantId: row.tenantId, id: row.id } }),
    appendOnly: true,
  },
  CreditLedgerEntry: {
    async create(tx, tenantId, label) {
      return tx.creditLedgerEntry.create({
        data: { tenantId, kind: "grant", delta: 5n, actorType: "system", reason: label },
      });
    },
    update: { delta: 1_000_000n },
    uniqueWhere: (row) => ({ tenantId_id: { tenantId: row.tenantId, id: row.id } }),
    appendOnly: true,
  },
  CreditReservation: {
    async create(tx, tenantId) {
      return tx.creditReservation.create({
        data: { tenantId, feature: "chat", model: "claude-haiku-4-5", credits: 0n },
      });
    },
    update: { feature: "briefing" },
    uniqueWhere: (row) => ({ tenantId_id: { tenantId: row.tenantId, id: row.id } }),
  },
  AiUsage: {
    async create(tx, tenantId) {
      return tx.aiUsage.create({
        data: {
          tenantId,
          feature: "chat",
          model: "claude-haiku-4-5",
          inputTokens: 10,
          outputTokens: 10,
          latencyMs: 1,
          outcome: "ok",
          priceInputPerMtok: "1",
          priceOutputPerMtok: "5",
          priceCacheReadPerMtok: "0.1",
          priceCacheWritePerMtok: "1.25",
          tierMultiplier: "1",
          regionMultiplier: "1",
          batchDiscount: "0.5",
        },
      });
    },
    update: { outputTokens: 1 },
    uniqueWhere: (row) => ({ tenantId_id: { tenantId: row.tenantId, id: row.id } }),
    appendOnly: true,
  },
  // Billing. A fixture account has no Stripe customer, so several may exist per tenant (the
  // partial unique index allows one customer per tenant).
  BillingAccount: {
    async create(tx, tenantId) {
      return tx.billingAccount.create({ data: { tenantId, subscriptionStatus: "active" } });
    },
    update: { subscriptionStatus: "canceled" },
    uniqueWhere: (row) => ({ tenantId_id: { tenantId: row.tenantId, id: row.id } }),
  },
  CreditAllowance: {
    async create(tx, tenantId) {
      // A month nobody else uses: the fixture tenant's own allowance (if any) is this month's.
      const month = new Date(Date.UTC(2000 + Math.floor(Math.random() * 90), Math.floor(Math.random() * 12), 1));
      return tx.creditAllowance.create({ data: { tenantId, month, plan: "FREE", credits: 500n } });
    },
    update: { credits: 1n },
    uniqueWhere: (row) => ({ tenantId_id: { tenantId: row.tenantId, id: row.id } }),
    appendOnly: true,
  },
  BillingCreditGrant: {
    async create(tx, tenantId) {
      return tx.billingCreditGrant.create({
        data: { tenantId, source: "invoice", stripeObjectId: `in_probe_${randomUUID()}`, credits: 100n },
      });
    },
    update: { clawedBack: 1n },
    uniqueWhere: (row) => ({ tenantId_id: { tenantId: row.tenantId, id: row.id } }),
  },
};
