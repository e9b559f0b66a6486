// Words for the case workflow and timeline, next to the badge labels in
// components/dashboard/case-labels.ts (which this reuses for status names).
import { caseStatusLabel } from "@/components/dashboard/case-labels";
import type { CaseStatus } from "@/lib/generated/prisma/enums";

/** The button that moves a case from `from` to `to`, phrased as what the user does. */
export function transitionLabel(from: CaseStatus, to: CaseStatus): string {
  switch (to) {
    case "IN_PROGRESS":
      return from === "WAITING" ? "Resume work" : "Start work";
    case "WAITING":
      return "Waiting for citizen";
    case "RESOLVED":
      return "Resolve";
    case "CLOSED":
      return "Close";
    case "OPEN":
      // Back from work in progress is not a reopening (isReopen in lib/cases/workflow.ts).
      return from === "RESOLVED" || from === "CLOSED" ? "Reopen" : "Back to open";
  }
}

/** The case fields an "Changed title, dueAt" timeline entry names, in words. */
const FIELD_LABELS: Record<string, string> = {
  title: "title",
  description: "description",
  category: "category",
  priority: "priority",
  assigneeId: "assignee",
  dueAt: "due date",
};

/** "Changed title, dueAt" (as lib/cases/mutations.ts records it) → "changed the title and due date". */
export function describeUpdate(body: string): string {
  const keys = body
    .replace(/^Changed\s+/, "")
    .split(",")
    .map((k) => k.trim())
    .filter(Boolean);
  if (keys.length === 0) return "updated the details";
  const words = keys.map((k) => FIELD_LABELS[k] ?? k);
  const list = words.length === 1 ? words[0] : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
  return `changed the ${list}`;
}

export function statusName(status: CaseStatus): string {
  return caseStatusLabel[status];
}
