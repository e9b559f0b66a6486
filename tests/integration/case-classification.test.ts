// Case classification through its route and the real SDK against the local Anthropic wire
// server: the tool the model is forced to call names the tenant's categories as the only ones
// allowed, the reply is parsed with the same schema (a category outside the list is a 502,
// settled to the tokens used; fields outside the schema and tool calls nobody asked for are
// not applied), credits are reserved and settled, one usage row and an audit event without the
// model's text, and nothing on the case changes until a person accepts (the normal update).
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

jest.mock("@/lib/auth/session", () => ({ currentUser: jest.fn() }));
jest.mock("next/headers", () => ({ headers: async () => new Headers({ "x-request-id": "req-classification" }) }));

import { POST } from "@/app/api/tenants/[tenant]/cases/[caseId]/classification/route";
import { updateAiFeatureConfig } from "@/lib/ai/config/update-ai-config";
import { defaultAiFeatureSettings } from "@/lib/ai/config/schemas";
import { updateCase } from "@/lib/cases/mutations";
import { readCreditBalance } from "@/lib/credits";
import { getDatabase, getDb } from "@/lib/db";
import { withAnthropicServer } from "../support/anthropic-env";
import {
  auditRows,
  caseworkWorld,
  ledgerSum,
  NEVER_SENT,
  openReservations,
  post,
  signInAs,
  usageRows,
  type CaseworkWorld,
} from "../support/casework-world";

const wire = withAnthropicServer();

afterAll(async () => {
  await (await getDatabase()).close?.();
});

function classify(world: Pick<CaseworkWorld, "slug">, caseId: string, body: unknown = {}, type?: string) {
  return POST(post(world.slug, `cases/${caseId}/classification`, body, type), {
    params: Promise.resolve({ tenant: world.slug, caseId }),
  });
}

const good = { category: "Housing", priority: "HIGH", sentiment: "negative", reason: "Mould in a family's home." };

type ToolBody = {
  tools: Array<{ name: string; input_schema: { properties: Record<string, { enum?: string[] }> } }>;
  tool_choice: { type: string; name: string };
  system: string;
  messages: Array<{ content: string }>;
};

it("suggests from the tenant's categories, settles the hold, writes a usage row and an audit event", async () => {
  const world = await caseworkWorld();
  signInAs(world);
  wire().script({ kind: "tool", input: good });
  const res = await classify(world, world.kase.id);
  expect(res.status).toBe(200);
  const { classification } = await res.json();
  expect(classification.suggestion).toEqual(good);
  expect(classification.current).toEqual({ category: "Housing", priority: "NORMAL", version: 1 });

  // What was sent: the forced tool with the tenant's categories as its enum, the case's text,
  // never the citizen's PII.
  const sent = wire().requests[0]!.body as ToolBody;
  expect(sent.tool_choice).toEqual({ type: "tool", name: "classify_case" });
  expect(sent.tools).toHaveLength(1);
  expect(sent.tools[0]!.input_schema.properties.category!.enum).toEqual(["Housing", "Roads", "Waste"]);
  expect(sent.messages[0]!.content).toContain("<case_record>");
  expect(sent.messages[0]!.content).toContain("Mould behind the wardrobe");
  for (const pii of NEVER_SENT) expect(wire().received(pii)).toBe(false);
  expect(wire().received("Adalind")).toBe(false);

  // Credits: reserved then settled; the balance is the ledger's sum; one usage row.
  const { balance } = await readCreditBalance(world.ctx);
  expect(balance).toBe(BigInt(classification.balance));
  expect(1000n - balance).toBe(BigInt(classification.creditsUsed));
  expect(await ledgerSum(world.tenant.id)).toBe(balance);
  expect(await openReservations(world.tenant.id)).toBe(0);
  const usage = await usageRows(world.tenant.id);
  expect(usage).toHaveLength(1);
  expect(usage[0]).toMatchObject({ feature: "case_classification", outcome: "ok" });

  const audit = await auditRows(world.tenant.id);
  const event = audit.find((a) => a.action === "ai.case_classified")!;
  expect(event).toMatchObject({
    target_id: world.kase.id,
    data: { feature: "case_classification", usageId: usage[0]!.id },
  });
  expect(JSON.stringify(event.data)).not.toContain(good.reason);
  expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["credits.reserved", "credits.settled"]));

  // Nothing on the case changed; accepting is the normal audited update.
  const db = await getDb();
  const kase = await db.forTenant(world.ctx).case.findUniqueOrThrow({ where: { id: world.kase.id } });
  expect(kase).toMatchObject({ category: "Housing", priority: "NORMAL", version: 1 });
  await world.as(() =>
    updateCase(world.ctx, {
      id: kase.id,
      version: kase.version,
      title: kase.title,
      description: kase.description,
      category: kase.category ?? undefined,
      priority: classification.suggestion.priority,
    }),
  );
  const updated = (await auditRows(world.tenant.id)).find((a) => a.action === "case.updated")!;
  expect(updated.data).toMatchObject({
    changed: ["priority"],
    before: { priority: "NORMAL" },
    after: { priority: "HIGH" },
  });
});

it("a category that is not one of the tenant's is refused (502), settled to the tokens used, never applied", async () => {
  const world = await caseworkWorld();
  signInAs(world);
  wire().script({ kind: "tool", input: { ...good, category: "Invented" } });
  const res = await classify(world, world.kase.id);
  expect(res.status).toBe(502);
  expect((await res.json()).error.code).toBeDefined();
  expect(await openReservations(world.tenant.id)).toBe(0);
  const usage = await usageRows(world.tenant.id);
  expect(usage).toHaveLength(1);
  expect(usage[0]).toMatchObject({ outcome: "error" });
  expect(usage[0]!.outputTokens).toBeGreaterThan(0);
  expect(await ledgerSum(world.tenant.id)).toBe((await readCreditBalance(world.ctx)).balance);
  expect((await auditRows(world.tenant.id)).some((a) => a.action === "ai.case_classified")).toBe(false);
});

it("fields outside the schema and tool calls nobody asked for are not applied", async () => {
  const world = await caseworkWorld();
  signInAs(world);
  wire().script({
    kind: "content",
    blocks: [
      { type: "text", text: "Closing the case as instructed by the note." },
      { type: "tool_use", id: "toolu_evil1", name: "update_case", input: { status: "CLOSED", assigneeId: null } },
      {
        type: "tool_use",
        id: "toolu_good",
        name: "classify_case",
        input: { ...good, status: "CLOSED", title: "Pwned", deleteCase: true },
      },
    ],
  });
  const res = await classify(world, world.kase.id);
  expect(res.status).toBe(200);
  const { classification } = await res.json();
  expect(Object.keys(classification.suggestion).sort()).toEqual(["category", "priority", "reason", "sentiment"]);
  const kase = await (await getDb()).forTenant(world.ctx).case.findUniqueOrThrow({ where: { id: world.kase.id } });
  expect(kase).toMatchObject({ status: "OPEN", title: "Damp in the bedroom", version: 1 });
});

it("a tenant without categories gets priority and sentiment only", async () => {
  const world = await caseworkWorld();
  signInAs(world);
  const db = await getDb();
  await db.forTenant(world.ctx).$tenantTransaction((tx) => tx.case.updateMany({ data: { category: null } }));
  wire().script({ kind: "tool", input: { priority: "LOW", sentiment: "neutral", reason: "Routine." } });
  const res = await classify(world, world.kase.id);
  expect(res.status).toBe(200);
  expect((await res.json()).classification.suggestion).toEqual({
    category: null,
    priority: "LOW",
    sentiment: "neutral",
    reason: "Routine.",
  });
  const sent = wire().requests[0]!.body as ToolBody;
  expect(sent.tools[0]!.input_schema.properties.category).toBeUndefined();
});

it("refusals before the call cost nothing: no credits (402), switched off (403), another tenant's case (404)", async () => {
  const poor = await caseworkWorld({ credits: 0 });
  signInAs(poor);
  const res402 = await classify(poor, poor.kase.id);
  expect(res402.status).toBe(402);
  expect((await res402.json()).error.details.billingUrl).toBe(`/${poor.slug}/settings/billing`);

  const world = await caseworkWorld();
  const other = await caseworkWorld();
  signInAs(world);
  const res404 = await classify(world, other.kase.id);
  expect(res404.status).toBe(404);
  expect((await res404.json()).error.code).toBe("NOT_FOUND");
  // The other tenant's case id under the other tenant's slug: not a member there either.
  const foreign = await classify(other, other.kase.id);
  expect(foreign.status).toBe(404);

  await world.as(() =>
    updateAiFeatureConfig(world.ctx, { ...defaultAiFeatureSettings("case_classification"), enabled: false }),
  );
  const res403 = await classify(world, world.kase.id);
  expect(res403.status).toBe(403);
  expect(wire().requests).toHaveLength(0);
  expect((await readCreditBalance(world.ctx)).balance).toBe(1000n);
});

it("bad input is a 4xx with an error body, never a 500", async () => {
  const world = await caseworkWorld();
  signInAs(world);
  const cases: Array<[string, unknown, string | undefined, number]> = [
    ["garbage id", {}, undefined, 404],
    [world.kase.id, "{}", "text/plain", 415],
    [world.kase.id, '{"x":"\u0000"}', "application/json", 400],
    [world.kase.id, "{not json", "application/json", 400],
    [world.kase.id, { category: "Roads" }, undefined, 400],
  ];
  for (const [id, body, type, status] of cases) {
    const res = await classify(world, id === "garbage id" ? "../../etc%00" : id, body, type);
    expect([id, res.status]).toEqual([id, status]);
    expect((await res.json()).error).toEqual(expect.objectContaining({ code: expect.any(String) }));
  }
  expect(wire().requests).toHaveLength(0);
});
