// A TCP proxy for fault injection without root: the app connects to the proxy's port, the proxy
// forwards to PostgreSQL. `cut()` destroys every open connection and refuses new ones (what a
// database restart or a network partition looks like to the driver); `restore()` accepts again.
import net from "node:net";

export type TcpProxy = {
  port: number;
  /** Connections currently forwarded. */
  readonly open: number;
  /** Drops every connection (reset) and refuses new ones until restore(). */
  cut(): void;
  restore(): void;
  /**
   * Calls `fn` with the client→server bytes of each chunk before forwarding it; returning true
   * cuts at that moment, before the chunk reaches the server (to cut on a given statement).
   */
  cutWhen(fn: ((chunk: Buffer) => boolean) | null): void;
  close(): Promise<void>;
};

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<{ client: net.Socket; server: net.Socket }>();
  let refusing = false;
  let trigger: ((chunk: Buffer) => boolean) | null = null;

  const cut = () => {
    refusing = true;
    for (const pair of pairs) {
      // resetAndDestroy sends RST: the driver sees ECONNRESET, as with a killed server.
      pair.client.resetAndDestroy();
      pair.server.destroy();
    }
    pairs.clear();
  };

  const server = net.createServer((client) => {
    if (refusing) return void client.resetAndDestroy();
    const upstream = net.connect(target.port, target.host);
    const pair = { client, server: upstream };
    pairs.add(pair);
    const drop = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on("data", (chunk) => {
      if (trigger?.(chunk)) {
        trigger = null;
        cut();
        return;
      }
      upstream.write(chunk);
    });
    upstream.on("data", (chunk) => client.write(chunk));
    client.on("error", drop).on("close", drop);
    upstream.on("error", drop).on("close", drop);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    get open() {
      return pairs.size;
    },
    cut,
    restore() {
      refusing = false;
    },
    cutWhen(fn) {
      trigger = fn;
    },
    close() {
      cut();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
