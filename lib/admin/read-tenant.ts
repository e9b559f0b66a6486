// THE cross-tenant read path (DESIGN.md invariant 3): the one place a platform admin sees a
// tenant's own data. It is explicit (a reason is required) and audited: the event goes into
// the tenant's own audit chain, so the organisation can see who looked and why, and into the
// platform chain, so every admin read across tenants can be reviewed in one place.
//
// Everything happens in one forTenant transaction: it sets app.tenant_id, so row-level
// security admits exactly this tenant's rows (and the audit insert into its chain), and the
// events commit with the read or not at all. (lib/admin also opens a tenant transaction for its
// billing facts and credit adjustments: read-tenant-credits.ts, adjust-tenant-credits.ts.)
import "server-only";
import { recordAudit, type AuditEventInput } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import { NotFoundError, parseInput } from "@/lib/errors";
import type { CaseStatus } from "@/lib/generated/prisma/enums";
import { assertPlatformAdmin } from "./platform-admin";
import { readTenantSchema, type ReadTenantInput } from "./schemas";
import type { PlatformContext, TenantOverview } from "./types";

const STATUSES: CaseStatus[] = ["OPEN", "IN_PROGRESS", "WAITING", "RESOLVED", "CLOSED"];

export async function readTenantAsPlatformAdmin(ctx: PlatformContext, input: ReadTenantInput): Promise<TenantOverview> {
  const { tenantId, reason } = parseInput(readTenantSchema, input);
  const db = await getDb();
  return db.forTenant({ tenantId }).$tenantTransaction(async (tx) => {
    await assertPlatformAdmin(tx, ctx);
    const tenant = await tx.tenant.findUnique({
      where: { id: tenantId },
      select: {
        id: true,
        slug: true,
        name: true,
        createdAt: true,
        parent: { select: { id: true, name: true, slug: true } },
      },
    });
    // Checked before writing: an unknown id must not start an audit chain of its own.
    if (!tenant) throw new NotFoundError("Organisation not found");

    const event: AuditEventInput = {
      action: "admin.tenant_read",
      targetType: "tenant",
      targetId: tenantId,
      data: { reason },
    };
    await recordAudit(tx, { ...event, tenantId });
    await recordAudit(tx, { ...event, tenantId: null });

    const members = await tx.membership.findMany({
      where: { tenantId },
      select: { role: true, user: { select: { id: true, name: true, email: true } } },
      orderBy: [{ role: "asc" }, { user: { email: "asc" } }],
    });
    const citizenCount = await tx.citizen.count();
    const byStatus = await tx.case.groupBy({ by: ["status"], _count: { _all: true } });
    const recentCases = await tx.case.findMany({
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 10,
      select: { id: true, title: true, status: true, createdAt: true },
    });

    const casesByStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<CaseStatus, number>;
    for (const row of byStatus) casesByStatus[row.status] = row._count._all;

    return {
      tenant,
      members: members.map((m) => ({ userId: m.user.id, name: m.user.name, email: m.user.email, role: m.role })),
      citizenCount,
      casesByStatus,
      recentCases,
      readAt: new Date(),
    };
  });
}
