// The streamed citizen summary through its route and the real SDK against the local Anthropic
// wire server: what was sent (the citizen's cases and their timelines in delimited, escaped
// blocks; never the name, national ID, date of birth or contact details), what was stored (only
// citations naming a case or entry id that was sent), the source version and stale marking when
// a case changes, regenerating, credits reserved and settled with a usage row and an audit
// event; another tenant's citizen is 404 and costs nothing.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

jest.mock("@/lib/auth/session", () => ({ currentUser: jest.fn() }));
jest.mock("next/headers", () => ({ headers: async () => new Headers({ "x-request-id": "req-citizen-summary" }) }));

import { POST } from "@/app/api/tenants/[tenant]/citizens/[citizenId]/summary/route";
import { readCitizenSummary } from "@/lib/ai/features/citizen-summary/read-citizen-summary";
import { decodeAiFrames } from "@/lib/ai/stream/protocol";
import { addCaseNote } from "@/lib/cases/mutations";
import { readCreditBalance } from "@/lib/credits";
import { getDatabase } from "@/lib/db";
import { withAnthropicServer } from "../support/anthropic-env";
import {
  auditRows,
  CITIZEN_PII,
  caseworkWorld,
  ledgerSum,
  NEVER_SENT,
  openReservations,
  post,
  signInAs,
  usageRows,
  type CaseworkWorld,
} from "../support/casework-world";
import { PROMPT_INJECTION_NOTES, RAW_TAGS } from "../support/prompt-injection-corpus";

const wire = withAnthropicServer();

afterAll(async () => {
  await (await getDatabase()).close?.();
});

function summarise(world: Pick<CaseworkWorld, "slug">, citizenId: string, body: unknown = {}) {
  return POST(post(world.slug, `citizens/${citizenId}/summary`, body), {
    params: Promise.resolve({ tenant: world.slug, citizenId }),
  });
}

async function frames(res: Response) {
  return decodeAiFrames(await res.text()).frames;
}

type SentBody = { system: string; messages: Array<{ content: string }> };

it("sends the cases without PII, stores only valid citations, settles credits and audits", async () => {
  const world = await caseworkWorld();
  signInAs(world);
  const forged = "00000000-0000-4000-8000-000000000000";
  wire().script({
    kind: "text",
    chunks: [
      `The citizen reported damp with children at home. [ref:${world.note.id}] `,
      `They also asked about bins. [ref:${forged}] `,
      "An uncited claim.",
    ],
    usage: { input: 900, output: 60 },
  });
  const res = await summarise(world, world.citizen.id);
  expect(res.status).toBe(200);
  const out = await frames(res);
  expect(out.at(-1)!.event).toBe("done");

  // What was sent: the three cases and the note, escaped inside <citizen_cases>; no PII at all.
  const sent = wire().requests[0]!.body as SentBody;
  const user = sent.messages[0]!.content;
  expect(user.startsWith("<citizen_cases>")).toBe(true);
  expect(user.match(/<case ref="/g)).toHaveLength(3);
  expect(user).toContain(`<case ref="${world.kase.id}">`);
  expect(user).toContain("Mould behind the wardrobe");
  for (const pii of [...NEVER_SENT, CITIZEN_PII.dateOfBirth, CITIZEN_PII.firstName, CITIZEN_PII.lastName])
    expect(wire().received(pii)).toBe(false);
  expect(sent.system).toContain('Refer to the person only as "the citizen"');

  // Stored: the valid citation kept, the forged one dropped (the sentence kept, marked uncited).
  const stored = await readCitizenSummary(world.ctx, world.citizen.id);
  expect(stored.summary?.stale).toBe(false);
  expect(stored.summary?.sentences).toEqual([
    { text: "The citizen reported damp with children at home.", refs: [world.note.id], uncited: false },
    { text: "They also asked about bins.", refs: [], uncited: true },
    { text: "An uncited claim.", refs: [], uncited: true },
  ]);
  expect(stored.sourceIds).toContain(world.kase.id);

  // Credits: reserved then settled; the balance is the ledger's sum; one usage row; audited.
  const { balance } = await readCreditBalance(world.ctx);
  expect(balance).toBeLessThan(1000n);
  expect(await ledgerSum(world.tenant.id)).toBe(balance);
  expect(await openReservations(world.tenant.id)).toBe(0);
  const usage = await usageRows(world.tenant.id);
  expect(usage.filter((u) => u.feature === "citizen_summary")).toHaveLength(1);
  const audit = (await auditRows(world.tenant.id)).filter((a) => a.action === "citizen.summary_generated");
  expect(audit).toHaveLength(1);
  expect(audit[0]!.target_id).toBe(world.citizen.id);
  expect(audit[0]!.data).toMatchObject({ sentences: 3, uncited: 2, droppedRefs: 1 });
  expect(JSON.stringify(audit[0]!.data)).not.toContain("damp");
});

it("is marked stale when a case changes, and regenerating replaces it", async () => {
  const world = await caseworkWorld();
  signInAs(world);
  wire().script({ kind: "text", chunks: [`Damp. [ref:${world.kase.id}]`] });
  await frames(await summarise(world, world.citizen.id));
  const first = await readCitizenSummary(world.ctx, world.citizen.id);
  expect(first.summary?.stale).toBe(false);

  await world.as(() => addCaseNote(world.ctx, { id: world.kase.id, body: "The landlord replied." }));
  const stale = await readCitizenSummary(world.ctx, world.citizen.id);
  expect(stale.summary?.stale).toBe(true);
  expect(stale.summary?.id).toBe(first.summary?.id);

  wire().script({ kind: "text", chunks: [`The landlord replied. [ref:${world.kase.id}]`] });
  await frames(await summarise(world, world.citizen.id));
  const again = await readCitizenSummary(world.ctx, world.citizen.id);
  expect(again.summary).toMatchObject({ stale: false, text: "The landlord replied." });
  expect(wire().requests.at(-1)!.rawBody).toContain("The landlord replied.");
});

it("another tenant's citizen is 404 and costs nothing; bad bodies are refused", async () => {
  const a = await caseworkWorld();
  const b = await caseworkWorld();
  signInAs(a);
  const res = await summarise(a, b.citizen.id);
  expect(res.status).toBe(404);
  expect((await res.json()).error.code).toBe("NOT_FOUND");
  expect((await summarise(a, "not-a-uuid")).status).toBe(404);
  expect((await summarise(a, a.citizen.id, { extra: 1 })).status).toBe(400);
  expect(wire().requests).toHaveLength(0);
  expect((await readCreditBalance(a.ctx)).balance).toBe(1000n);
  await expect(readCitizenSummary(a.ctx, b.citizen.id)).rejects.toThrow(/not found/i);
});

it("hostile notes stay inside their escaped blocks", async () => {
  const world = await caseworkWorld();
  signInAs(world);
  for (const body of PROMPT_INJECTION_NOTES.slice(0, 10))
    await world.as(() => addCaseNote(world.ctx, { id: world.kase.id, body }));
  wire().script({ kind: "text", chunks: [`Summary. [ref:${world.kase.id}]`] });
  await frames(await summarise(world, world.citizen.id));
  const user = (wire().requests[0]!.body as SentBody).messages[0]!.content;
  // Exactly our own blocks: one list, three cases; no note opened or closed one of its own.
  expect(user.match(/<citizen_cases>/g)).toHaveLength(1);
  expect(user.match(/<\/citizen_cases>/g)).toHaveLength(1);
  expect(user.match(/<\/case>/g)).toHaveLength(3);
  for (const tag of RAW_TAGS.filter((t) => t !== "<entry ref=" && t !== "</entry>")) expect(user).not.toContain(tag);
  const entries = user.match(/<entry ref="/g)!.length;
  expect(user.match(/<\/entry>/g)).toHaveLength(entries);
});
