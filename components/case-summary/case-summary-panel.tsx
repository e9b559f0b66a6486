"use client";
// The AI summary panel of the case page: the cited summary panel on this case's summary route,
// its refs linking to the timeline entries and the case record on the page.
import type { CaseSummaryView } from "@/lib/ai/features/case-summary/read-case-summary";
import { CitedSummaryPanel } from "./cited-summary-panel";

type Props = {
  tenantSlug: string;
  caseId: string;
  initialSummary: CaseSummaryView | null;
  /** "case" and the timeline's entry ids. */
  sourceIds: string[];
  demo?: boolean;
};

export function CaseSummaryPanel({ tenantSlug, caseId, initialSummary, sourceIds, demo = false }: Props) {
  return (
    <CitedSummaryPanel
      url={`/api/tenants/${encodeURIComponent(tenantSlug)}/cases/${encodeURIComponent(caseId)}/summary`}
      headingId="case-summary-heading"
      title="AI summary — check the sources"
      description="A suggestion written by AI from this case's timeline. Numbers link to the entries it is based on."
      readingText="Reading the case…"
      initialSummary={initialSummary}
      sourceIds={sourceIds}
      demo={demo}
    />
  );
}
