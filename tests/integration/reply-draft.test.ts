// Reply drafts through their route and the real SDK against the local Anthropic wire server:
// the language (citizen's preferred, or the one asked for), the tenant's tone and prompt
// additions in their own block, the case's notes delimited, no citizen PII; credits reserved
// and settled (to the produced tokens on a cancel), one usage row and an `ai.reply_drafted`
// audit event per call without the text; saving the edited draft is the normal audited note.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

jest.mock("@/lib/auth/session", () => ({ currentUser: jest.fn() }));
jest.mock("next/headers", () => ({ headers: async () => new Headers({ "x-request-id": "req-reply-draft" }) }));

import { POST } from "@/app/api/tenants/[tenant]/cases/[caseId]/reply-draft/route";
import { defaultAiFeatureSettings } from "@/lib/ai/config/schemas";
import { updateAiFeatureConfig } from "@/lib/ai/config/update-ai-config";
import { decodeAiFrames } from "@/lib/ai/stream/protocol";
import { addCaseNote } from "@/lib/cases/mutations";
import { readCreditBalance } from "@/lib/credits";
import { getDatabase } from "@/lib/db";
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

function draft(world: Pick<CaseworkWorld, "slug">, caseId: string, body: unknown = {}, type?: string) {
  return POST(post(world.slug, `cases/${caseId}/reply-draft`, body, type), {
    params: Promise.resolve({ tenant: world.slug, caseId }),
  });
}

async function settledAll(tenantId: string) {
  for (let i = 0; i < 100; i++) {
    if ((await openReservations(tenantId)) === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("reservation still open");
}

type Sent = { system: string; messages: Array<{ content: string }> };

it("streams a draft in the citizen's language and the tenant's tone; settled, usage row, audit without the text", async () => {
  const world = await caseworkWorld({ language: "nl" });
  signInAs(world);
  await world.as(() =>
    updateAiFeatureConfig(world.ctx, {
      ...defaultAiFeatureSettings("reply_draft"),
      tone: "formal",
      promptAdditions: "Always mention our helpdesk number 0800-123.",
    }),
  );
  const reply = "Geachte heer of mevrouw, wij hebben uw melding over vocht ontvangen.";
  wire().script({ kind: "text", chunks: [reply.slice(0, 20), reply.slice(20)], usage: { input: 500, output: 40 } });
  const res = await draft(world, world.kase.id);
  expect(res.status).toBe(200);
  const frames = decodeAiFrames(await res.text()).frames;
  expect(
    frames
      .filter((f) => f.event === "text")
      .map((f) => (f.data as { text: string }).text)
      .join(""),
  ).toBe(reply);
  const done = frames.at(-1)!;
  expect(done).toMatchObject({ event: "done", data: { outcome: "ok" } });

  const sent = wire().requests[0]!.body as Sent;
  expect(sent.system).toContain("Write the reply in Dutch");
  expect(sent.system).toContain("formal and courteous");
  expect(sent.system).toContain(
    "<tenant_instructions>Always mention our helpdesk number 0800-123.</tenant_instructions>",
  );
  expect(sent.system).toContain("<organisation>Casework Org</organisation>");
  expect(sent.messages[0]!.content).toContain("<note date=");
  expect(sent.messages[0]!.content).toContain("Mould behind the wardrobe");
  for (const pii of NEVER_SENT) expect(wire().received(pii)).toBe(false);
  expect(wire().received("Adalind")).toBe(false);

  const { creditsUsed, balance } = done.data as { creditsUsed: number; balance: number };
  expect((await readCreditBalance(world.ctx)).balance).toBe(BigInt(balance));
  expect(1000 - balance).toBe(creditsUsed);
  expect(await ledgerSum(world.tenant.id)).toBe(BigInt(balance));
  const usage = await usageRows(world.tenant.id);
  expect(usage).toHaveLength(1);
  expect(usage[0]).toMatchObject({ feature: "reply_draft", outcome: "ok", inputTokens: 500, outputTokens: 40 });
  const audit = await auditRows(world.tenant.id);
  const event = audit.find((a) => a.action === "ai.reply_drafted")!;
  expect(event).toMatchObject({
    target_id: world.kase.id,
    data: { usageId: usage[0]!.id, outcome: "ok", language: "nl", chars: reply.length },
  });
  expect(JSON.stringify(event.data)).not.toContain("Geachte");

  // The person edits and saves it: the normal note, with its own audit event.
  const note = await world.as(() => addCaseNote(world.ctx, { id: world.kase.id, body: `${reply}\n\nEdited.` }));
  const noted = (await auditRows(world.tenant.id)).find(
    (a) => a.action === "case.note_added" && a.data.noteId === note.id,
  );
  expect(noted).toBeDefined();
});

it("the language asked for wins over the citizen's; an unsupported preferred language falls back to the default", async () => {
  const world = await caseworkWorld({ language: "nl" });
  signInAs(world);
  wire().script({ kind: "text", chunks: ["Madame, Monsieur,"] });
  const fr = await draft(world, world.kase.id, { language: "fr" });
  await fr.text();
  expect((wire().requests[0]!.body as Sent).system).toContain("Write the reply in French");

  const italian = await caseworkWorld({ language: "it" });
  signInAs(italian);
  wire().script({ kind: "text", chunks: ["Dear resident,"] });
  await (await draft(italian, italian.kase.id)).text();
  expect((wire().requests[1]!.body as Sent).system).toContain("Write the reply in English");
});

it("a cancelled draft is charged for what was produced and audited as cancelled", async () => {
  const world = await caseworkWorld();
  signInAs(world);
  const chunks = Array.from({ length: 200 }, (_, i) => `word${i} `);
  wire().script({ kind: "text", chunks, delayMs: 20, usage: { input: 400, output: 2000 } });
  const res = await draft(world, world.kase.id);
  const reader = res.body!.getReader();
  await reader.read();
  await reader.cancel();
  await settledAll(world.tenant.id);
  const usage = await usageRows(world.tenant.id);
  expect(usage).toHaveLength(1);
  expect(usage[0]).toMatchObject({ outcome: "cancelled" });
  expect(usage[0]!.outputTokens).toBeLessThan(2000);
  for (let i = 0; i < 50; i++) {
    if ((await auditRows(world.tenant.id)).some((a) => a.action === "ai.reply_drafted")) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const event = (await auditRows(world.tenant.id)).find((a) => a.action === "ai.reply_drafted");
  expect(event?.data).toMatchObject({ outcome: "cancelled", usageId: usage[0]!.id });
  expect(await ledgerSum(world.tenant.id)).toBe((await readCreditBalance(world.ctx)).balance);
});

it("refusals and bad input answer JSON errors before any credit or provider call", async () => {
  const world = await caseworkWorld();
  const other = await caseworkWorld();
  signInAs(world);
  const cases: Array<[string, string, unknown, string | undefined, number]> = [
    ["other tenant's case", other.kase.id, {}, undefined, 404],
    ["garbage id", "not-a-case", {}, undefined, 404],
    ["unknown language", world.kase.id, { language: "xx" }, undefined, 400],
    ["extra field", world.kase.id, { tone: "rude" }, undefined, 400],
    ["wrong content type", world.kase.id, "{}", "text/plain", 415],
    ["NUL byte", world.kase.id, '{"language":"\u0000"}', "application/json", 400],
  ];
  for (const [label, id, body, type, status] of cases) {
    const res = await draft(world, id, body, type);
    expect([label, res.status]).toEqual([label, status]);
    expect((await res.json()).error).toEqual(expect.objectContaining({ code: expect.any(String) }));
  }
  const poor = await caseworkWorld({ credits: 0 });
  signInAs(poor);
  const res = await draft(poor, poor.kase.id);
  expect(res.status).toBe(402);
  expect((await res.json()).error.details.billingUrl).toBe(`/${poor.slug}/settings/billing`);
  expect(wire().requests).toHaveLength(0);
  expect((await readCreditBalance(world.ctx)).balance).toBe(1000n);
});
