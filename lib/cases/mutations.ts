// Opening, editing, moving and annotating cases. Every change writes a timeline event (what a
// person reads on the case page) and an audit event (what an auditor reads), in one
// transaction. Edits carry the version they read (optimistic locking).
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { can } from "@/lib/auth/permissions";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb, type TenantDb } from "@/lib/db";
import { retryOnceOnOutage } from "@/lib/db/retry-once";
import { publishTenantEvent } from "@/lib/events/publish";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import type { Case, CaseStatus } from "@/lib/generated/prisma/client";
import type { ChangeStatusInput, CreateCaseInput, UpdateCaseInput } from "./schemas";
import { canTransition, isReopen } from "./workflow";

type Tx = Parameters<Parameters<TenantDb["$tenantTransaction"]>[0]>[0];

const STATUS_LABEL: Record<CaseStatus, string> = {
  OPEN: "open",
  IN_PROGRESS: "in progress",
  WAITING: "waiting",
  RESOLVED: "resolved",
  CLOSED: "closed",
};

export class StaleCaseError extends ConflictError {
  constructor(readonly current: Case) {
    super("Someone else changed this case after you opened it. Reload to see their changes.", {
      details: { currentVersion: current.version, status: current.status },
    });
  }
}

/**
 * The assignee must be a direct member whose role may work on cases (case.update): a viewer or
 * compliance officer could never move the case they were given.
 */
async function assertAssignable(tx: Tx, tenantId: string, assigneeId: string | undefined | null) {
  if (!assigneeId) return;
  const member = await tx.membership.findUnique({
    where: { tenantId_userId: { tenantId, userId: assigneeId } },
    select: { role: true },
  });
  if (!member || !can(member.role, "case.update"))
    throw new ValidationError("Choose a member who works on cases", {
      assigneeId: ["Choose a member of this organisation who can work on cases"],
    });
}

const dueDate = (d: string | undefined) => (d ? new Date(`${d}T23:59:59.000Z`) : null);

/**
 * The due date an edit stores. A date input holds only the day (UTC, as the form shows it), so
 * sending back the stored day must keep the stored time (12:58 stayed 12:58, not 23:59:59):
 * an unchanged field is never rewritten (issue #13 item 6).
 */
const editedDueDate = (day: string | undefined, stored: Date | null) =>
  day && stored && stored.toISOString().slice(0, 10) === day ? stored : dueDate(day);

export async function createCase(ctx: TenantContext, input: CreateCaseInput): Promise<Case> {
  const db = await getDb();
  return db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const citizen = await tx.citizen.findUnique({ where: { id: input.citizenId }, select: { deletedAt: true } });
    if (!citizen || citizen.deletedAt)
      throw new ValidationError("Choose a citizen", { citizenId: ["This citizen does not exist (or was deleted)"] });
    await assertAssignable(tx, ctx.tenantId, input.assigneeId);
    const created = await tx.case.create({
      data: {
        tenantId: ctx.tenantId,
        citizenId: input.citizenId,
        title: input.title,
        description: input.description,
        category: input.category ?? null,
        priority: input.priority,
        assigneeId: input.assigneeId ?? null,
        dueAt: dueDate(input.dueAt),
        createdById: ctx.userId,
      },
    });
    await tx.caseEvent.create({
      data: { tenantId: ctx.tenantId, caseId: created.id, kind: "CREATED", toStatus: "OPEN", authorId: ctx.userId },
    });
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      action: "case.created",
      targetType: "case",
      targetId: created.id,
      data: {
        after: {
          title: created.title,
          priority: created.priority,
          citizenId: created.citizenId,
          assigneeId: created.assigneeId,
        },
      },
    });
    await publishTenantEvent(tx, ctx.tenantId, { type: "case.created", ids: [created.id, created.citizenId] });
    return created;
  });
}

async function lockedCase(tx: Tx, id: string, version: number): Promise<Case> {
  const current = await tx.case.findUnique({ where: { id } });
  if (!current) throw new NotFoundError("Case not found");
  if (current.version !== version) throw new StaleCaseError(current);
  return current;
}

async function bump(tx: Tx, current: Case, data: Partial<Case>): Promise<Case> {
  const { count } = await tx.case.updateMany({
    where: { id: current.id, version: current.version },
    data: { ...data, version: { increment: 1 } },
  });
  if (count === 0) throw new StaleCaseError(await tx.case.findUniqueOrThrow({ where: { id: current.id } }));
  return tx.case.findUniqueOrThrow({ where: { id: current.id } });
}

export async function updateCase(ctx: TenantContext, input: UpdateCaseInput): Promise<Case> {
  const db = await getDb();
  return db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const before = await lockedCase(tx, input.id, input.version);
    // Only a new assignee is checked: a case whose assignee has since become a viewer can still
    // have its other details edited without being forced onto someone else.
    if ((input.assigneeId ?? null) !== before.assigneeId) await assertAssignable(tx, ctx.tenantId, input.assigneeId);
    const after = await bump(tx, before, {
      title: input.title,
      description: input.description,
      category: input.category ?? null,
      priority: input.priority,
      assigneeId: input.assigneeId ?? null,
      dueAt: editedDueDate(input.dueAt, before.dueAt),
    });
    const keys = ["title", "description", "category", "priority", "assigneeId", "dueAt"] as const;
    const changed = keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    if (changed.length > 0) {
      await tx.caseEvent.create({
        data: {
          tenantId: ctx.tenantId,
          caseId: before.id,
          kind: "UPDATED",
          body: `Changed ${changed.join(", ")}`,
          authorId: ctx.userId,
        },
      });
      await recordAudit(tx, {
        tenantId: ctx.tenantId,
        action: "case.updated",
        targetType: "case",
        targetId: before.id,
        data: {
          changed,
          before: Object.fromEntries(changed.map((k) => [k, before[k]])),
          after: Object.fromEntries(changed.map((k) => [k, after[k]])),
        },
      });
    }
    await publishTenantEvent(tx, ctx.tenantId, { type: "case.updated", ids: [after.id] });
    return after;
  });
}

/**
 * Idempotent ("make it this status" at this version): retried once when the database drops out,
 * after checking whether an attempt whose commit was lost did in fact save it.
 */
export async function changeCaseStatus(ctx: TenantContext, input: ChangeStatusInput): Promise<Case> {
  return retryOnceOnOutage(
    () => changeCaseStatusOnce(ctx, input),
    async () => {
      const db = await getDb();
      const now = await db.forTenant(ctx).case.findUnique({ where: { id: input.id } });
      return now && now.version === input.version + 1 && now.status === input.status ? now : null;
    },
  );
}

async function changeCaseStatusOnce(ctx: TenantContext, input: ChangeStatusInput): Promise<Case> {
  const db = await getDb();
  return db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const before = await lockedCase(tx, input.id, input.version);
    if (before.status === input.status) return before;
    if (!canTransition(before.status, input.status)) {
      throw new ValidationError(`A ${STATUS_LABEL[before.status]} case cannot become ${STATUS_LABEL[input.status]}`, {
        status: [`Not allowed from ${STATUS_LABEL[before.status]}`],
      });
    }
    const resolved = input.status === "RESOLVED" || input.status === "CLOSED";
    const after = await bump(tx, before, {
      status: input.status,
      resolvedAt: resolved ? (before.resolvedAt ?? new Date()) : null,
    });
    await tx.caseEvent.create({
      data: {
        tenantId: ctx.tenantId,
        caseId: before.id,
        kind: "STATUS_CHANGED",
        fromStatus: before.status,
        toStatus: input.status,
        body: input.note ?? "",
        authorId: ctx.userId,
      },
    });
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      action: isReopen(before.status, input.status) ? "case.reopened" : "case.status_changed",
      targetType: "case",
      targetId: before.id,
      data: { before: { status: before.status }, after: { status: input.status } },
    });
    await publishTenantEvent(tx, ctx.tenantId, { type: "case.status_changed", ids: [after.id] });
    return after;
  });
}

export async function assignCase(
  ctx: TenantContext,
  input: { id: string; version: number; assigneeId?: string },
): Promise<Case> {
  const db = await getDb();
  return db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const before = await lockedCase(tx, input.id, input.version);
    if ((before.assigneeId ?? undefined) === input.assigneeId) return before;
    await assertAssignable(tx, ctx.tenantId, input.assigneeId);
    const after = await bump(tx, before, { assigneeId: input.assigneeId ?? null });
    await tx.caseEvent.create({
      data: {
        tenantId: ctx.tenantId,
        caseId: before.id,
        kind: "ASSIGNED",
        body: input.assigneeId ?? "",
        authorId: ctx.userId,
      },
    });
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      action: "case.assigned",
      targetType: "case",
      targetId: before.id,
      data: { before: { assigneeId: before.assigneeId }, after: { assigneeId: input.assigneeId ?? null } },
    });
    await publishTenantEvent(tx, ctx.tenantId, { type: "case.assigned", ids: [after.id] });
    return after;
  });
}

export async function addCaseNote(
  ctx: TenantContext,
  input: { id: string; body: string },
): Promise<{ id: string; createdAt: Date }> {
  const db = await getDb();
  return db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const exists = await tx.case.findUnique({ where: { id: input.id }, select: { id: true } });
    if (!exists) throw new NotFoundError("Case not found");
    const note = await tx.caseEvent.create({
      data: { tenantId: ctx.tenantId, caseId: input.id, kind: "NOTE", body: input.body, authorId: ctx.userId },
      select: { id: true, createdAt: true },
    });
    // Touch the case so "recently updated" lists see the activity.
    await tx.case.update({ where: { id: input.id }, data: { updatedAt: new Date() } });
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      action: "case.note_added",
      targetType: "case",
      targetId: input.id,
      data: { noteId: note.id, length: input.body.length },
    });
    await publishTenantEvent(tx, ctx.tenantId, { type: "case.note_added", ids: [input.id] });
    return note;
  });
}
