// Human labels and badge colours for case enums. Colour is never the only signal: every badge
// and chart bar also carries the label text.
import type { BadgeTone } from "@/components/ui/badge";
import type { CasePriority, CaseStatus } from "@/lib/generated/prisma/enums";

/** Workflow order, used for chart rows and tables. */
export const CASE_STATUSES: readonly CaseStatus[] = ["OPEN", "IN_PROGRESS", "WAITING", "RESOLVED", "CLOSED"];

export const caseStatusLabel: Record<CaseStatus, string> = {
  OPEN: "Open",
  IN_PROGRESS: "In progress",
  WAITING: "Waiting",
  RESOLVED: "Resolved",
  CLOSED: "Closed",
};

export const caseStatusTone: Record<CaseStatus, BadgeTone> = {
  OPEN: "blue",
  IN_PROGRESS: "amber",
  WAITING: "violet",
  RESOLVED: "green",
  CLOSED: "neutral",
};

/** SVG fills matching the badge tones, one step stronger so thin bars stay visible. */
export const caseStatusFill: Record<CaseStatus, string> = {
  OPEN: "fill-blue-600 dark:fill-blue-400",
  IN_PROGRESS: "fill-amber-600 dark:fill-amber-400",
  WAITING: "fill-violet-600 dark:fill-violet-400",
  RESOLVED: "fill-green-600 dark:fill-green-400",
  CLOSED: "fill-slate-500 dark:fill-slate-400",
};

export const casePriorityLabel: Record<CasePriority, string> = {
  LOW: "Low",
  NORMAL: "Normal",
  HIGH: "High",
  URGENT: "Urgent",
};

export const casePriorityTone: Record<CasePriority, BadgeTone> = {
  LOW: "neutral",
  NORMAL: "blue",
  HIGH: "orange",
  URGENT: "red",
};

/** Statuses after which a due date no longer matters. */
export function isClosedStatus(status: CaseStatus): boolean {
  return status === "RESOLVED" || status === "CLOSED";
}
