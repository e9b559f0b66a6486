// Publishing a tenant event from a business function: pg_notify inside the same transaction as
// the change, so PostgreSQL delivers it only when that transaction commits (a rolled-back
// change is never announced) and in commit order. Every LISTENing process (every app instance)
// receives it: lib/events/hub.ts fans it out to that process's SSE clients.
import "server-only";
import { randomUUID } from "node:crypto";
import type { TenantDb } from "@/lib/db";
import { tenantChannel, tenantEventSchema, type TenantEvent, type TenantEventType } from "./types";

type Tx = Parameters<Parameters<TenantDb["$tenantTransaction"]>[0]>[0];

/** Anything with Prisma's `$executeRaw` tag: a tenant transaction, or the base client in tests. */
type RawExecutor = Pick<Tx, "$executeRaw">;

export async function publishTenantEvent(
  tx: RawExecutor,
  tenantId: string,
  event: { type: TenantEventType; ids: string[] },
): Promise<TenantEvent> {
  const full = tenantEventSchema.parse({
    id: randomUUID(),
    tenantId,
    type: event.type,
    ids: event.ids,
    at: Date.now(),
  });
  await tx.$executeRaw`SELECT pg_notify(${tenantChannel(tenantId)}, ${JSON.stringify(full)})`;
  return full;
}
