// "Generate now" through its route: OWNER/ADMIN only, the tenant from the URL (a tenant the user
// is not a member of answers 404 and calls nothing), idempotent for the day (a second press
// returns the stored briefing without a second call or charge), JSON errors for a bad body, no
// credits (402) and the feature switched off (403), none of which calls the model.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

jest.mock("@/lib/auth/session", () => ({ currentUser: jest.fn() }));
jest.mock("next/cache", () => ({ revalidatePath: jest.fn() }));
jest.mock("next/headers", () => ({ headers: async () => new Headers({ "x-request-id": "req-briefing-route" }) }));

import { POST } from "@/app/api/tenants/[tenant]/briefing/route";
import { updateAiFeatureConfigAction } from "@/app/(dashboard)/[tenant]/settings/ai/actions";
import { readAiFeatureConfig } from "@/lib/ai/config/read-ai-config";
import { defaultAiFeatureSettings } from "@/lib/ai/config/schemas";
import { updateAiFeatureConfig } from "@/lib/ai/config/update-ai-config";
import { getDatabase, getDb } from "@/lib/db";
import { withAnthropicServer } from "../support/anthropic-env";
import { caseworkWorld, post, signInAs, usageRows, type CaseworkWorld } from "../support/casework-world";

const wire = withAnthropicServer();

afterAll(async () => {
  await (await getDatabase()).close?.();
});

function generate(world: Pick<CaseworkWorld, "slug">, body: unknown = {}) {
  return POST(post(world.slug, "briefing", body), { params: Promise.resolve({ tenant: world.slug }) });
}

it("writes today's briefing once: the second press returns it without calling the model", async () => {
  const world = await caseworkWorld();
  signInAs(world);
  wire().script({ kind: "tool", input: { sentences: ["[ref:new] new cases, [ref:overdue] overdue."] } });
  const first = await generate(world);
  expect(first.status).toBe(200);
  const a = await first.json();
  expect(a).toMatchObject({ created: true, briefing: { status: "ready" } });
  expect(a.creditsUsed).toBeGreaterThan(0);
  const second = await generate(world);
  const b = await second.json();
  expect(b).toMatchObject({ created: false, creditsUsed: 0, briefing: { id: a.briefing.id } });
  expect(wire().requests).toHaveLength(1);
  expect(await usageRows(world.tenant.id)).toHaveLength(1);
});

it("members and viewers may not generate (403); another tenant's slug is 404; nothing is called", async () => {
  const world = await caseworkWorld();
  const db = await getDb();
  for (const role of ["MEMBER", "VIEWER"] as const) {
    await db.forTenant(world.ctx).membership.updateMany({ where: { userId: world.user.id }, data: { role } });
    signInAs(world);
    const res = await generate(world);
    expect(res.status).toBe(403);
  }
  const other = await caseworkWorld();
  signInAs(world);
  const foreign = await generate(other);
  expect(foreign.status).toBe(404);
  expect(wire().requests).toHaveLength(0);
  expect(await db.forTenant(other.ctx).briefing.count()).toBe(0);
});

it("refuses a body with fields (400), no credits (402) and the feature switched off (403) before any call", async () => {
  const world = await caseworkWorld();
  signInAs(world);
  const bad = await generate(world, { day: "2020-01-01" });
  expect(bad.status).toBe(400);
  expect((await bad.json()).error).toBeDefined();

  const broke = await caseworkWorld({ credits: 0 });
  signInAs(broke);
  const res402 = await generate(broke);
  expect(res402.status).toBe(402);
  expect((await res402.json()).error.details.billingUrl).toContain(`/${broke.slug}/settings/billing`);

  await world.as(() => updateAiFeatureConfig(world.ctx, { ...defaultAiFeatureSettings("briefing"), enabled: false }));
  signInAs(world);
  expect((await generate(world)).status).toBe(403);
  expect(wire().requests).toHaveLength(0);
});

it("the AI settings form saves the briefing time and zone, and answers field errors for bad ones", async () => {
  const world = await caseworkWorld();
  signInAs(world);
  const form = (fields: Record<string, string>) => {
    const f = new FormData();
    f.set("feature", "briefing");
    for (const [k, v] of Object.entries(fields)) f.set(k, v);
    return f;
  };
  const saved = await updateAiFeatureConfigAction(world.slug, form({ timeOfDay: "06:45", timeZone: "Europe/Berlin" }));
  expect(saved).toMatchObject({ ok: true });
  expect(await readAiFeatureConfig(world.ctx, "briefing")).toMatchObject({
    timeOfDay: "06:45",
    timeZone: "Europe/Berlin",
  });
  const bad = await updateAiFeatureConfigAction(world.slug, form({ timeOfDay: "25:00", timeZone: "Moon/Base" }));
  expect(bad).toMatchObject({
    ok: false,
    fieldErrors: {
      timeOfDay: ["Enter a time as HH:MM, from 00:00 to 23:59"],
      timeZone: ["Enter a time zone such as Europe/Amsterdam"],
    },
  });
  expect(await readAiFeatureConfig(world.ctx, "briefing")).toMatchObject({ timeOfDay: "06:45" });
});
