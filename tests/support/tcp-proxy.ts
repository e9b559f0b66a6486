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
   * Calls `fn` with the client→server bytes of each chunk; returning true drops every open
   * connection at that moment (new ones are still accepted: a blip, not an outage). With
   * `forward` the chunk reaches the server first and only its answer is lost (a COMMIT that
   * commits but is never acknowledged); without, the server never sees it.
   */
  dropWhen(fn: (chunk: Buffer) => boolean, options?: { forward?: boolean }): void;
  close(): Promise<void>;
};

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<{ client: net.Socket; server: net.Socket }>();
  let refusing = false;
  let trigger: { fn: (chunk: Buffer) => boolean; forward: boolean } | null = null;

  const dropAll = () => {
    for (const pair of pairs) {
      // resetAndDestroy sends RST: the driver sees ECONNRESET, as with a killed server.
      pair.client.resetAndDestroy();
      pair.server.destroy();
    }
    pairs.clear();
  };
  const cut = () => {
    refusing = true;
    dropAll();
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
    let answered = true;
    client.on("data", (chunk) => {
      const fired = trigger?.fn(chunk) ? trigger : null;
      if (!fired) return void upstream.write(chunk);
      trigger = null;
      if (!fired.forward) return dropAll();
      // Let the server act on it, and drop the connections before its answer comes back.
      answered = false;
      upstream.write(chunk, () => setTimeout(dropAll, 50));
    });
    upstream.on("data", (chunk) => {
      if (answered) client.write(chunk);
    });
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
    dropWhen(fn, options = {}) {
      trigger = { fn, forward: options.forward ?? false };
    },
    close() {
      cut();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
