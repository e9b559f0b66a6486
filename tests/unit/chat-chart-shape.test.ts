// Which chat results get a bar chart: two columns, a label (category or date) and a number.
import { chartShapeOf, MAX_CHART_BARS } from "@/components/chat/chart-shape";

const of = (columns: string[], rows: (string | number | boolean | null)[][]) => chartShapeOf({ columns, rows });

describe("chartShapeOf", () => {
  it("charts a number by category, naming null '(none)'", () => {
    expect(
      of(
        ["category", "cases"],
        [
          ["Roads", 3],
          [null, 1],
        ],
      ),
    ).toEqual({
      labelColumn: "category",
      valueColumn: "cases",
      byDate: false,
      bars: [
        { label: "Roads", value: 3 },
        { label: "(none)", value: 1 },
      ],
    });
  });

  it("charts a number by date and shortens midnight timestamps", () => {
    const shape = of(
      ["month", "n"],
      [
        ["2026-01-01T00:00:00+00:00", 4],
        ["2026-02-01T00:00:00+00:00", 6],
      ],
    );
    expect(shape).toMatchObject({ byDate: true, bars: [{ label: "2026-01-01" }, { label: "2026-02-01" }] });
    expect(
      of(
        ["month", "n"],
        [
          ["2026-01", 1],
          ["2026-02", 2],
        ],
      ),
    ).toMatchObject({ byDate: true });
  });

  it.each([
    ["one column", ["n"], [[1], [2]]],
    [
      "three columns",
      ["a", "b", "c"],
      [
        ["x", 1, 2],
        ["y", 3, 4],
      ],
    ],
    ["a single row", ["category", "n"], [["Roads", 1]]],
    [
      "a text value",
      ["category", "n"],
      [
        ["Roads", "many"],
        ["Parks", 1],
      ],
    ],
    [
      "a negative value",
      ["category", "n"],
      [
        ["Roads", -1],
        ["Parks", 1],
      ],
    ],
    [
      "a numeric label",
      ["year", "n"],
      [
        [2026, 1],
        [2027, 2],
      ],
    ],
    [
      "a missing value",
      ["category", "n"],
      [
        ["Roads", null],
        ["Parks", 1],
      ],
    ],
  ])("does not chart %s", (_name, columns, rows) => {
    expect(of(columns as string[], rows as (string | number | null)[][])).toBeNull();
  });

  it("does not chart more bars than fit", () => {
    const rows = Array.from({ length: MAX_CHART_BARS + 1 }, (_, i) => [`c${i}`, i]);
    expect(of(["category", "n"], rows)).toBeNull();
    expect(of(["category", "n"], rows.slice(0, MAX_CHART_BARS))).not.toBeNull();
    expect(chartShapeOf(null)).toBeNull();
  });
});
