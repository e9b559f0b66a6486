// Turns the model's cited text into sentences whose citations are checked against the ids the
// model was given. Pure and without server-only imports: the browser runs it on the growing
// text while streaming, and saveCaseSummary runs it on the complete text before storing.
//
// Decisions:
// - Every sentence counts as a statement of fact (the prompt asks for nothing else). A sentence
//   left without a valid citation is kept, flagged `uncited`, and shown muted with "no source":
//   hiding it would silently change what the model said; showing it plain would present an
//   unsourced claim as sourced.
// - A ref that is not among the given ids (invented, or another case's) is dropped and counted.
// - A marker may come before or after the sentence's full stop: "… in May [ref:a]." and
//   "… in May. [ref:a]" both cite the sentence they end.
// - While streaming (`complete: false`), an unfinished trailing marker ("[ref:3f2", "[re") is not
//   shown as text, and the last sentence is `pending` rather than uncited: its marker may follow.

export const CASE_REF = "case";

export type CitedSentence = {
  text: string;
  refs: string[];
  uncited: boolean;
  pending?: boolean;
};

export type CitedSummary = {
  sentences: CitedSentence[];
  /** Markers whose id was not among the given ids. */
  droppedRefs: number;
};

const MARKER = /\[ref:\s*([^\]]*)\]/y;
/** A trailing piece of text that could still become a marker. */
const PARTIAL_MARKER = /\[(?:r(?:e(?:f(?::[^\]]*)?)?)?)?$/;

/** Collapses whitespace, and the space a marker left before the full stop ("in May [ref:a]."). */
const clean = (text: string) =>
  text
    .replace(/\s+/g, " ")
    .replace(/ ([.!?,;:])/g, "$1")
    .trim();

export function parseCitedSummary(
  text: string,
  validIds: readonly string[],
  options: { complete?: boolean } = {},
): CitedSummary {
  const complete = options.complete ?? true;
  const valid = new Set(validIds);
  const input = complete ? text : text.replace(PARTIAL_MARKER, "");
  const sentences: CitedSentence[] = [];
  let droppedRefs = 0;
  let current = "";
  let refs: string[] = [];
  // After a terminator: markers still attach to the sentence; anything else starts the next.
  let ended = false;

  const flush = () => {
    const trimmed = clean(current);
    if (trimmed) sentences.push({ text: trimmed, refs, uncited: refs.length === 0 });
    current = "";
    refs = [];
    ended = false;
  };

  let i = 0;
  while (i < input.length) {
    MARKER.lastIndex = i;
    const m = MARKER.exec(input);
    if (m) {
      for (const raw of (m[1] ?? "").split(",")) {
        const id = raw.trim();
        if (!id) continue;
        if (valid.has(id)) {
          if (!refs.includes(id)) refs.push(id);
        } else droppedRefs++;
      }
      i = MARKER.lastIndex;
      continue;
    }
    const ch = input[i] ?? "";
    if (ended && !/\s/.test(ch)) flush();
    if (ch === "\n" && input[i + 1] === "\n") {
      flush();
      i += 2;
      continue;
    }
    current += ch;
    if (/[.!?]/.test(ch) && (i + 1 >= input.length || /[\s[]/.test(input[i + 1] ?? ""))) ended = true;
    i++;
  }
  const trimmed = clean(current);
  if (trimmed) {
    const last: CitedSentence = { text: trimmed, refs, uncited: refs.length === 0 };
    if (!complete && !ended) {
      last.uncited = false;
      last.pending = true;
    } else if (!complete && refs.length === 0) {
      // Ended, but its marker may still be on the way.
      last.uncited = false;
      last.pending = true;
    }
    sentences.push(last);
  }
  return { sentences, droppedRefs };
}

/** The summary as plain text (no markers), for storage and copying. */
export function citedSummaryText(summary: CitedSummary): string {
  return summary.sentences.map((s) => s.text).join(" ");
}
