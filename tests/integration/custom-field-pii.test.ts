// Custom fields marked as personal data (issue #10 item 7): a citizen with a PII-marked custom
// field (and a clear one) goes through every AI feature that reads tenant data, on the local
// Anthropic wire server's offline demo model, and neither value is ever in what the server
// received: no feature sends custom field values (each sends only what it needs: lib/ai/features/*
// loaders select their columns). The mark itself is audited, and a citizen edit's audit event
// names a changed PII field without its values while a clear field keeps before/after.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

jest.mock("@/lib/auth/session", () => ({ currentUser: jest.fn() }));
jest.mock("next/cache", () => ({ revalidatePath: jest.fn() }));
jest.mock("next/headers", () => ({ headers: async () => new Headers({ "x-request-id": "req-cf-pii" }) }));

import { setCustomFieldPiiAction } from "@/app/(dashboard)/[tenant]/settings/fields/actions";
import { POST as intakeRoute } from "@/app/api/tenants/[tenant]/intake/route";
import { POST as classificationRoute } from "@/app/api/tenants/[tenant]/cases/[caseId]/classification/route";
import { POST as replyDraftRoute } from "@/app/api/tenants/[tenant]/cases/[caseId]/reply-draft/route";
import { POST as caseSummaryRoute } from "@/app/api/tenants/[tenant]/cases/[caseId]/summary/route";
import { POST as citizenSummaryRoute } from "@/app/api/tenants/[tenant]/citizens/[citizenId]/summary/route";
import { defaultAiFeatureSettings } from "@/lib/ai/config/schemas";
import { writeBriefing } from "@/lib/ai/features/briefing/write-briefing";
import { collectBriefingBatchJob, emailBriefingJob } from "@/lib/ai/features/briefing/briefing-job";
import {
  collectClassificationBatchJob,
  submitClassificationBatchJob,
} from "@/lib/ai/features/bulk-classification/jobs";
import { startBulkClassification } from "@/lib/ai/features/bulk-classification/start-bulk-classification";
import { startBulkClassificationSchema } from "@/lib/ai/features/bulk-classification/schemas";
import { submitClassificationBatch } from "@/lib/ai/features/bulk-classification/submit-classification-batch";
import { explainDuplicates } from "@/lib/ai/features/duplicates/explain-duplicates";
import { interpretSearch } from "@/lib/ai/features/nl-search/interpret-search";
import { askChat } from "@/lib/chat/ask-chat";
import { createCustomField, listCustomFields, setCustomFieldPii } from "@/lib/citizens/custom-fields";
import { refreshDuplicateCandidates } from "@/lib/citizens/duplicates/refresh-duplicate-candidates";
import { createCitizen, updateCitizen } from "@/lib/citizens/mutations";
import { citizenFieldsSchema, customFieldDefinitionSchema, updateCitizenSchema } from "@/lib/citizens/schemas";
import { runAsSystem } from "@/lib/context/request-context";
import { getDatabase, getDb } from "@/lib/db";
import { getBoss, stopBoss } from "@/lib/jobs/boss";
import { ensureQueue } from "@/lib/jobs/worker";
import { withAnthropicServer } from "../support/anthropic-env";
import { auditRows, caseworkWorld, CITIZEN_PII, post, signInAs, type CaseworkWorld } from "../support/casework-world";

const wire = withAnthropicServer();

beforeAll(async () => {
  const boss = await getBoss();
  for (const def of [
    submitClassificationBatchJob,
    collectClassificationBatchJob,
    collectBriefingBatchJob,
    emailBriefingJob,
  ])
    await ensureQueue(boss, def as never);
}, 180_000);

afterAll(async () => {
  await stopBoss(2000);
  await (await getDatabase()).close?.();
});

const SECRET = "INS-7731-0042-PIIVALUE";
const CLEAR = "Ward-North-Clearvalue";

async function worldWithCustomFields() {
  const world = await caseworkWorld();
  const def = (input: Record<string, unknown>) =>
    world.as(() => createCustomField(world.ctx, customFieldDefinitionSchema.parse({ type: "TEXT", ...input })));
  await def({ key: "insurance_no", label: "Insurance number", pii: "on" });
  await def({ key: "ward", label: "Ward" });
  const values = { insurance_no: SECRET, ward: CLEAR };
  const db = await getDb();
  await db.forTenant(world.ctx).citizen.update({ where: { id: world.citizen.id }, data: { customFields: values } });
  // A near-duplicate with the same custom values, for the duplicates feature.
  await world.as(() =>
    createCitizen(world.ctx, citizenFieldsSchema.parse({ ...CITIZEN_PII, firstName: "Adalnid", customFields: values })),
  );
  await world.as(() => refreshDuplicateCandidates(world.ctx));
  signInAs(world);
  return world;
}

const caseRoute = (route: typeof caseSummaryRoute, world: CaseworkWorld, path: string) =>
  route(post(world.slug, `cases/${world.kase.id}/${path}`), {
    params: Promise.resolve({ tenant: world.slug, caseId: world.kase.id }),
  });

it("no AI feature sends a custom field's value, personal data or not", async () => {
  const world = await worldWithCustomFields();
  expect((await listCustomFields(world.ctx)).map((f) => [f.key, f.pii])).toEqual([
    ["insurance_no", true],
    ["ward", false],
  ]);
  const features: Array<[string, () => Promise<unknown>]> = [
    ["case summary", async () => (await caseRoute(caseSummaryRoute, world, "summary")).text()],
    [
      "citizen summary",
      async () =>
        (
          await citizenSummaryRoute(post(world.slug, `citizens/${world.citizen.id}/summary`), {
            params: Promise.resolve({ tenant: world.slug, citizenId: world.citizen.id }),
          })
        ).text(),
    ],
    ["classification", async () => (await caseRoute(classificationRoute, world, "classification")).json()],
    ["reply draft", async () => (await caseRoute(replyDraftRoute, world, "reply-draft")).text()],
    [
      "intake",
      async () =>
        (
          await intakeRoute(
            post(world.slug, "intake", { text: `Dear council, I am Adalind Vermeulen of Gent; my roof leaks badly.` }),
            { params: Promise.resolve({ tenant: world.slug }) },
          )
        ).json(),
    ],
    [
      "bulk classification",
      async () => {
        const { runId } = await world.as(() =>
          startBulkClassification(
            world.ctx,
            startBulkClassificationSchema.parse({ scope: "selected", caseIds: [world.kase.id] }),
          ),
        );
        await runAsSystem("job", () => submitClassificationBatch({ tenantId: world.tenant.id, runId }));
      },
    ],
    [
      "briefing",
      () =>
        runAsSystem("job", () =>
          writeBriefing(world.ctx, {
            config: defaultAiFeatureSettings("briefing"),
            day: "2026-03-02",
            createdById: null,
          }),
        ),
    ],
    ["duplicates", () => world.as(() => explainDuplicates(world.ctx))],
    ["search", () => world.as(() => interpretSearch(world.ctx, "citizens", { text: "citizens in ward north" }))],
    [
      "chat",
      async () =>
        (await world.as(() => askChat(world.ctx, { question: "How many open cases are there per category?" }))).text(),
    ],
  ];
  for (const [name, run] of features) {
    const before = wire().requests.length;
    await run();
    // Each feature did reach the model (else this test would prove nothing about it).
    expect({ name, sent: wire().requests.length > before }).toEqual({ name, sent: true });
    expect({ name, secret: wire().received(SECRET), clear: wire().received(CLEAR) }).toEqual({
      name,
      secret: false,
      clear: false,
    });
  }
  expect(wire().received("insurance_no")).toBe(false);
});

it("marking a field as personal data is audited; a citizen edit names a changed PII field without its values", async () => {
  const world = await worldWithCustomFields();
  const [insurance, ward] = await listCustomFields(world.ctx);
  // Off and on again through the action (FormData strings), audited per change only.
  expect(await setCustomFieldPiiAction(world.slug, { id: insurance!.id, pii: "false" })).toMatchObject({
    ok: true,
    data: { changed: true },
  });
  expect(await world.as(() => setCustomFieldPii(world.ctx, { id: insurance!.id, pii: true }))).toEqual({
    changed: true,
  });
  expect(await world.as(() => setCustomFieldPii(world.ctx, { id: insurance!.id, pii: true }))).toEqual({
    changed: false,
  });
  const marks = (await auditRows(world.tenant.id)).filter((a) => a.action === "custom_field.pii_changed");
  expect(marks.map((a) => a.data)).toEqual([
    expect.objectContaining({ key: "insurance_no", before: { pii: true }, after: { pii: false } }),
    expect.objectContaining({ key: "insurance_no", before: { pii: false }, after: { pii: true } }),
  ]);
  // Bad input and another tenant's field: field errors and 404, never a 500.
  expect(await setCustomFieldPiiAction(world.slug, { id: "nope", pii: "true" })).toMatchObject({
    ok: false,
    code: "VALIDATION_FAILED",
    fieldErrors: { id: expect.any(Array) },
  });
  const other = await worldWithCustomFields();
  const [foreign] = await listCustomFields(other.ctx);
  expect(await setCustomFieldPiiAction(world.slug, { id: foreign!.id, pii: "false" })).toMatchObject({
    ok: false,
    code: "NOT_FOUND",
  });
  expect((await listCustomFields(other.ctx))[0]!.pii).toBe(true);

  const db = await getDb();
  const current = await db.forTenant(world.ctx).citizen.findUniqueOrThrow({ where: { id: world.citizen.id } });
  await world.as(() =>
    updateCitizen(
      world.ctx,
      updateCitizenSchema.parse({
        ...CITIZEN_PII,
        id: world.citizen.id,
        version: current.version,
        customFields: { insurance_no: "INS-NEW-9999", ward: "Ward-South" },
      }),
    ),
  );
  const edit = (await auditRows(world.tenant.id)).filter((a) => a.action === "citizen.updated").at(-1)!;
  const json = JSON.stringify(edit.data);
  expect(json).not.toContain(SECRET);
  expect(json).not.toContain("INS-NEW-9999");
  expect(edit.data).toMatchObject({
    changed: expect.arrayContaining(["customFields", "customFields.insurance_no"]),
    before: { customFields: { ward: CLEAR } },
    after: { customFields: { ward: "Ward-South" } },
  });
  expect(ward!.pii).toBe(false);
});
