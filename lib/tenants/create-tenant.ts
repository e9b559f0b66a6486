// Creating an organisation: the creator becomes its first OWNER. A child tenant (parentSlug)
// may only be created by an ADMIN or OWNER of the parent, so nobody grafts a tenant under an
// organisation they do not run.
import "server-only";
import { randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { can } from "@/lib/auth/permissions";
import { allowanceGrantSql, allowanceMonth } from "@/lib/credits/allowance-sql";
import { ledgerActor } from "@/lib/credits/shared";
import { listMemberships } from "./access";
import type { CreateTenantInput } from "./schemas";
import type { TenantSummary } from "./types";

export const VERIFY_FIRST_MESSAGE = "Confirm your email address first: open the link we emailed you";

export async function createTenant(actor: { id: string }, input: CreateTenantInput): Promise<TenantSummary> {
  const db = await getDb();
  // An organisation is created by someone whose address is proven: it is where invitations,
  // resets and notices for the organisation will be sent.
  const creator = await db.user.findUnique({ where: { id: actor.id }, select: { emailVerifiedAt: true } });
  if (!creator?.emailVerifiedAt) throw new ForbiddenError(VERIFY_FIRST_MESSAGE);
  let parentId: string | null = null;
  if (input.parentSlug) {
    const parent = (await listMemberships(actor.id)).find((m) => m.tenant.slug === input.parentSlug);
    if (!parent || !can(parent.role, "tenant.update")) {
      throw new ValidationError("Choose a parent organisation you administer", {
        parentSlug: ["You must be an admin or owner of the parent organisation"],
      });
    }
    parentId = parent.tenant.id;
  }
  const id = randomUUID();
  try {
    return await db.forTenant({ tenantId: id }).$tenantTransaction(async (tx) => {
      const tenant = await tx.tenant.create({
        data: { id, slug: input.slug, name: input.name, parentId },
        select: { id: true, slug: true, name: true },
      });
      await tx.membership.create({ data: { tenantId: id, userId: actor.id, role: "OWNER" } });
      await recordAudit(tx, {
        tenantId: id,
        action: "tenant.created",
        targetType: "tenant",
        targetId: id,
        data: { name: input.name, slug: input.slug, parentId },
      });
      // This month's allowance of the (free) plan comes with the organisation, so its AI works
      // from the first day; the daily job grants the following months.
      await tx.$queryRaw(allowanceGrantSql(id, "FREE", allowanceMonth(), ledgerActor()));
      return tenant;
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      throw new ValidationError("This address is taken", { slug: ["This address is already taken, choose another"] });
    }
    throw err;
  }
}
