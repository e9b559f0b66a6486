import { Badge } from "@/components/ui/badge";
import {
  casePriorityLabel,
  casePriorityTone,
  caseStatusLabel,
  caseStatusTone,
} from "@/components/dashboard/case-labels";
import type { CasePriority, CaseStatus } from "@/lib/generated/prisma/enums";

export function CaseStatusBadge({ status }: { status: CaseStatus }) {
  return <Badge tone={caseStatusTone[status]}>{caseStatusLabel[status]}</Badge>;
}

export function CasePriorityBadge({ priority }: { priority: CasePriority }) {
  return <Badge tone={casePriorityTone[priority]}>{casePriorityLabel[priority]}</Badge>;
}
