// The AI's part in the duplicate review: it ranks and explains the top candidates over the
// local Anthropic wire server, credited like every feature, and sees names, cities and per-field
// agreement only — no email, phone, birth date, national ID or address. Refs it was not given,
// an empty queue and a plan without the feature are refused; nothing is merged by it.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

jest.mock("@/lib/auth/session", () => ({ currentUser: jest.fn() }));
jest.mock("next/headers", () => ({ headers: async () => new Headers({ "x-request-id": "req-duplicates" }) }));

import { explainDuplicates } from "@/lib/ai/features/duplicates/explain-duplicates";
import { createCitizen } from "@/lib/citizens/mutations";
import { citizenFieldsSchema } from "@/lib/citizens/schemas";
import { refreshDuplicateCandidates } from "@/lib/citizens/duplicates/refresh-duplicate-candidates";
import { readCreditBalance } from "@/lib/credits";
import { getDatabase, getDb } from "@/lib/db";
import { ConflictError, ForbiddenError } from "@/lib/errors";
import { withAnthropicServer } from "../support/anthropic-env";
import {
  auditRows,
  caseworkWorld,
  CITIZEN_PII,
  ledgerSum,
  NEVER_SENT,
  openReservations,
  usageRows,
} from "../support/casework-world";

const wire = withAnthropicServer();

afterAll(async () => {
  await (await getDatabase()).close?.();
});

async function worldWithDuplicate(plan?: "FREE" | "PRO") {
  const world = await caseworkWorld(plan ? { plan } : {});
  await world.as(() =>
    createCitizen(world.ctx, citizenFieldsSchema.parse({ ...CITIZEN_PII, firstName: "Adalnid", city: "Gent" })),
  );
  await world.as(() => refreshDuplicateCandidates(world.ctx));
  return world;
}

it("ranks and explains the pairs from agreement flags only, credited, audited, nothing merged", async () => {
  const world = await worldWithDuplicate();
  wire().script({
    kind: "tool",
    input: {
      pairs: [
        {
          ref: "p1",
          likelihood: "likely",
          explanation: "Same email, phone and national ID; a typo in the first name.",
        },
      ],
    },
  });
  const result = await world.as(() => explainDuplicates(world.ctx));
  expect(result.explanations).toHaveLength(1);
  expect(result.explanations[0]).toMatchObject({ rank: 1, likelihood: "likely" });
  const sent = JSON.stringify(wire().requests[0]!.body);
  expect(sent).toContain("<pair ref=");
  expect(sent).toContain("National ID: exact");
  for (const pii of [...NEVER_SENT, CITIZEN_PII.dateOfBirth]) expect(wire().received(pii)).toBe(false);

  const usage = await usageRows(world.tenant.id);
  expect(usage).toHaveLength(1);
  expect(usage[0]).toMatchObject({ feature: "duplicates", outcome: "ok" });
  expect(await openReservations(world.tenant.id)).toBe(0);
  expect(await ledgerSum(world.tenant.id)).toBe((await readCreditBalance(world.ctx)).balance);
  const event = (await auditRows(world.tenant.id)).find((a) => a.action === "ai.duplicates_explained")!;
  expect(event.data).toMatchObject({ feature: "duplicates", pairs: 1, ranked: 1 });
  expect(JSON.stringify(event.data)).not.toContain("typo");
  // Nothing merged or dismissed.
  const db = await getDb();
  expect(await db.forTenant(world.ctx).citizenMerge.count()).toBe(0);
  expect(await db.forTenant(world.ctx).duplicateCandidate.count()).toBe(1);
});

it("a ref it was not given is refused and settled to the tokens used", async () => {
  const world = await worldWithDuplicate();
  wire().script({ kind: "tool", input: { pairs: [{ ref: "p9", likelihood: "likely", explanation: "Invented." }] } });
  await expect(world.as(() => explainDuplicates(world.ctx))).rejects.toThrow();
  expect(await openReservations(world.tenant.id)).toBe(0);
  const usage = await usageRows(world.tenant.id);
  expect(usage[0]).toMatchObject({ outcome: "error" });
  expect((await auditRows(world.tenant.id)).some((a) => a.action === "ai.duplicates_explained")).toBe(false);
});

it("an empty queue is a conflict and costs nothing", async () => {
  const world = await caseworkWorld();
  await expect(world.as(() => explainDuplicates(world.ctx))).rejects.toBeInstanceOf(ConflictError);
  expect(await usageRows(world.tenant.id)).toHaveLength(0);
  expect(wire().requests).toHaveLength(0);
});

it("a plan without the feature is refused before any call", async () => {
  const world = await worldWithDuplicate("FREE");
  await expect(world.as(() => explainDuplicates(world.ctx))).rejects.toBeInstanceOf(ForbiddenError);
  expect(wire().requests).toHaveLength(0);
});
