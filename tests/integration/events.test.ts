// Real-time tenant events (lib/events): pg_notify inside the business transaction, fanned out
// by one hub per process to SSE streams. Two hubs with their own connections stand for two app
// instances; on PostgreSQL the publisher uses a second pool as well.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";

import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { GET as eventsRoute } from "@/app/api/tenants/[tenant]/events/route";
import { currentUser } from "@/lib/auth/session";
import { startSession } from "@/lib/auth/sessions/store";
import { getConfig } from "@/lib/config";
import { getDatabase, getDb } from "@/lib/db";
import { connectPostgres, type DatabaseHandle } from "@/lib/db/connect";
import { createEventHub, type EventHub } from "@/lib/events/hub";
import { pgListenSource, pgliteListenSource } from "@/lib/events/listen-source";
import { closeEventHub } from "@/lib/events/process-hub";
import { publishTenantEvent } from "@/lib/events/publish";
import { createEventStream } from "@/lib/events/sse";
import { streamStillAllowed } from "@/lib/events/stream-access";
import { tenantChannel } from "@/lib/events/types";
import type { Role } from "@/lib/generated/prisma/enums";

jest.mock("@/lib/auth/session", () => ({ currentUser: jest.fn() }));

type User = { id: string; email: string; name: string; sessionId?: string };
type Tenant = { id: string; slug: string };

const run = randomUUID().slice(0, 8);
let seq = 0;
const unique = (prefix: string) => `${prefix}-${run}-${++seq}`;

async function newUser(): Promise<User> {
  const db = await getDb();
  return db.user.create({
    data: { email: `${unique("events")}@example.org`, name: "Events probe" },
    select: { id: true, email: true, name: true },
  });
}

async function newTenant(members: Array<[User, Role]> = []): Promise<Tenant> {
  const db = await getDb();
  const t = await db.tenant.create({ data: { slug: unique("events"), name: "Events probe" } });
  for (const [user, role] of members)
    await db.forTenant({ tenantId: t.id }).membership.create({ data: { tenantId: t.id, userId: user.id, role } });
  return { id: t.id, slug: t.slug };
}

/** Publishes from a business transaction of `tenantId` on the given handle. */
async function publish(handle: DatabaseHandle, tenantId: string, ids: string[] = [randomUUID()]) {
  return handle.db
    .forTenant({ tenantId })
    .$tenantTransaction((tx) => publishTenantEvent(tx, tenantId, { type: "case.updated", ids }));
}

type Frame = { id?: string; event?: string; data?: string; comment?: string };

/** Reads SSE frames off a stream until `done(frames)` or the timeout; then cancels the reader. */
async function readFrames(body: ReadableStream<Uint8Array>, done: (f: Frame[]) => boolean, timeoutMs = 3000) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const frames: Frame[] = [];
  let buffered = "";
  const deadline = Date.now() + timeoutMs;
  try {
    while (!done(frames) && Date.now() < deadline) {
      const next = await Promise.race([
        reader.read(),
        new Promise<null>((r) => setTimeout(() => r(null), Math.max(1, deadline - Date.now())).unref()),
      ]);
      if (next === null || next.done) break;
      buffered += decoder.decode(next.value, { stream: true });
      let cut: number;
      while ((cut = buffered.indexOf("\n\n")) >= 0) {
        const raw = buffered.slice(0, cut);
        buffered = buffered.slice(cut + 2);
        const f: Frame = {};
        for (const line of raw.split("\n")) {
          if (line.startsWith(":")) f.comment = line.slice(1).trim();
          else if (line.startsWith("id: ")) f.id = line.slice(4);
          else if (line.startsWith("event: ")) f.event = line.slice(7);
          else if (line.startsWith("data: ")) f.data = line.slice(6);
        }
        frames.push(f);
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return frames;
}
const tenantEvents = (frames: Frame[]) =>
  frames.filter((f) => f.event === "tenant").map((f) => JSON.parse(f.data!) as { id: string; tenantId: string });

let handle: DatabaseHandle;
let secondPool: DatabaseHandle;
const hubs: EventHub[] = [];
/** A hub of its own, standing for another app instance (its own LISTEN connection). */
function instanceHub(): EventHub {
  const url = getConfig().DATABASE_URL;
  const hub = createEventHub(url ? pgListenSource(url) : pgliteListenSource(handle.pglite!));
  hubs.push(hub);
  return hub;
}
const streamOf = (hub: EventHub, tenantId: string, extra: Partial<Parameters<typeof createEventStream>[0]> = {}) =>
  createEventStream({ hub, tenantId, stillAllowed: async () => true, ...extra });

beforeAll(async () => {
  handle = await getDatabase();
  const url = getConfig().DATABASE_URL;
  // PostgreSQL: the publisher is a second pool, as another instance would be. PGlite has one.
  secondPool = url
    ? connectPostgres({
        DATABASE_URL: url,
        DATABASE_APP_ROLE: "civitas_app",
        DATABASE_POOL_SIZE: 2,
        PGLITE_DATA_DIR: "",
      })
    : handle;
});

afterAll(async () => {
  for (const hub of hubs) await hub.close();
  await closeEventHub();
  if (secondPool !== handle) await secondPool.close();
  await handle.close();
});

describe("delivery across instances", () => {
  it("an event published through one instance reaches the SSE client of another", async () => {
    const tenant = await newTenant();
    const hubB = instanceHub();
    const body = streamOf(hubB, tenant.id);
    const reading = readFrames(body, (f) => tenantEvents(f).length >= 1);
    await new Promise((r) => setTimeout(r, 50)); // the stream subscribes in start()
    const sent = await publish(secondPool, tenant.id);
    const got = tenantEvents(await reading);
    expect(got).toEqual([expect.objectContaining({ id: sent.id, tenantId: tenant.id, type: "case.updated" })]);
  });

  it("a client of tenant B never receives tenant A's events", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const hub = instanceHub();
    const aStream = readFrames(streamOf(hub, a.id), (f) => tenantEvents(f).length >= 2);
    const bStream = readFrames(streamOf(hub, b.id), (f) => tenantEvents(f).length >= 1);
    await new Promise((r) => setTimeout(r, 50));
    const a1 = await publish(secondPool, a.id);
    const a2 = await publish(handle, a.id);
    const b1 = await publish(handle, b.id);
    expect(tenantEvents(await aStream).map((e) => e.id)).toEqual([a1.id, a2.id]);
    expect(tenantEvents(await bStream).map((e) => e.id)).toEqual([b1.id]);
  });

  it("a payload naming another tenant on a tenant's channel is dropped", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const hub = instanceHub();
    const reading = readFrames(streamOf(hub, b.id), (f) => tenantEvents(f).length >= 1, 800);
    await new Promise((r) => setTimeout(r, 50));
    const forged = JSON.stringify({ id: randomUUID(), tenantId: a.id, type: "case.updated", ids: [], at: 1 });
    await handle.base.$executeRaw`SELECT pg_notify(${tenantChannel(b.id)}, ${forged})`;
    await handle.base.$executeRaw`SELECT pg_notify(${tenantChannel(b.id)}, ${"not json"})`;
    expect(tenantEvents(await reading)).toEqual([]);
  });

  it("an event published in a rolled-back transaction is never delivered", async () => {
    const tenant = await newTenant();
    const hub = instanceHub();
    const reading = readFrames(streamOf(hub, tenant.id), (f) => tenantEvents(f).length >= 1, 1500);
    await new Promise((r) => setTimeout(r, 50));
    await expect(
      handle.db.forTenant({ tenantId: tenant.id }).$tenantTransaction(async (tx) => {
        await publishTenantEvent(tx, tenant.id, { type: "case.created", ids: [randomUUID()] });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    const committed = await publish(handle, tenant.id);
    // Only the committed one arrives (and it arrives, so the rolled-back one had its chance).
    expect(tenantEvents(await reading).map((e) => e.id)).toEqual([committed.id]);
  });
});

describe("Last-Event-ID", () => {
  it("a reconnecting client gets the events it missed, in order, then live ones", async () => {
    const tenant = await newTenant();
    const hub = instanceHub();
    const first = readFrames(streamOf(hub, tenant.id), (f) => tenantEvents(f).length >= 1);
    await new Promise((r) => setTimeout(r, 50));
    const e1 = await publish(handle, tenant.id);
    expect(tenantEvents(await first).map((e) => e.id)).toEqual([e1.id]);
    // Disconnected: two events go by (the hub keeps the channel for a while).
    const e2 = await publish(handle, tenant.id);
    const e3 = await publish(handle, tenant.id);
    await new Promise((r) => setTimeout(r, 100));
    const again = readFrames(streamOf(hub, tenant.id, { lastEventId: e1.id }), (f) => tenantEvents(f).length >= 3);
    await new Promise((r) => setTimeout(r, 50));
    const e4 = await publish(handle, tenant.id);
    expect(tenantEvents(await again).map((e) => e.id)).toEqual([e2.id, e3.id, e4.id]);
  });

  it("an id the instance does not know asks the client to resync", async () => {
    const tenant = await newTenant();
    const frames = await readFrames(streamOf(instanceHub(), tenant.id, { lastEventId: randomUUID() }), (f) =>
      f.some((x) => x.event === "resync"),
    );
    expect(frames.some((f) => f.event === "resync")).toBe(true);
  });
});

describe("the stream's own checks", () => {
  it("sends heartbeats", async () => {
    const tenant = await newTenant();
    const frames = await readFrames(
      streamOf(instanceHub(), tenant.id, { heartbeatMs: 30 }),
      (f) => f.filter((x) => x.comment?.startsWith("heartbeat")).length >= 2,
    );
    expect(frames.filter((x) => x.comment?.startsWith("heartbeat")).length).toBeGreaterThanOrEqual(2);
  });

  it("a revoked session ends the stream", async () => {
    const user = await newUser();
    const tenant = await newTenant([[user, "MEMBER"]]);
    const { sessionId } = await startSession(user.id);
    const signedIn = { ...user, sessionId };
    await expect(streamStillAllowed(signedIn, tenant.slug)).resolves.toBe(true);
    const body = streamOf(instanceHub(), tenant.id, {
      recheckMs: 40,
      stillAllowed: () => streamStillAllowed(signedIn, tenant.slug),
    });
    const reading = readFrames(body, (f) => f.some((x) => x.event === "end"));
    await (await getDb()).authSession.update({ where: { id: sessionId }, data: { revokedAt: new Date() } });
    const frames = await reading;
    expect(frames.at(-1)).toEqual({ event: "end", data: JSON.stringify({ reason: "unauthorized" }) });
  });

  it("a removed membership ends the stream", async () => {
    const user = await newUser();
    const tenant = await newTenant([[user, "MEMBER"]]);
    const body = streamOf(instanceHub(), tenant.id, {
      recheckMs: 40,
      stillAllowed: () => streamStillAllowed(user, tenant.slug),
    });
    const reading = readFrames(body, (f) => f.some((x) => x.event === "end"));
    await (
      await getDb()
    )
      .forTenant({ tenantId: tenant.id })
      .membership.delete({ where: { tenantId_userId: { tenantId: tenant.id, userId: user.id } } });
    expect((await reading).some((f) => f.event === "end")).toBe(true);
  });
});

describe("the route", () => {
  const call = (slug: string, headers: Record<string, string> = {}) =>
    eventsRoute(new NextRequest(`http://localhost/api/tenants/${slug}/events`, { headers }), {
      params: Promise.resolve({ tenant: slug }),
    });
  const signIn = (user: User | null) => jest.mocked(currentUser).mockResolvedValue(user);

  it("signed out → 401 with the standard error body", async () => {
    const tenant = await newTenant();
    signIn(null);
    const res = await call(tenant.slug);
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("UNAUTHORIZED");
  });

  it("another tenant's slug → 404, and no stream", async () => {
    const user = await newUser();
    await newTenant([[user, "OWNER"]]);
    const other = await newTenant();
    signIn(user);
    const res = await call(other.slug);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).not.toMatch(/event-stream/);
  });

  it("a member gets an event stream with their tenant's events (ids only)", async () => {
    const user = await newUser();
    const tenant = await newTenant([[user, "VIEWER"]]);
    signIn(user);
    const res = await call(tenant.slug);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reading = readFrames(res.body!, (f) => tenantEvents(f).length >= 1);
    await new Promise((r) => setTimeout(r, 100));
    const caseId = randomUUID();
    const sent = await publish(secondPool, tenant.id, [caseId]);
    const [got] = tenantEvents(await reading);
    expect(got).toEqual({ id: sent.id, tenantId: tenant.id, type: "case.updated", ids: [caseId], at: sent.at });
  });
});
