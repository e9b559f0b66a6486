// A horizontal bar chart in plain SVG (no chart library: bars, labels and values are all this
// needs). The numbers are also in the table beside it; the SVG is one labelled image.
import { useFormatNumber } from "@/components/format/format-provider";
import type { ChartShape } from "./chart-shape";

const ROW = 22;
const LABEL_WIDTH = 110;
const WIDTH = 320;

export function ChatBarChart({ shape }: { shape: ChartShape }) {
  const count = useFormatNumber();
  const max = Math.max(...shape.bars.map((b) => b.value), 1);
  const barSpace = WIDTH - LABEL_WIDTH - 40;
  const height = shape.bars.length * ROW + 4;
  const title = `Bar chart: ${shape.valueColumn} by ${shape.labelColumn}`;
  return (
    <figure className="flex flex-col gap-1">
      <svg
        role="img"
        aria-label={title}
        viewBox={`0 0 ${WIDTH} ${height}`}
        className="w-full max-w-sm text-foreground"
        data-testid="chat-chart"
      >
        <title>{title}</title>
        {shape.bars.map((bar, i) => {
          const y = i * ROW + 2;
          const w = Math.max(1, Math.round((bar.value / max) * barSpace));
          return (
            <g key={`${bar.label}-${i}`}>
              <text x={LABEL_WIDTH - 6} y={y + 14} textAnchor="end" fontSize="11" fill="currentColor">
                {bar.label.length > 16 ? `${bar.label.slice(0, 15)}…` : bar.label}
              </text>
              <rect x={LABEL_WIDTH} y={y + 3} width={w} height={ROW - 8} rx="3" className="fill-brand-500" />
              <text x={LABEL_WIDTH + w + 4} y={y + 14} fontSize="11" fill="currentColor">
                {count(bar.value)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="text-xs text-muted-foreground">
        {shape.valueColumn} by {shape.labelColumn}
      </figcaption>
    </figure>
  );
}
