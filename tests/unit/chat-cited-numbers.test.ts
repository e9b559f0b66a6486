// The chat answer's numbers are checked against the rows; cited columns are recognised.
import { answerParts } from "@/components/chat/cited-numbers";

const rows = [
  ["Roads", 12],
  ["2026-03", 1234],
  ["Parks", 2.5],
];

describe("answerParts", () => {
  it("marks cited columns of the result and numbers found in the rows", () => {
    expect(answerParts("Roads has 12 cases [cases].", ["category", "cases"], rows)).toEqual([
      { text: "Roads has ", kind: "text" },
      { text: "12", kind: "number" },
      { text: " cases ", kind: "text" },
      { text: "cases", kind: "column" },
      { text: ".", kind: "text" },
    ]);
  });

  it("finds thousands separators, decimals and numbers inside a text cell (a date)", () => {
    const kinds = (t: string) => answerParts(t, [], rows).filter((p) => p.kind !== "text");
    expect(kinds("1,234 in 2026")).toEqual([
      { text: "1,234", kind: "number" },
      { text: "2026", kind: "number" },
    ]);
    expect(kinds("2.5 days")).toEqual([{ text: "2.5", kind: "number" }]);
  });

  it("flags a number the rows do not contain", () => {
    expect(answerParts("About 40 cases", [], rows).find((p) => p.text === "40")).toEqual({
      text: "40",
      kind: "unsourced",
    });
  });

  it("counts the number of rows as sourced and ignores digits inside a word", () => {
    expect(answerParts("The query returned 3 rows.", [], rows).find((p) => p.text === "3")).toEqual({
      text: "3",
      kind: "number",
    });
    expect(answerParts("Zone4b and Potholesm3x", [], rows)).toEqual([{ text: "Zone4b and Potholesm3x", kind: "text" }]);
  });

  it("leaves a bracketed name that is not a column of the result as text", () => {
    expect(answerParts("see [secret]", ["cases"], rows)).toEqual([
      { text: "see ", kind: "text" },
      { text: "[secret]", kind: "text" },
    ]);
  });
});
