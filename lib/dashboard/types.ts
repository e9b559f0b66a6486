import type { CasePriority, CaseStatus } from "@/lib/generated/prisma/enums";

export type DashboardSummary = {
  citizens: number;
  openCases: number;
  overdueCases: number;
  casesByStatus: Record<CaseStatus, number>;
  /** Cases created per day over the last 14 days, oldest first (day = YYYY-MM-DD). */
  casesPerDay: Array<{ day: string; count: number }>;
  /** The newest case timeline entries (created, status changes, notes, assignments). */
  recentActivity: Array<{
    id: string;
    kind: string;
    toStatus: CaseStatus | null;
    at: Date;
    caseId: string;
    caseTitle: string;
    author: string | null;
  }>;
  recentCases: Array<{
    id: string;
    title: string;
    status: CaseStatus;
    priority: CasePriority;
    citizenName: string;
    createdAt: Date;
    dueAt: Date | null;
  }>;
};
