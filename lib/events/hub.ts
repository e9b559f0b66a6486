// The per-process event hub: ONE LISTEN connection per process, a tenant's channel LISTENed
// while someone in this process follows it (and for a minute after, so a reconnecting browser
// can resume), and a ring buffer of that tenant's recent events for `Last-Event-ID` replay.
import { logger } from "@/lib/log/logger";
import type { ListenSource } from "./listen-source";
import { tenantChannel, tenantEventSchema, type TenantEvent } from "./types";

export type EventListener = (event: TenantEvent) => void;

export type EventHub = {
  /** Follows a tenant's events; resolves (with the way to stop) once LISTEN is in effect. */
  subscribe(tenantId: string, listener: EventListener): Promise<() => void>;
  /**
   * The tenant's events after `lastEventId`, oldest first; null when that id is no longer
   * (or was never) in the buffer, so the caller cannot know what was missed.
   */
  since(tenantId: string, lastEventId: string): TenantEvent[] | null;
  close(): Promise<void>;
};

type Channel = { listeners: Set<EventListener>; buffer: TenantEvent[]; linger?: NodeJS.Timeout; ready: Promise<void> };

export type HubOptions = { bufferSize?: number; lingerMs?: number };

export function createEventHub(
  source: ListenSource,
  { bufferSize = 500, lingerMs = 60_000 }: HubOptions = {},
): EventHub {
  const channels = new Map<string, Channel>();

  const deliver = (tenantId: string, ch: Channel, payload: string) => {
    const parsed = tenantEventSchema.safeParse(safeJson(payload));
    // A payload for another tenant on this channel cannot happen through publishTenantEvent;
    // anything else NOTIFYing here is dropped rather than trusted.
    if (!parsed.success || parsed.data.tenantId !== tenantId) {
      logger.warn({ event: "events.bad_payload", tenantId }, "dropped a malformed tenant event");
      return;
    }
    ch.buffer.push(parsed.data);
    if (ch.buffer.length > bufferSize) ch.buffer.splice(0, ch.buffer.length - bufferSize);
    for (const listener of ch.listeners) listener(parsed.data);
  };

  const open = (tenantId: string): Channel => {
    const existing = channels.get(tenantId);
    if (existing) return existing;
    const ch: Channel = { listeners: new Set(), buffer: [], ready: Promise.resolve() };
    const name = tenantChannel(tenantId);
    ch.ready = source
      .listen(name, (payload) => deliver(tenantId, ch, payload))
      .catch((err) => {
        channels.delete(tenantId);
        throw err;
      });
    channels.set(tenantId, ch);
    return ch;
  };

  const release = (tenantId: string, ch: Channel) => {
    if (ch.listeners.size > 0 || ch.linger) return;
    ch.linger = setTimeout(() => {
      ch.linger = undefined;
      if (ch.listeners.size > 0 || channels.get(tenantId) !== ch) return;
      channels.delete(tenantId);
      source.unlisten(tenantChannel(tenantId)).catch(() => undefined);
    }, lingerMs);
    ch.linger.unref();
  };

  return {
    async subscribe(tenantId, listener) {
      const ch = open(tenantId);
      if (ch.linger) clearTimeout(ch.linger);
      ch.linger = undefined;
      ch.listeners.add(listener);
      try {
        await ch.ready;
      } catch (err) {
        ch.listeners.delete(listener);
        throw err;
      }
      return () => {
        ch.listeners.delete(listener);
        release(tenantId, ch);
      };
    },
    since(tenantId, lastEventId) {
      const buffer = channels.get(tenantId)?.buffer ?? [];
      const at = buffer.findIndex((e) => e.id === lastEventId);
      return at < 0 ? null : buffer.slice(at + 1);
    },
    async close() {
      for (const ch of channels.values()) if (ch.linger) clearTimeout(ch.linger);
      channels.clear();
      await source.close();
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
