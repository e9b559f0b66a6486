// This process's one hub, opened on first use next to the database it belongs to. Kept on
// globalThis for the same reason as the database handle (lib/db/index.ts): Next.js may evaluate
// a module in more than one bundle layer, and a second hub would hold a second LISTEN connection.
import "server-only";
import { getConfig } from "@/lib/config";
import { getDatabase } from "@/lib/db";
import { createEventHub, type EventHub } from "./hub";
import { pgListenSource, pgliteListenSource } from "./listen-source";

const g = globalThis as unknown as { civitasEventHub?: Promise<EventHub> };

export function getEventHub(): Promise<EventHub> {
  g.civitasEventHub ??= (async () => {
    const handle = await getDatabase();
    const url = getConfig().DATABASE_URL;
    const source = handle.pglite ? pgliteListenSource(handle.pglite) : pgListenSource(url!);
    return createEventHub(source);
  })().catch((err) => {
    g.civitasEventHub = undefined;
    throw err;
  });
  return g.civitasEventHub;
}

export async function closeEventHub(): Promise<void> {
  const hub = await g.civitasEventHub?.catch(() => undefined);
  g.civitasEventHub = undefined;
  await hub?.close();
}
