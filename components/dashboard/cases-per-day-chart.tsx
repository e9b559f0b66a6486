import { VisuallyHidden } from "@/components/ui/visually-hidden";
import { formatDay, formatNumber, type FormatSettings } from "@/lib/format/format";

const HEIGHT = 180;
const PLOT_TOP = 18; // room for the value printed above the tallest bar
const PLOT_BOTTOM = 148; // baseline; day labels sit below it
const PLOT_HEIGHT = PLOT_BOTTOM - PLOT_TOP;

type Props = { data: Array<{ day: string; count: number }>; format: FormatSettings };

/**
 * Vertical bars for cases created per day. x positions are percentages of the width and y
 * positions are pixels, so the chart stretches horizontally while text stays readable.
 */
export function CasesPerDayChart({ data, format }: Props) {
  const max = Math.max(0, ...data.map((point) => point.count));
  const total = data.reduce((sum, point) => sum + point.count, 0);
  const slot = data.length > 0 ? 100 / data.length : 100;
  const busiest = data.reduce<{ day: string; count: number } | null>(
    (best, point) => (point.count > (best?.count ?? 0) ? point : best),
    null,
  );
  const first = data[0];
  const last = data.at(-1);
  const middle = data[Math.floor((data.length - 1) / 2)];

  const summary =
    total === 0 || !busiest
      ? `No cases created in the last ${data.length} days.`
      : `Cases created per day over the last ${data.length} days: ${formatNumber(total, format)} in total, ` +
        `most on ${formatDay(busiest.day, format, "long")} with ${formatNumber(busiest.count, format)}.`;

  return (
    <figure>
      <svg role="img" aria-label={summary} width="100%" height={HEIGHT} className="block overflow-visible">
        {/* Every bar carries its value, so a y-axis would only add clutter; just the baseline. */}
        <line x1="0" x2="100%" y1={PLOT_BOTTOM} y2={PLOT_BOTTOM} className="stroke-border" />
        {total === 0 ? (
          <text x="50%" y={PLOT_TOP + PLOT_HEIGHT / 2} textAnchor="middle" className="fill-muted-foreground text-sm">
            No new cases in this period
          </text>
        ) : null}

        {data.map((point, index) => {
          const height = max === 0 ? 0 : Math.max((point.count / max) * PLOT_HEIGHT, point.count > 0 ? 2 : 0);
          const centre = slot * index + slot / 2;
          return (
            <g key={point.day}>
              {height > 0 ? (
                <rect
                  x={`${slot * index + slot * 0.2}%`}
                  y={PLOT_BOTTOM - height}
                  width={`${slot * 0.6}%`}
                  height={height}
                  rx={2}
                  className="fill-brand-600 dark:fill-brand-400"
                >
                  <title>{`${formatDay(point.day, format)}: ${formatNumber(point.count, format)}`}</title>
                </rect>
              ) : null}
              {point.count > 0 ? (
                <text
                  x={`${centre}%`}
                  y={PLOT_BOTTOM - height - 4}
                  textAnchor="middle"
                  className="fill-muted-foreground text-[11px] tabular-nums"
                >
                  {formatNumber(point.count, format)}
                </text>
              ) : null}
            </g>
          );
        })}

        {/* Three day labels (first, middle, last) keep the axis legible at phone widths. */}
        {first ? (
          <text x="0" y={HEIGHT - 8} className="fill-muted-foreground text-xs">
            {formatDay(first.day, format)}
          </text>
        ) : null}
        {middle && middle !== first && middle !== last ? (
          <text
            x={`${slot * Math.floor((data.length - 1) / 2) + slot / 2}%`}
            y={HEIGHT - 8}
            textAnchor="middle"
            className="fill-muted-foreground text-xs"
          >
            {formatDay(middle.day, format)}
          </text>
        ) : null}
        {last && last !== first ? (
          <text x="100%" y={HEIGHT - 8} textAnchor="end" className="fill-muted-foreground text-xs">
            {formatDay(last.day, format)}
          </text>
        ) : null}
      </svg>
      {/* The wrapper does the hiding: a table ignores width and overflow, so an sr-only table
          would still widen the page on phones. */}
      <VisuallyHidden as="div">
        <table>
          <caption>Cases created per day</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Cases created</th>
            </tr>
          </thead>
          <tbody>
            {data.map((point) => (
              <tr key={point.day}>
                <th scope="row">{formatDay(point.day, format, "long")}</th>
                <td>{formatNumber(point.count, format)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </VisuallyHidden>
    </figure>
  );
}
