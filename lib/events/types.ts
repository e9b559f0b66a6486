// What travels on a tenant's event channel: the kind of change and the ids it touched, never a
// name or any other field (NOTIFY payloads are visible to every session that LISTENs on the
// channel, and browsers refetch what they show through the guarded queries anyway).
import { z } from "zod";

export const TENANT_EVENT_TYPES = [
  "case.created",
  "case.updated",
  "case.status_changed",
  "case.assigned",
  "case.note_added",
  "citizen.created",
  "citizen.updated",
  "citizen.deleted",
  "citizen.restored",
  // A bulk classification run moved on (ids: the run): the cases page refetches its progress.
  "classification_run.progress",
] as const;
export type TenantEventType = (typeof TENANT_EVENT_TYPES)[number];

const uuid = z.string().uuid();

/** The wire form (the NOTIFY payload, and the `data:` of an SSE frame). */
export const tenantEventSchema = z.object({
  /** Unique per event across every instance: the SSE `id:` a reconnecting client sends back. */
  id: uuid,
  tenantId: uuid,
  type: z.enum(TENANT_EVENT_TYPES),
  ids: z.array(uuid).max(50),
  /** Milliseconds since the epoch, at publish time. */
  at: z.number().int(),
});
export type TenantEvent = z.infer<typeof tenantEventSchema>;

/**
 * One channel per tenant. Tenant ids are UUIDs (validated), so the name is a plain lower-case
 * identifier of 46 characters (PostgreSQL truncates channel names at 63) and needs no quoting.
 */
export function tenantChannel(tenantId: string): string {
  const id = uuid.parse(tenantId).toLowerCase().replaceAll("-", "");
  return `civitas_tenant_${id}`;
}
