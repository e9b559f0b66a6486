// What a person (and a screen reader) gets of the usage charts (server-rendered markup): the
// daily bars are one labelled image whose title states the total and the peak, with every
// day also in a table; the per-feature and per-person numbers are table cells (the bars are
// hidden from assistive technology); no usage is an empty state, not an empty chart.
import { renderToStaticMarkup } from "react-dom/server";
import { UsageCharts } from "@/components/billing/usage-charts";
import type { UsageSummary } from "@/lib/usage/read-usage-summary";

const days = Array.from({ length: 30 }, (_, i) => ({
  day: new Date(Date.UTC(2026, 10, 5 + i)).toISOString().slice(0, 10),
  credits: i === 29 ? 12.5 : i === 10 ? 40 : 0,
}));
const usage: UsageSummary = {
  days,
  features: [
    { feature: "chat", credits: 40, calls: 3 },
    { feature: "case_summary", credits: 12.5, calls: 1 },
  ],
  users: [
    { userId: "u1", name: "Ada <script>", credits: 50, calls: 3 },
    { userId: null, name: null, credits: 2.5, calls: 1 },
  ],
  total: 52.5,
};

describe("UsageCharts", () => {
  it("labels the chart with its total and peak, and gives every number as text", () => {
    const html = renderToStaticMarkup(<UsageCharts usage={usage} format={{ locale: "en", timeZone: "UTC" }} />);
    expect(html).toContain('role="img"');
    expect(html).toContain(
      "<title>Credits per day: 52.5 in total, most on 2026-11-15 (40). The table below has every day.</title>",
    );
    expect(html.match(/<rect /g)).toHaveLength(30);
    expect(html).toContain("Show the days as a table");
    expect(html.match(/<td class="py-1 pr-4 text-muted-foreground">2026-/g)).toHaveLength(30);
    expect(html).toContain("Credits per AI feature");
    expect(html).toContain(">Chat<");
    expect(html).toContain(">76%<");
    expect(html).toContain("Ada &lt;script&gt;");
    expect(html).toContain("Background work");
    expect(html).toContain('aria-hidden="true"');
    expect(html).toContain("dark:fill-brand-400");
  });

  it("no usage: an empty state instead of charts", () => {
    const html = renderToStaticMarkup(
      <UsageCharts
        usage={{ days: days.map((d) => ({ ...d, credits: 0 })), features: [], users: [], total: 0 }}
        format={{ locale: "en", timeZone: "UTC" }}
      />,
    );
    expect(html).toContain("No AI use in this period");
    expect(html).not.toContain('role="img"');
  });
});
