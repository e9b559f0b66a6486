import { VisuallyHidden } from "@/components/ui/visually-hidden";
import { CASE_STATUSES, caseStatusFill, caseStatusLabel } from "@/components/dashboard/case-labels";
import { formatNumber, type FormatSettings } from "@/lib/format/format";
import type { CaseStatus } from "@/lib/generated/prisma/enums";

const ROW_HEIGHT = 44;
const BAR_Y = 22;
const BAR_HEIGHT = 10;

type Props = { data: Record<CaseStatus, number>; format: FormatSettings };

/**
 * Horizontal bars, one per status. Positions along the bar are percentages and text keeps its
 * CSS size, so the chart fits any card width without squashing labels (no viewBox scaling).
 * Sighted users read the SVG; assistive tech gets the aria-label summary and the hidden table.
 */
export function CasesByStatusChart({ data, format }: Props) {
  const rows = CASE_STATUSES.map((status) => ({ status, label: caseStatusLabel[status], count: data[status] ?? 0 }));
  const max = Math.max(0, ...rows.map((row) => row.count));
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  const summary =
    total === 0
      ? "Cases by status: no cases yet."
      : `Cases by status, ${formatNumber(total, format)} in total: ` +
        rows.map((row) => `${row.label} ${formatNumber(row.count, format)}`).join(", ") +
        ".";

  return (
    <figure>
      <svg
        role="img"
        aria-label={summary}
        width="100%"
        height={rows.length * ROW_HEIGHT}
        className="block overflow-visible"
      >
        {rows.map((row, index) => {
          const top = index * ROW_HEIGHT;
          // A sliver for small non-zero counts so they never look like zero.
          const width = row.count === 0 || max === 0 ? 0 : Math.max((row.count / max) * 100, 1.5);
          return (
            <g key={row.status}>
              <text x="0" y={top + 14} className="fill-foreground text-sm">
                {row.label}
              </text>
              <text x="100%" y={top + 14} textAnchor="end" className="fill-muted-foreground text-sm tabular-nums">
                {formatNumber(row.count, format)}
              </text>
              <rect
                x="0"
                y={top + BAR_Y}
                width="100%"
                height={BAR_HEIGHT}
                rx={BAR_HEIGHT / 2}
                className="fill-surface-muted"
              />
              {width > 0 ? (
                <rect
                  x="0"
                  y={top + BAR_Y}
                  width={`${width}%`}
                  height={BAR_HEIGHT}
                  rx={BAR_HEIGHT / 2}
                  className={caseStatusFill[row.status]}
                />
              ) : null}
            </g>
          );
        })}
      </svg>
      {/* The wrapper does the hiding: a table ignores width and overflow, so an sr-only table
          would still widen the page on phones. */}
      <VisuallyHidden as="div">
        <table>
          <caption>Cases by status</caption>
          <thead>
            <tr>
              <th scope="col">Status</th>
              <th scope="col">Cases</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.status}>
                <th scope="row">{row.label}</th>
                <td>{formatNumber(row.count, format)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </VisuallyHidden>
    </figure>
  );
}
