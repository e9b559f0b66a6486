// A port nobody listens on now, for e2e specs that start a server of their own: a fixed one
// collides with another e2e run on the same machine, or with a server of this run (the second
// app instance is on E2E_PORT+1).
import { createServer } from "node:net";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
