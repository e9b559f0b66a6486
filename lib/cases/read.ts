// One case with its citizen, assignee and timeline, for the case page.
import "server-only";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { can, PERMISSIONS } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import type { Case, CaseEventKind, CaseStatus, Role } from "@/lib/generated/prisma/client";
import { isUuid } from "@/lib/validation/uuid";

export type TimelineEntry = {
  id: string;
  kind: CaseEventKind;
  body: string;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus | null;
  authorName: string | null;
  createdAt: Date;
  assigneeName?: string | null;
};

export type CaseDetail = Case & {
  citizen: { id: string; firstName: string; lastName: string; preferredLanguage: string };
  assignee: { id: string; name: string } | null;
  timeline: TimelineEntry[];
};

export async function getCase(ctx: Pick<TenantContext, "tenantId">, id: string): Promise<CaseDetail> {
  // A malformed id (a typed URL) is just another case that does not exist, not a database error.
  if (!isUuid(id)) throw new NotFoundError("Case not found");
  const db = await getDb();
  const { found, events } = await db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const found = await tx.case.findUnique({
      where: { id },
      include: {
        citizen: { select: { id: true, firstName: true, lastName: true, preferredLanguage: true, deletedAt: true } },
      },
    });
    const events = found ? await tx.caseEvent.findMany({ where: { caseId: id }, orderBy: { createdAt: "asc" } }) : [];
    return { found, events };
  });
  if (!found || found.citizen.deletedAt) throw new NotFoundError("Case not found");
  const userIds = [
    ...new Set(
      [
        found.assigneeId,
        ...events.map((e) => e.authorId),
        ...events.filter((e) => e.kind === "ASSIGNED").map((e) => e.body),
      ].filter(isUuid),
    ),
  ];
  const users = await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } });
  const names = new Map(users.map((u) => [u.id, u.name]));
  const { citizen, ...rest } = found;
  return {
    ...rest,
    citizen: {
      id: citizen.id,
      firstName: citizen.firstName,
      lastName: citizen.lastName,
      preferredLanguage: citizen.preferredLanguage,
    },
    assignee: found.assigneeId ? { id: found.assigneeId, name: names.get(found.assigneeId) ?? "Former member" } : null,
    timeline: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      body: e.kind === "ASSIGNED" ? "" : e.body,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      authorName: e.authorId ? (names.get(e.authorId) ?? "Former member") : null,
      createdAt: e.createdAt,
      ...(e.kind === "ASSIGNED" ? { assigneeName: e.body ? (names.get(e.body) ?? "Former member") : null } : {}),
    })),
  };
}

/** Roles that may work on cases: the same rule assignCase/updateCase enforce. */
const ASSIGNABLE_ROLES = (Object.keys(PERMISSIONS) as Role[]).filter((role) => can(role, "case.update"));

/** Direct members a case can be assigned to (those who may work on cases), for assignee pickers. */
export async function listAssignees(
  ctx: Pick<TenantContext, "tenantId">,
): Promise<Array<{ id: string; name: string }>> {
  const db = await getDb();
  // Through forTenant: the memberships table's RLS only shows the tenant set for the query.
  const rows = await db.forTenant(ctx).membership.findMany({
    where: { tenantId: ctx.tenantId, role: { in: ASSIGNABLE_ROLES } },
    select: { user: { select: { id: true, name: true } } },
    orderBy: { user: { name: "asc" } },
  });
  return rows.map((r) => r.user);
}
