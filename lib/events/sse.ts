// One browser's event stream: replay what it missed (Last-Event-ID), then live events, a
// heartbeat comment every 15 s (proxies close idle connections; the browser notices a dead
// one), and a periodic re-check of the caller's right to read this tenant: a revoked session or
// membership ends the stream with an `event: end` frame, and EventSource's reconnect then gets
// the route's 401/404.
import type { EventHub } from "./hub";
import type { TenantEvent } from "./types";

export type StreamOptions = {
  hub: EventHub;
  tenantId: string;
  lastEventId?: string | null;
  /** Resolves false when the caller may no longer follow this tenant. */
  stillAllowed: () => Promise<boolean>;
  signal?: AbortSignal;
  heartbeatMs?: number;
  recheckMs?: number;
};

const encoder = new TextEncoder();

export function frame(event: TenantEvent): string {
  return `id: ${event.id}\nevent: tenant\ndata: ${JSON.stringify(event)}\n\n`;
}

export function createEventStream(opts: StreamOptions): ReadableStream<Uint8Array> {
  const { hub, tenantId, signal, heartbeatMs = 15_000, recheckMs = 30_000 } = opts;
  let stop = () => {};
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let ended = false;
      const send = (text: string) => {
        if (!ended) controller.enqueue(encoder.encode(text));
      };
      const timers: NodeJS.Timeout[] = [];
      let unsubscribe = () => {};
      const end = (reason?: string) => {
        if (ended) return;
        if (reason) send(`event: end\ndata: ${JSON.stringify({ reason })}\n\n`);
        ended = true;
        for (const t of timers) clearInterval(t);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // already closed by the client going away
        }
      };
      stop = () => end();
      signal?.addEventListener("abort", () => end(), { once: true });

      // Subscribe before replaying, so nothing published in between is lost; events that
      // arrive during the replay are held and de-duplicated by id.
      const seen = new Set<string>();
      let held: TenantEvent[] | null = [];
      unsubscribe = await hub.subscribe(tenantId, (event) => {
        if (held) held.push(event);
        else if (!seen.has(event.id)) send(frame(event));
      });
      // retry: the browser's reconnect delay; the client hook adds its own backoff on top.
      send(`retry: 3000\n: connected\n\n`);
      if (opts.lastEventId) {
        const missed = hub.since(tenantId, opts.lastEventId);
        // Unknown id: this instance cannot tell what was missed, so the client refetches all.
        if (missed === null) send(`event: resync\ndata: {}\n\n`);
        else
          for (const e of missed) {
            seen.add(e.id);
            send(frame(e));
          }
      }
      for (const e of held) if (!seen.has(e.id)) send(frame(e));
      held = null;

      timers.push(setInterval(() => send(`: heartbeat ${Date.now()}\n\n`), heartbeatMs));
      timers.push(
        setInterval(() => {
          opts.stillAllowed().then(
            (ok) => ok || end("unauthorized"),
            () => undefined, // a failed check (database down) keeps the stream; the next one decides
          );
        }, recheckMs),
      );
      for (const t of timers) t.unref?.();
    },
    cancel() {
      stop();
    },
  });
}
