// Where a hub's notifications come from: one dedicated LISTEN connection per process on
// PostgreSQL (reconnecting with backoff and re-LISTENing every channel after a drop), or the
// embedded database's in-process listen (PGlite has a single connection; NOTIFY from any
// transaction on it reaches its listeners on commit, 0.15 ms measured).
import type { PGlite } from "@electric-sql/pglite";
import { Client } from "pg";
import { logger } from "@/lib/log/logger";

export type ListenSource = {
  /** Starts delivering `channel`'s payloads to `onPayload`; resolves once LISTEN is in effect. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<void>;
  unlisten(channel: string): Promise<void>;
  close(): Promise<void>;
};

export function pgListenSource(connectionString: string): ListenSource {
  const handlers = new Map<string, (payload: string) => void>();
  let client: Client | null = null;
  let connecting: Promise<Client> | null = null;
  let closed = false;
  let attempt = 0;

  const connect = (): Promise<Client> => {
    connecting ??= (async () => {
      const c = new Client({ connectionString, connectionTimeoutMillis: 10_000, keepAlive: true });
      c.on("notification", (msg) => {
        if (msg.payload !== undefined) handlers.get(msg.channel)?.(msg.payload);
      });
      c.on("error", (err) => dropped(c, err));
      c.on("end", () => dropped(c));
      await c.connect();
      for (const channel of handlers.keys()) await c.query(`LISTEN ${channel}`);
      attempt = 0;
      client = c;
      return c;
    })().finally(() => {
      connecting = null;
    });
    return connecting;
  };

  // A dropped connection loses its LISTENs: reconnect (0.5 s · 2ⁿ, capped at 30 s) and re-LISTEN.
  // Events published while it was down are lost to this process (its streams are not told; the
  // next change, or a reconnect whose Last-Event-ID is unknown here, brings the tab up to date).
  const dropped = (c: Client, err?: Error) => {
    if (client !== c) return;
    client = null;
    c.end().catch(() => undefined);
    if (!closed) {
      logger.warn({ err, event: "events.listen_dropped" }, "event LISTEN connection dropped; reconnecting");
      retry();
    }
  };
  const retry = () => {
    const delay = Math.min(30_000, 500 * 2 ** attempt++);
    setTimeout(() => {
      if (!closed && !client) connect().catch(retry);
    }, delay).unref();
  };

  return {
    async listen(channel, onPayload) {
      handlers.set(channel, onPayload);
      const c = client ?? (await connect());
      await c.query(`LISTEN ${channel}`);
    },
    async unlisten(channel) {
      handlers.delete(channel);
      await client?.query(`UNLISTEN ${channel}`).catch(() => undefined);
    },
    async close() {
      closed = true;
      handlers.clear();
      const c = client ?? (await connecting?.catch(() => null));
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}

export function pgliteListenSource(pglite: PGlite): ListenSource {
  const stops = new Map<string, () => Promise<void>>();
  return {
    async listen(channel, onPayload) {
      await stops.get(channel)?.();
      stops.set(channel, await pglite.listen(channel, onPayload));
    },
    async unlisten(channel) {
      const stop = stops.get(channel);
      stops.delete(channel);
      await stop?.().catch(() => undefined);
    },
    async close() {
      for (const channel of [...stops.keys()]) await this.unlisten(channel);
    },
  };
}
