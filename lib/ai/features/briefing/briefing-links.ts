// Where a briefing's number leads: the cases list filtered to what it counted, with the days
// counted in the briefing's own time zone (`tz`), so the list's bounds are the same local
// midnights compute-briefing-numbers.ts counted between. Client-safe: the dashboard panel
// renders these as links and the email (lib/ai/features/briefing/email-briefing.ts) as absolute URLs.
import type { BriefingNumbers } from "./schemas";

/** The path (`/slug/cases?…`) behind `ref`, or null when the number is not a list (an average). */
export function briefingHref(slug: string, n: BriefingNumbers, ref: string): string | null {
  const base = `/${encodeURIComponent(slug)}/cases`;
  const q = (params: Record<string, string>) => `${base}?${new URLSearchParams({ ...params, tz: n.timeZone })}`;
  const created = { createdFrom: n.day, createdTo: n.day };
  if (ref === "new") return q(created);
  if (ref === "resolved") return q({ resolvedFrom: n.day, resolvedTo: n.day });
  // Overdue is counted at the end of the day; the list shows what is overdue now, the nearest list there is.
  if (ref === "overdue") return `${base}?status=overdue`;
  const spike = /^spike:(\d+)$/.exec(ref);
  const s = spike ? n.spikes[Number(spike[1]) - 1] : undefined;
  return s ? q({ category: s.category, ...created }) : null;
}
