// The tenant's custom field definitions: listed for every citizen form, managed by admins.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CustomFieldDef } from "./custom-field-values";
import type { CustomFieldDefinitionInput, CustomFieldPiiInput } from "./schemas";

export type CustomFieldDefinitionView = CustomFieldDef & { id: string; position: number };

export async function listCustomFields(ctx: Pick<TenantContext, "tenantId">): Promise<CustomFieldDefinitionView[]> {
  const db = await getDb();
  return db.forTenant(ctx).customFieldDefinition.findMany({
    orderBy: [{ position: "asc" }, { label: "asc" }],
    select: { id: true, key: true, label: true, type: true, options: true, required: true, pii: true, position: true },
  });
}

export async function createCustomField(
  ctx: TenantContext,
  // `pii` may be left out by callers other than the form (imports, seeds): not personal data.
  input: Omit<CustomFieldDefinitionInput, "pii"> & { pii?: boolean },
): Promise<CustomFieldDefinitionView> {
  const db = await getDb();
  try {
    return await db.forTenant(ctx).$tenantTransaction(async (tx) => {
      const position = await tx.customFieldDefinition.count();
      const created = await tx.customFieldDefinition.create({
        data: {
          tenantId: ctx.tenantId,
          ...input,
          pii: input.pii ?? false,
          options: input.type === "SELECT" ? input.options : [],
          position,
        },
        select: {
          id: true,
          key: true,
          label: true,
          type: true,
          options: true,
          required: true,
          pii: true,
          position: true,
        },
      });
      await recordAudit(tx, {
        tenantId: ctx.tenantId,
        action: "custom_field.created",
        targetType: "custom_field",
        targetId: created.id,
        data: { after: { ...input, pii: input.pii ?? false } },
      });
      return created;
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002")
      throw new ValidationError("Key taken", { key: ["A field with this key already exists"] });
    throw err;
  }
}

export async function deleteCustomField(ctx: TenantContext, input: { id: string }): Promise<void> {
  const db = await getDb();
  await db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const existing = await tx.customFieldDefinition.findUnique({ where: { id: input.id } });
    if (!existing) throw new NotFoundError("Custom field not found");
    await tx.customFieldDefinition.delete({ where: { id: input.id } });
    // Values stay on the records (history), but are no longer shown or validated.
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      action: "custom_field.deleted",
      targetType: "custom_field",
      targetId: input.id,
      data: { before: { key: existing.key, label: existing.label, type: existing.type } },
    });
  });
}

/** Marks a field as personal data or not; audited with before/after, a no-op when unchanged. */
export async function setCustomFieldPii(ctx: TenantContext, input: CustomFieldPiiInput): Promise<{ changed: boolean }> {
  const db = await getDb();
  return db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const existing = await tx.customFieldDefinition.findUnique({ where: { id: input.id } });
    if (!existing) throw new NotFoundError("Custom field not found");
    if (existing.pii === input.pii) return { changed: false };
    await tx.customFieldDefinition.update({ where: { id: input.id }, data: { pii: input.pii } });
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      action: "custom_field.pii_changed",
      targetType: "custom_field",
      targetId: input.id,
      data: { key: existing.key, before: { pii: existing.pii }, after: { pii: input.pii } },
    });
    return { changed: true };
  });
}
