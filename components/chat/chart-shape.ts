// When the chat's rows are "a number by category or by date" (two columns: a label, a number),
// they get a bar chart. Pure, so it is unit-tested without React.
import type { ChatResultFrame } from "@/lib/ai/stream/protocol";

export type ChartBar = { label: string; value: number };
export type ChartShape = { labelColumn: string; valueColumn: string; bars: ChartBar[]; byDate: boolean };

/** At most this many bars: past it a chart is no longer readable in the widget. */
export const MAX_CHART_BARS = 31;

const DATE = /^\d{4}-\d{2}(-\d{2})?([T ][\d:.]+([+-]\d{2}(:\d{2})?|Z)?)?$/;

export function chartShapeOf(result: Pick<ChatResultFrame, "columns" | "rows"> | null): ChartShape | null {
  if (!result || result.columns.length !== 2 || result.rows.length < 2 || result.rows.length > MAX_CHART_BARS)
    return null;
  const [labelColumn, valueColumn] = result.columns as [string, string];
  const bars: ChartBar[] = [];
  for (const [label, value] of result.rows) {
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) return null;
    if (typeof label === "number" || typeof label === "boolean") return null;
    bars.push({ label: label ?? "(none)", value });
  }
  const byDate = bars.every((b) => DATE.test(b.label));
  return {
    labelColumn,
    valueColumn,
    bars: byDate ? bars.map((b) => ({ ...b, label: shortDate(b.label) })) : bars,
    byDate,
  };
}

/** "2026-03-01T00:00:00+00:00" → "2026-03-01"; a month bucket stays "2026-03". */
function shortDate(label: string): string {
  return label.replace(/[T ]00:00:00(\.0+)?([+-]00(:00)?|Z)?$/, "");
}
