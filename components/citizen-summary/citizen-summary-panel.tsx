"use client";
// The AI summary panel of the citizen page: the cited summary panel on this citizen's summary
// route; a ref links to the case it names, or to the timeline entry on its case's page.
import type { CitizenSummaryView } from "@/lib/ai/features/citizen-summary/read-citizen-summary";
import { CitedSummaryPanel } from "@/components/case-summary/cited-summary-panel";
import type { RefLink } from "@/components/case-summary/cited-sentences";

type Props = {
  tenantSlug: string;
  citizenId: string;
  initialSummary: CitizenSummaryView | null;
  /** The case and entry ids the summary may cite. */
  sourceIds: string[];
  /** Entry id → the case it belongs to. */
  entryCase: Record<string, string>;
  demo?: boolean;
};

export function CitizenSummaryPanel({ tenantSlug, citizenId, initialSummary, sourceIds, entryCase, demo }: Props) {
  const base = `/${encodeURIComponent(tenantSlug)}/cases`;
  const refLink: RefLink = (ref, n) => {
    const caseId = entryCase[ref];
    return caseId
      ? { href: `${base}/${caseId}#event-${ref}`, label: `Source ${n ?? ""}: a timeline entry of a case` }
      : { href: `${base}/${ref}`, label: `Source ${n ?? ""}: a case` };
  };
  return (
    <CitedSummaryPanel
      url={`/api/tenants/${encodeURIComponent(tenantSlug)}/citizens/${encodeURIComponent(citizenId)}/summary`}
      headingId="citizen-summary-heading"
      title="AI summary of the cases — check the sources"
      description="A suggestion written by AI from this citizen's cases and their timelines (never their personal details). Numbers link to the cases and entries it is based on."
      readingText="Reading the cases…"
      initialSummary={initialSummary}
      sourceIds={sourceIds}
      refLink={refLink}
      demo={demo}
    />
  );
}
