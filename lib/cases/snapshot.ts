// The editable state of a case as the case page's client controls share it (status buttons,
// assignee picker, details form). The server page renders it from the case, and every case
// action returns it, so the controls can carry the newest version forward without waiting for
// the page to refresh. Client-safe: plain values only (dates as YYYY-MM-DD).
import type { Case } from "@/lib/generated/prisma/client";

export type CaseSnapshot = {
  id: string;
  version: number;
  status: Case["status"];
  priority: Case["priority"];
  title: string;
  description: string;
  category: string | null;
  assigneeId: string | null;
  /** The due day (YYYY-MM-DD, UTC), as the form's date input holds it. */
  dueAt: string | null;
};

export function caseSnapshot(
  c: Pick<
    Case,
    "id" | "version" | "status" | "priority" | "title" | "description" | "category" | "assigneeId" | "dueAt"
  >,
): CaseSnapshot {
  return {
    id: c.id,
    version: c.version,
    status: c.status,
    priority: c.priority,
    title: c.title,
    description: c.description,
    category: c.category,
    assigneeId: c.assigneeId,
    // Due dates are stored as the last second of the day in UTC (mutations.ts), so the UTC
    // calendar day is the day the user picked.
    dueAt: c.dueAt ? c.dueAt.toISOString().slice(0, 10) : null,
  };
}
