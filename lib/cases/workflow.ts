// The case status workflow: open → in progress → waiting → resolved / closed, and reopen.
// Pure and client-safe: the server enforces it, the UI offers only the allowed moves.
import type { CaseStatus } from "@/lib/generated/prisma/enums";

export const CASE_STATUSES: CaseStatus[] = ["OPEN", "IN_PROGRESS", "WAITING", "RESOLVED", "CLOSED"];
export const OPEN_STATUSES: CaseStatus[] = ["OPEN", "IN_PROGRESS", "WAITING"];

export const TRANSITIONS: Record<CaseStatus, CaseStatus[]> = {
  OPEN: ["IN_PROGRESS", "WAITING", "RESOLVED", "CLOSED"],
  IN_PROGRESS: ["WAITING", "RESOLVED", "CLOSED", "OPEN"],
  WAITING: ["IN_PROGRESS", "RESOLVED", "CLOSED"],
  RESOLVED: ["CLOSED", "OPEN"], // OPEN = reopen
  CLOSED: ["OPEN"], // reopen
};

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function isReopen(from: CaseStatus, to: CaseStatus): boolean {
  return to === "OPEN" && (from === "RESOLVED" || from === "CLOSED");
}
