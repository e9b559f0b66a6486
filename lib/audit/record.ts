// Writes one audit event. Call it with the transaction that makes the change, so the event and
// the change commit (or roll back) together. The database does the rest: the trigger in the
// identity_and_audit migration chains the event to its tenant's previous one (seq, prev_hash,
// hash), and the runtime role can never update or delete it.
//
// Raw SQL on purpose: platform events have no tenant, which the tenant-scoping extension
// (rightly) refuses for a tenant-owned model; RLS still checks every insert.
import { randomUUID } from "node:crypto";
import { currentLogContext } from "@/lib/context/request-context";
import { redact } from "./redact";

export type ActorType = "user" | "platform_admin" | "system" | "anonymous";

export type AuditEventInput = {
  /** `resource.verb`, e.g. `member.role_changed`, `session.token_reuse`. */
  action: string;
  /** The tenant's chain; null/undefined for platform events (sign-in, admin actions). */
  tenantId?: string | null;
  actorId?: string | null;
  actorType?: ActorType;
  targetType?: string;
  targetId?: string;
  /** Details, e.g. `{ before, after }`. PII keys are redacted before storing. */
  data?: Record<string, unknown>;
  /** Request facts; default to the current request's (lib/context/request-context). */
  requestId?: string;
  ip?: string | null;
  userAgent?: string | null;
};

/** Anything that can run a tagged raw statement: the Prisma client or a transaction client. */
export type AuditWriter = {
  $executeRaw(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<number>;
};

export async function recordAudit(writer: AuditWriter, event: AuditEventInput): Promise<void> {
  const ctx = currentLogContext();
  const data = JSON.stringify(redact(event.data ?? {}));
  const actorId = event.actorId === undefined ? (ctx?.userId ?? null) : event.actorId;
  const actorType = event.actorType ?? (actorId ? "user" : "anonymous");
  await writer.$executeRaw`
    INSERT INTO audit_events (id, tenant_id, actor_id, actor_type, action, target_type, target_id, data, request_id, ip, user_agent)
    VALUES (${randomUUID()}::uuid, ${event.tenantId ?? null}::uuid, ${actorId}::uuid, ${actorType}, ${event.action},
            ${event.targetType ?? null}, ${event.targetId ?? null}, ${data}::jsonb,
            ${event.requestId ?? ctx?.requestId ?? null}, ${event.ip ?? ctx?.ip ?? null}, ${truncate(event.userAgent ?? ctx?.userAgent ?? null)})`;
}

const truncate = (s: string | null) => (s && s.length > 512 ? s.slice(0, 512) : s);
