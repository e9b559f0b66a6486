// Creating, editing, deleting (soft), restoring and purging citizens. Each runs in one tenant
// transaction with its audit event. Edits use optimistic locking: the form sends the version it
// loaded, and a stale version is a ConflictError that says who changed the record and when.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { publishTenantEvent } from "@/lib/events/publish";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { retryOnceOnOutage } from "@/lib/db/retry-once";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import type { CustomFieldDef } from "./custom-field-values";
import { validateCustomFieldValues } from "./custom-field-values";
import { listCustomFields } from "./custom-fields";
import { auditDiff, toColumns, toView, type CitizenRow, type CitizenView } from "./record";
import { PII_FIELDS } from "./schemas";
import type { CitizenFields, UpdateCitizenInput } from "./schemas";

async function checkedCustomFields(ctx: TenantContext, raw: Record<string, unknown>, defs?: CustomFieldDef[]) {
  const { values, errors } = validateCustomFieldValues(defs ?? (await listCustomFields(ctx)), raw);
  if (Object.keys(errors).length > 0) throw new ValidationError("Some custom fields are not valid", errors);
  return values;
}

export async function createCitizen(ctx: TenantContext, fields: CitizenFields): Promise<CitizenView> {
  const customFields = await checkedCustomFields(ctx, fields.customFields);
  const db = await getDb();
  return db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const row = await tx.citizen.create({
      data: {
        tenantId: ctx.tenantId,
        ...toColumns(ctx.tenantId, fields, customFields),
        createdById: ctx.userId,
        updatedById: ctx.userId,
      },
    });
    // Which fields were filled in, by name; PII values never enter the audit log.
    const filled = Object.entries(fields)
      .filter(
        ([, v]) =>
          v !== undefined &&
          v !== "" &&
          !(Array.isArray(v) && v.length === 0) &&
          !(typeof v === "object" && v && Object.keys(v).length === 0),
      )
      .map(([k]) => k);
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      action: "citizen.created",
      targetType: "citizen",
      targetId: row.id,
      data: {
        fields: filled,
        after: { firstName: row.firstName, lastName: row.lastName, city: row.city, tags: row.tags },
      },
    });
    await publishTenantEvent(tx, ctx.tenantId, { type: "citizen.created", ids: [row.id] });
    return toView(row);
  });
}

/** Thrown when the record changed since the form loaded it; carries what the user needs to choose. */
export class StaleCitizenError extends ConflictError {
  constructor(readonly current: CitizenView) {
    super(
      "Someone else changed this record after you opened it. Reload to see their changes, or overwrite them with yours.",
      { details: { currentVersion: current.version, updatedAt: current.updatedAt.toISOString() } },
    );
  }
}

/** A blank PII field in an edit keeps the stored value; only `clear` removes one. */
function keepUnchangedPii(before: CitizenRow, input: UpdateCitizenInput, columns: ReturnType<typeof toColumns>) {
  const out = { ...columns };
  for (const field of PII_FIELDS) {
    if (input[field] !== undefined || input.clear.includes(field)) continue;
    const enc = `${field}Enc` as const;
    const bidx = `${field}Bidx` as const;
    out[enc] = before[enc];
    out[bidx] = before[bidx];
  }
  return out;
}

export async function updateCitizen(ctx: TenantContext, input: UpdateCitizenInput): Promise<CitizenView> {
  const defs = await listCustomFields(ctx);
  const customFields = await checkedCustomFields(ctx, input.customFields, defs);
  const piiKeys = new Set(defs.filter((d) => d.pii).map((d) => d.key));
  const db = await getDb();
  return db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const before = await tx.citizen.findUnique({ where: { id: input.id } });
    if (!before || before.deletedAt) throw new NotFoundError("Citizen not found");
    if (before.version !== input.version) throw new StaleCitizenError(toView(before));
    const columns = keepUnchangedPii(before, input, toColumns(ctx.tenantId, input, customFields));
    // The version check is repeated in the UPDATE itself: between the read above and this
    // statement another transaction may have saved.
    const { count } = await tx.citizen.updateMany({
      where: { id: input.id, version: input.version },
      data: { ...columns, version: { increment: 1 }, updatedById: ctx.userId },
    });
    if (count === 0) {
      const now = await tx.citizen.findUniqueOrThrow({ where: { id: input.id } });
      throw new StaleCitizenError(toView(now));
    }
    const diff = auditDiff(before, columns, piiKeys);
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      action: "citizen.updated",
      targetType: "citizen",
      targetId: input.id,
      data: { changed: diff.changed, before: diff.before, after: diff.after },
    });
    await publishTenantEvent(tx, ctx.tenantId, { type: "citizen.updated", ids: [input.id] });
    return toView(await tx.citizen.findUniqueOrThrow({ where: { id: input.id } }));
  });
}

/**
 * Quick edit of the tags (the list's optimistic tag editor). Idempotent ("these tags" at this
 * version): retried once when the database drops out, after checking whether an attempt whose
 * commit was lost did in fact save them.
 */
export async function setCitizenTags(
  ctx: TenantContext,
  input: { id: string; version: number; tags: string[] },
): Promise<CitizenView> {
  return retryOnceOnOutage(
    () => setCitizenTagsOnce(ctx, input),
    async () => {
      const db = await getDb();
      const now = await db.forTenant(ctx).citizen.findUnique({ where: { id: input.id } });
      const same = now && now.tags.length === input.tags.length && now.tags.every((t, i) => t === input.tags[i]);
      return now && same && now.version === input.version + 1 ? toView(now) : null;
    },
  );
}

async function setCitizenTagsOnce(
  ctx: TenantContext,
  input: { id: string; version: number; tags: string[] },
): Promise<CitizenView> {
  const db = await getDb();
  return db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const before = await tx.citizen.findUnique({ where: { id: input.id } });
    if (!before || before.deletedAt) throw new NotFoundError("Citizen not found");
    const { count } = await tx.citizen.updateMany({
      where: { id: input.id, version: input.version },
      data: { tags: input.tags, version: { increment: 1 }, updatedById: ctx.userId },
    });
    if (count === 0) throw new StaleCitizenError(toView(before));
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      action: "citizen.updated",
      targetType: "citizen",
      targetId: input.id,
      data: { changed: ["tags"], before: { tags: before.tags }, after: { tags: input.tags } },
    });
    await publishTenantEvent(tx, ctx.tenantId, { type: "citizen.updated", ids: [input.id] });
    return toView(await tx.citizen.findUniqueOrThrow({ where: { id: input.id } }));
  });
}

export async function deleteCitizen(ctx: TenantContext, input: { id: string }): Promise<void> {
  const db = await getDb();
  await db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const { count } = await tx.citizen.updateMany({
      where: { id: input.id, deletedAt: null },
      data: { deletedAt: new Date(), version: { increment: 1 }, updatedById: ctx.userId },
    });
    if (count === 0) throw new NotFoundError("Citizen not found");
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      action: "citizen.deleted",
      targetType: "citizen",
      targetId: input.id,
    });
    await publishTenantEvent(tx, ctx.tenantId, { type: "citizen.deleted", ids: [input.id] });
  });
}

export async function restoreCitizen(ctx: TenantContext, input: { id: string }): Promise<void> {
  const db = await getDb();
  await db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const { count } = await tx.citizen.updateMany({
      where: { id: input.id, deletedAt: { not: null } },
      data: { deletedAt: null, version: { increment: 1 }, updatedById: ctx.userId },
    });
    if (count === 0) throw new NotFoundError("No deleted citizen with this id");
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      action: "citizen.restored",
      targetType: "citizen",
      targetId: input.id,
    });
    await publishTenantEvent(tx, ctx.tenantId, { type: "citizen.restored", ids: [input.id] });
  });
}

/**
 * Erases a citizen and their cases for good (GDPR erasure). Only a soft-deleted record can be
 * purged, so a purge is always two deliberate steps. The audit event keeps that it happened,
 * never what was erased.
 */
export async function purgeCitizen(ctx: TenantContext, input: { id: string }): Promise<void> {
  const db = await getDb();
  await db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const row = await tx.citizen.findUnique({
      where: { id: input.id },
      select: { deletedAt: true, _count: { select: { cases: true } } },
    });
    if (!row) throw new NotFoundError("Citizen not found");
    if (!row.deletedAt) throw new ConflictError("Delete the record first; only deleted records can be purged");
    await tx.citizen.delete({ where: { id: input.id } });
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      action: "citizen.purged",
      targetType: "citizen",
      targetId: input.id,
      data: { casesErased: row._count.cases },
    });
    await publishTenantEvent(tx, ctx.tenantId, { type: "citizen.deleted", ids: [input.id] });
  });
}
