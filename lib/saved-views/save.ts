// Saves a named query of one list, private to its author unless shared with the tenant.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { authorizeSavedView } from "./authorize";
import type { SavedViewResource, SaveViewInput } from "./schemas";

export async function saveView(
  ctx: TenantContext,
  input: SaveViewInput & { resource: SavedViewResource },
): Promise<{ id: string }> {
  authorizeSavedView(ctx, input);
  const db = await getDb();
  try {
    return await db.forTenant(ctx).$tenantTransaction(async (tx) => {
      // One name per owner and list, whatever the case ("Open" and "open" would look the same in
      // the views bar); the unique index catches two saves racing past this check.
      const taken = await tx.savedView.findFirst({
        where: {
          tenantId: ctx.tenantId,
          userId: ctx.userId,
          resource: input.resource,
          name: { equals: input.name, mode: "insensitive" },
        },
        select: { id: true },
      });
      if (taken) throw nameTaken();
      const view = await tx.savedView.create({
        data: {
          tenantId: ctx.tenantId,
          userId: ctx.userId,
          resource: input.resource,
          name: input.name,
          query: input.query as Prisma.InputJsonValue,
          shared: input.shared,
        },
        select: { id: true },
      });
      await recordAudit(tx, {
        tenantId: ctx.tenantId,
        action: "saved_view.created",
        targetType: "saved_view",
        targetId: view.id,
        data: { name: input.name, shared: input.shared, resource: input.resource },
      });
      return view;
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") throw nameTaken();
    throw err;
  }
}

const nameTaken = () =>
  new ValidationError("Name taken", { name: ["You already have a view with this name: choose another"] });
