// The event hub's bookkeeping with a fake LISTEN source: one LISTEN per tenant channel however
// many streams follow it, UNLISTEN after the linger once the last one leaves, the ring buffer
// trimmed to its size, and Last-Event-ID look-ups.
import { randomUUID } from "node:crypto";
import { createEventHub } from "@/lib/events/hub";
import type { ListenSource } from "@/lib/events/listen-source";
import { tenantChannel, type TenantEvent } from "@/lib/events/types";

function fakeSource() {
  const handlers = new Map<string, (payload: string) => void>();
  const calls: string[] = [];
  const source: ListenSource = {
    async listen(channel, onPayload) {
      calls.push(`LISTEN ${channel}`);
      handlers.set(channel, onPayload);
    },
    async unlisten(channel) {
      calls.push(`UNLISTEN ${channel}`);
      handlers.delete(channel);
    },
    async close() {
      calls.push("close");
    },
  };
  const notify = (tenantId: string, over: Partial<TenantEvent> = {}): TenantEvent => {
    const event = { id: randomUUID(), tenantId, type: "case.updated" as const, ids: [], at: Date.now(), ...over };
    handlers.get(tenantChannel(tenantId))?.(JSON.stringify(event));
    return event;
  };
  return { source, calls, notify };
}

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

it("LISTENs once per tenant, UNLISTENs after the last stream leaves and the linger passes", async () => {
  const { source, calls } = fakeSource();
  const hub = createEventHub(source, { lingerMs: 20 });
  const tenant = randomUUID();
  const stopA = await hub.subscribe(tenant, () => undefined);
  const stopB = await hub.subscribe(tenant, () => undefined);
  expect(calls).toEqual([`LISTEN ${tenantChannel(tenant)}`]);
  stopA();
  stopB();
  await tick(40);
  expect(calls).toEqual([`LISTEN ${tenantChannel(tenant)}`, `UNLISTEN ${tenantChannel(tenant)}`]);
  await hub.close();
});

it("a stream that comes back within the linger keeps the channel (and its buffer)", async () => {
  const { source, calls, notify } = fakeSource();
  const hub = createEventHub(source, { lingerMs: 50 });
  const tenant = randomUUID();
  (await hub.subscribe(tenant, () => undefined))();
  const e1 = notify(tenant);
  const e2 = notify(tenant);
  await hub.subscribe(tenant, () => undefined);
  await tick(80);
  expect(calls).toHaveLength(1);
  expect(hub.since(tenant, e1.id)).toEqual([e2]);
  await hub.close();
});

it("keeps only the newest bufferSize events; an id that fell out answers null", async () => {
  const { source, notify } = fakeSource();
  const hub = createEventHub(source, { bufferSize: 3 });
  const tenant = randomUUID();
  await hub.subscribe(tenant, () => undefined);
  const events = [1, 2, 3, 4, 5].map(() => notify(tenant));
  expect(hub.since(tenant, events[0]!.id)).toBeNull();
  expect(hub.since(tenant, events[2]!.id)).toEqual([events[3], events[4]]);
  expect(hub.since(tenant, events[4]!.id)).toEqual([]);
  expect(hub.since(randomUUID(), events[4]!.id)).toBeNull();
  await hub.close();
});

it("drops payloads that are not a valid event of the channel's tenant", async () => {
  const { source, notify } = fakeSource();
  const hub = createEventHub(source);
  const tenant = randomUUID();
  const got: TenantEvent[] = [];
  await hub.subscribe(tenant, (e) => got.push(e));
  notify(tenant, { tenantId: randomUUID() }); // delivered on this channel, claims another tenant
  notify(tenant, { ids: ["not-a-uuid"] });
  const ok = notify(tenant);
  expect(got).toEqual([ok]);
  await hub.close();
});

it("channel names are plain identifiers within PostgreSQL's 63 characters", () => {
  const name = tenantChannel("0A073FF9-3E70-42E8-ABD8-B34893AEDC8A");
  expect(name).toBe("civitas_tenant_0a073ff93e7042e8abd8b34893aedc8a");
  expect(name.length).toBeLessThanOrEqual(63);
  expect(() => tenantChannel("x; DROP TABLE cases")).toThrow();
});
