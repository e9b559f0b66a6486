// Per-tenant AI settings and the AI gate through their business functions: defaults, saving
// with an audited diff, who may save, tenant isolation, and the plan + switch decision.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

import { randomUUID } from "node:crypto";
import { allowedAiFeatures, assertAiFeatureAllowed } from "@/lib/ai/access/resolve-ai-access";
import { readAiConfig, readAiFeatureConfig } from "@/lib/ai/config/read-ai-config";
import { aiFeatureSettingsSchema, defaultAiFeatureSettings } from "@/lib/ai/config/schemas";
import { updateAiFeatureConfig } from "@/lib/ai/config/update-ai-config";
import type { GuardedContext } from "@/lib/auth/guard";
import { getDatabase, getDb } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import type { Plan, Role } from "@/lib/generated/prisma/client";
import { inRequestContext } from "../support/request-context";

async function world(plan: Plan = "PRO") {
  const db = await getDb();
  const slug = `ai-${randomUUID().slice(0, 10)}`;
  const tenant = await db.tenant.create({ data: { slug, name: "AI Org", plan } });
  const as = async (role: Role): Promise<GuardedContext> => {
    const u = await db.user.create({
      data: { email: `${role}-${randomUUID().slice(0, 8)}@ai.test`, name: role, emailVerifiedAt: new Date() },
    });
    await db
      .forTenant({ tenantId: tenant.id })
      .membership.create({ data: { tenantId: tenant.id, userId: u.id, role } });
    return {
      tenantId: tenant.id,
      userId: u.id,
      role,
      requestId: `test-${randomUUID()}`,
      access: { tenant: { id: tenant.id, slug, name: tenant.name } },
    } as unknown as GuardedContext;
  };
  return { tenant, as };
}

const save = (ctx: GuardedContext, input: Record<string, unknown>) =>
  inRequestContext(ctx, () => updateAiFeatureConfig(ctx, aiFeatureSettingsSchema.parse(input)));

async function audits(tenantId: string) {
  return (await getDb())
    .forTenant({ tenantId })
    .$tenantTransaction(
      (tx) =>
        tx.$queryRaw<
          Array<{ action: string; actor_id: string; target_id: string; data: Record<string, unknown> }>
        >`SELECT action, actor_id::text, target_id, data FROM audit_events WHERE tenant_id = ${tenantId}::uuid AND action = 'ai_settings.updated' ORDER BY seq`,
    );
}

afterAll(async () => {
  await (await getDatabase()).close?.();
});

const on = { configured: true, demo: false };

describe("AI settings", () => {
  it("reads defaults for every feature until saved", async () => {
    const { as } = await world();
    const admin = await as("ADMIN");
    const config = await readAiConfig(admin);
    expect(config.reply_draft).toEqual(defaultAiFeatureSettings("reply_draft"));
    expect(Object.keys(config)).toHaveLength(10);
  });

  it("saves, reads back and audits only the changed fields, in the same transaction", async () => {
    const { tenant, as } = await world();
    const admin = await as("ADMIN");
    await save(admin, { feature: "reply_draft", tone: "formal", maxTokens: "1500" });
    expect(await readAiFeatureConfig(admin, "reply_draft")).toMatchObject({ tone: "formal", maxTokens: 1500 });
    await save(admin, { feature: "reply_draft", tone: "friendly", maxTokens: "1500" });
    const events = await audits(tenant.id);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ actor_id: admin.userId, target_id: "reply_draft" });
    expect(events[0]!.data).toMatchObject({
      feature: "reply_draft",
      before: { tone: "neutral", maxTokens: 2048 },
      after: { tone: "formal", maxTokens: 1500 },
    });
    expect(events[1]!.data).toMatchObject({ before: { tone: "formal" }, after: { tone: "friendly" } });
    expect(Object.keys(events[1]!.data.after as object)).toEqual(["tone"]);
  });

  it("lets an OWNER save and refuses MEMBER and VIEWER", async () => {
    const { tenant, as } = await world();
    await expect(save(await as("OWNER"), { feature: "chat", temperature: "0.9" })).resolves.toMatchObject({
      temperature: 0.9,
    });
    await expect(save(await as("MEMBER"), { feature: "chat" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(save(await as("VIEWER"), { feature: "chat" })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await audits(tenant.id)).toHaveLength(1);
  });

  it("keeps tenants apart", async () => {
    const a = await world();
    const b = await world();
    const adminA = await a.as("ADMIN");
    const adminB = await b.as("ADMIN");
    await save(adminA, { feature: "case_summary", enabled: "false" });
    expect((await readAiFeatureConfig(adminB, "case_summary")).enabled).toBe(true);
    expect((await readAiFeatureConfig(adminA, "case_summary")).enabled).toBe(false);
    expect(await audits(b.tenant.id)).toHaveLength(0);
  });

  it("falls back to defaults when a stored row no longer parses", async () => {
    const { tenant, as } = await world();
    const admin = await as("ADMIN");
    await (
      await getDb()
    )
      .forTenant({ tenantId: tenant.id })
      .aiFeatureConfig.create({ data: { tenantId: tenant.id, feature: "chat", settings: { model: "gpt-2" } } });
    expect(await readAiFeatureConfig(admin, "chat")).toEqual(defaultAiFeatureSettings("chat"));
  });
});

describe("AI gate", () => {
  it("refuses a feature outside the plan with 403 naming the plan and the billing page", async () => {
    const { tenant, as } = await world("FREE");
    const member = await as("MEMBER");
    const err = await assertAiFeatureAllowed(member, "chat", on).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ForbiddenError);
    expect((err as Error).message).toBe(
      `Chat is not in the Free plan: upgrade to Pro at /${tenant.slug}/settings/billing`,
    );
    await expect(assertAiFeatureAllowed(member, "case_summary", on)).resolves.toMatchObject({
      feature: "case_summary",
    });
  });

  it("says AI is not configured (503) and honours the tenant's switch (403)", async () => {
    const { as } = await world("PRO");
    const admin = await as("ADMIN");
    await expect(assertAiFeatureAllowed(admin, "chat", { configured: false, demo: false })).rejects.toMatchObject({
      status: 503,
      code: "AI_NOT_CONFIGURED",
      message: "AI is not configured",
    });
    await expect(assertAiFeatureAllowed(admin, "chat", { configured: false, demo: true })).resolves.toBeTruthy();
    await save(admin, { feature: "chat", enabled: "false" });
    await expect(assertAiFeatureAllowed(admin, "chat", on)).rejects.toThrow("Chat is turned off in AI settings");
  });

  it("lists every feature's availability for the client gate", async () => {
    const { as } = await world("FREE");
    const list = await allowedAiFeatures(await as("MEMBER"), on);
    expect(list.filter((f) => f.allowed).map((f) => f.feature)).toEqual([
      "case_summary",
      "case_classification",
      "reply_draft",
    ]);
    expect(list.find((f) => f.feature === "briefing")).toMatchObject({ allowed: false, reason: "plan" });
  });
});
