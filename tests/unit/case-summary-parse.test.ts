// parseCitedSummary: citations validated against the ids the model was given, uncited sentences
// flagged, invented ids dropped, and partial text while streaming.
import { citedSummaryText, parseCitedSummary } from "@/lib/ai/features/case-summary/parse-cited-summary";

const IDS = ["case", "e1", "e2"];

type Row = {
  name: string;
  text: string;
  complete?: boolean;
  expected: Array<{ text: string; refs: string[]; uncited: boolean; pending?: boolean }>;
  dropped?: number;
};

const rows: Row[] = [
  {
    name: "marker after the full stop",
    text: "The citizen reported a leak. [ref:e1] It was fixed. [ref:e2]",
    expected: [
      { text: "The citizen reported a leak.", refs: ["e1"], uncited: false },
      { text: "It was fixed.", refs: ["e2"], uncited: false },
    ],
  },
  {
    name: "marker before the full stop",
    text: "The citizen reported a leak [ref:e1]. It was fixed [ref:e2].",
    expected: [
      { text: "The citizen reported a leak.", refs: ["e1"], uncited: false },
      { text: "It was fixed.", refs: ["e2"], uncited: false },
    ],
  },
  {
    name: "several refs, comma list and repeats",
    text: "The case is open and urgent [ref:case][ref:e1, e2][ref:e1].",
    expected: [{ text: "The case is open and urgent.", refs: ["case", "e1", "e2"], uncited: false }],
  },
  {
    name: "invented id dropped, sentence left uncited",
    text: "The citizen was paid compensation [ref:9f1c0000-0000-4000-8000-000000000000]. Status is open [ref:case].",
    expected: [
      { text: "The citizen was paid compensation.", refs: [], uncited: true },
      { text: "Status is open.", refs: ["case"], uncited: false },
    ],
    dropped: 1,
  },
  {
    name: "a valid and an invented ref: the valid one stays",
    text: "It moved to waiting [ref:e2][ref:zzz].",
    expected: [{ text: "It moved to waiting.", refs: ["e2"], uncited: false }],
    dropped: 1,
  },
  {
    name: "no markers at all",
    text: "Everything is fine. Nothing to do!",
    expected: [
      { text: "Everything is fine.", refs: [], uncited: true },
      { text: "Nothing to do!", refs: [], uncited: true },
    ],
  },
  {
    name: "paragraph break ends a sentence without punctuation",
    text: "Summary [ref:case]\n\nThe citizen called [ref:e1].",
    expected: [
      { text: "Summary", refs: ["case"], uncited: false },
      { text: "The citizen called.", refs: ["e1"], uncited: false },
    ],
  },
  {
    name: "decimal point is not a sentence end",
    text: "The bill was 12.50 euros [ref:e1].",
    expected: [{ text: "The bill was 12.50 euros.", refs: ["e1"], uncited: false }],
  },
  {
    name: "empty marker is ignored",
    text: "Odd [ref:].",
    expected: [{ text: "Odd.", refs: [], uncited: true }],
  },
  {
    name: "streaming: incomplete marker is hidden, last sentence pending",
    text: "The citizen reported a leak [ref:e",
    complete: false,
    expected: [{ text: "The citizen reported a leak", refs: [], uncited: false, pending: true }],
  },
  {
    name: "streaming: a lone [ at the end is hidden",
    text: "First [ref:e1]. Second [",
    complete: false,
    expected: [
      { text: "First.", refs: ["e1"], uncited: false },
      { text: "Second", refs: [], uncited: false, pending: true },
    ],
  },
  {
    name: "streaming: ended sentence awaiting its marker is pending, earlier uncited stays uncited",
    text: "No source here. Then this.",
    complete: false,
    expected: [
      { text: "No source here.", refs: [], uncited: true },
      { text: "Then this.", refs: [], uncited: false, pending: true },
    ],
  },
  {
    name: "complete: an unfinished marker is shown as text (the model really wrote it)",
    text: "Broken [ref:e1",
    expected: [{ text: "Broken [ref:e1", refs: [], uncited: true }],
  },
  { name: "empty text", text: "", expected: [] },
];

describe("parseCitedSummary", () => {
  it.each(rows)("$name", ({ text, complete, expected, dropped }) => {
    const parsed = parseCitedSummary(text, IDS, { complete: complete ?? true });
    expect(parsed.sentences).toEqual(expected);
    expect(parsed.droppedRefs).toBe(dropped ?? 0);
  });

  it("is stable as text grows one character at a time (never shows a marker's text)", () => {
    const full = "The citizen reported a leak [ref:e1]. It was fixed [ref:e2].";
    for (let i = 0; i <= full.length; i++) {
      const partial = parseCitedSummary(full.slice(0, i), IDS, { complete: false });
      for (const s of partial.sentences) expect(s.text).not.toMatch(/\[r|\[$|ref:/);
    }
  });

  it("joins sentences as plain text for storage", () => {
    expect(citedSummaryText(parseCitedSummary("A [ref:e1]. B [ref:zz].", IDS))).toBe("A. B.");
  });
});
