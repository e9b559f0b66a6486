// The demo tenant's audit trail, so a first look at the audit log shows a lived-in tenant
// (issue #13 item 13): each seeded record's events, written in the seed's own transaction as
// the business functions write them (same actions, same details), by the staff member who
// would have done it. Not through the business functions themselves: they open their own
// database (getDb), which the seed cannot share while it is creating that database (first
// start of the embedded one) or holding its own connection to it.
import { recordAudit, type AuditWriter } from "@/lib/audit/record";
import { runWithLogContext } from "@/lib/context/request-context";
import { newRequestId } from "@/lib/context/request-id";
import type { CaseStatus } from "@/lib/generated/prisma/enums";

type Actor = { id: string };

/** Runs `fn` as `actor` in a request of its own (its events carry that request id). */
function as<T>(actor: Actor, tenantId: string, fn: () => Promise<T>): Promise<T> {
  return runWithLogContext({ requestId: newRequestId(), tenantId, userId: actor.id }, fn);
}

export function auditCitizenCreated(
  tx: AuditWriter,
  tenantId: string,
  actor: Actor,
  c: { id: string; firstName: string; lastName: string; city: string | null; tags: string[] },
): Promise<void> {
  return as(actor, tenantId, () =>
    recordAudit(tx, {
      tenantId,
      action: "citizen.created",
      targetType: "citizen",
      targetId: c.id,
      data: {
        fields: [
          "firstName",
          "lastName",
          "email",
          "phone",
          "dateOfBirth",
          "city",
          "postalCode",
          "tags",
          "customFields",
        ],
        after: { firstName: c.firstName, lastName: c.lastName, city: c.city, tags: c.tags },
      },
    }),
  );
}

export async function auditCaseHistory(
  tx: AuditWriter,
  tenantId: string,
  c: {
    id: string;
    title: string;
    priority: string;
    status: CaseStatus;
    assigneeId: string | null;
    citizenId: string;
  },
  openedBy: Actor,
  movedBy: Actor,
): Promise<void> {
  await as(openedBy, tenantId, () =>
    recordAudit(tx, {
      tenantId,
      action: "case.created",
      targetType: "case",
      targetId: c.id,
      data: {
        after: { title: c.title, priority: c.priority, citizenId: c.citizenId, assigneeId: c.assigneeId },
      },
    }),
  );
  if (c.status !== "OPEN")
    await as(movedBy, tenantId, () =>
      recordAudit(tx, {
        tenantId,
        action: "case.status_changed",
        targetType: "case",
        targetId: c.id,
        data: { before: { status: "OPEN" }, after: { status: c.status } },
      }),
    );
}
