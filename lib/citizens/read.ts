// Reading one citizen (masked), and revealing one personal field, which is audited: every
// reveal of an encrypted value leaves an audit event naming who saw which field of whom.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { decryptPii } from "./pii";
import { storedPii, toView, type CitizenView } from "./record";
import type { PiiFieldName } from "./schemas";

export async function getCitizen(
  ctx: Pick<TenantContext, "tenantId">,
  id: string,
  options: { includeDeleted?: boolean } = {},
): Promise<CitizenView> {
  const db = await getDb();
  const row = await db.forTenant(ctx).citizen.findUnique({ where: { id } });
  if (!row || (row.deletedAt && !options.includeDeleted)) throw new NotFoundError("Citizen not found");
  return toView(row);
}

export async function revealCitizenField(
  ctx: TenantContext,
  input: { id: string; field: PiiFieldName },
): Promise<{ value: string | null }> {
  const db = await getDb();
  return db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const row = await tx.citizen.findUnique({
      where: { id: input.id },
      select: { emailEnc: true, phoneEnc: true, nationalIdEnc: true, dateOfBirthEnc: true, deletedAt: true },
    });
    if (!row || row.deletedAt) throw new NotFoundError("Citizen not found");
    const value = decryptPii(ctx.tenantId, input.field, storedPii(row, input.field));
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      action: "citizen.pii_revealed",
      targetType: "citizen",
      targetId: input.id,
      data: { field: input.field },
    });
    return { value };
  });
}
