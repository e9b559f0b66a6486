// Writes one audit event. Call it with the transaction that makes the change, so the event and
// the change commit (or roll back) together. The database does the rest: the trigger in the
// identity_and_audit migration chains the event to its tenant's previous one (seq, prev_hash,
// hash), and the runtime role can never update or delete it.
//
// Raw SQL on purpose: platform events have no tenant, which the tenant-scoping extension
// (rightly) refuses for a tenant-owned model; RLS still checks every insert.
//
// Who acted and in which request come from the request context only
// (lib/context/request-context.ts): the guard's user (actor type as the guard set it), or the
// system context of runAsSystem. Called with no context at all, it throws: an event nobody can
// attribute is a programming error, never quietly "anonymous".
import { randomUUID } from "node:crypto";
import { currentLogContext, type ActorType } from "@/lib/context/request-context";
import { Prisma } from "@/lib/generated/prisma/client";
import { redact } from "./redact";

export type AuditEventInput = {
  /** `resource.verb`, e.g. `member.role_changed`, `session.token_reuse`. */
  action: string;
  /** The tenant's chain; null/undefined for platform events (sign-in, admin actions). */
  tenantId?: string | null;
  targetType?: string;
  targetId?: string;
  /** Details, e.g. `{ before, after }`. PII keys are redacted before storing. */
  data?: Record<string, unknown>;
  // Actor and request facts are the context's: naming them here is a compile error.
  actorId?: never;
  actorType?: never;
  requestId?: never;
  ip?: never;
  userAgent?: never;
};

/** Anything that can run a tagged raw statement: the Prisma client or a transaction client. */
export type AuditWriter = {
  $executeRaw(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<number>;
};

export class MissingAuditContextError extends Error {
  constructor(action: string) {
    super(`recordAudit("${action}") outside any request or system context: run it under a guard or runAsSystem`);
    this.name = "MissingAuditContextError";
  }
}

/** The row an event becomes, from the event and the request context (throws without one). */
function auditRow(event: AuditEventInput) {
  const ctx = currentLogContext();
  if (!ctx) throw new MissingAuditContextError(event.action);
  const actorId = ctx.userId ?? null;
  const actorType: ActorType = ctx.actorType ?? (actorId ? "user" : "anonymous");
  // A system actor has no id: its kind (seed, job, …) travels with the event's details.
  const details = ctx.system ? { ...event.data, system: ctx.system } : (event.data ?? {});
  return {
    id: randomUUID(),
    tenantId: event.tenantId ?? null,
    actorId,
    actorType,
    data: JSON.stringify(redact(details)),
    requestId: ctx.requestId,
    ip: ctx.ip ?? null,
    userAgent: truncate(ctx.userAgent ?? null),
  };
}

export async function recordAudit(writer: AuditWriter, event: AuditEventInput): Promise<void> {
  const r = auditRow(event);
  await writer.$executeRaw`
    INSERT INTO audit_events (id, tenant_id, actor_id, actor_type, action, target_type, target_id, data, request_id, ip, user_agent)
    VALUES (${r.id}::uuid, ${r.tenantId}::uuid, ${r.actorId}::uuid, ${r.actorType}, ${event.action},
            ${event.targetType ?? null}, ${event.targetId ?? null}, ${r.data}::jsonb,
            ${r.requestId}, ${r.ip}, ${r.userAgent})`;
}

/**
 * The same event as an INSERT statement to embed in a larger one (a data-modifying CTE), for the
 * hot paths that must take a tenant's locks in ONE statement: the audit chain head and the credit
 * balance are per-tenant rows held until COMMIT, so every extra round trip inside the
 * transaction is time every other call of the tenant waits (lib/credits).
 * - `after`: the name of a CTE of the same statement this insert reads from, so it runs after
 *   that CTE's rows are written. PostgreSQL does not order sibling data-modifying CTEs; without
 *   this two calls could take the balance row and the chain head in opposite orders and
 *   deadlock; every other writer takes the balance first too (grantCredits).
 * - `moreData`: a jsonb SQL expression merged into the details (values known only inside the
 *   statement).
 */
export function auditInsertSql(event: AuditEventInput, options: { after: string; moreData?: Prisma.Sql }): Prisma.Sql {
  if (!/^[a-z_][a-z0-9_]*$/.test(options.after)) throw new Error(`auditInsertSql: bad CTE name "${options.after}"`);
  const r = auditRow(event);
  const data = options.moreData ? Prisma.sql`${r.data}::jsonb || ${options.moreData}` : Prisma.sql`${r.data}::jsonb`;
  return Prisma.sql`
    INSERT INTO audit_events (id, tenant_id, actor_id, actor_type, action, target_type, target_id, data, request_id, ip, user_agent)
    SELECT ${r.id}::uuid, ${r.tenantId}::uuid, ${r.actorId}::uuid, ${r.actorType}, ${event.action},
           ${event.targetType ?? null}, ${event.targetId ?? null}, ${data},
           ${r.requestId}, ${r.ip}, ${r.userAgent}
    FROM (SELECT 1 FROM ${Prisma.raw(options.after)} LIMIT 1) AS written`;
}

const truncate = (s: string | null) => (s && s.length > 512 ? s.slice(0, 512) : s);
