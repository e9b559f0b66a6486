// Numbers in the chat's prose must come from the rows: each number of the answer is looked up
// in the result (the number of rows, a numeric cell equal to it, or a text cell such as a date
// containing it), so the widget can mark the ones it cannot find. Digits inside a word (a
// label such as "Zone4b") are not numbers of the answer. Pure, so it is unit-tested without React.
export type AnswerPart = { text: string; kind: "text" | "column" | "number" | "unsourced" };

type Cell = string | number | boolean | null;

const COLUMN = /^\[([a-z_][a-z0-9_]*)\]$/i;
const NUMBER_SPLIT = /((?<![A-Za-z_\d.,])\d+(?:,\d{3})*(?:\.\d+)?(?![A-Za-z_\d]))/;

function foundInRows(token: string, rows: Cell[][]): boolean {
  const value = Number(token.replace(/,/g, ""));
  if (value === rows.length) return true;
  for (const row of rows)
    for (const cell of row) {
      if (typeof cell === "number" && (cell === value || Math.abs(cell - value) < 0.005 * Math.max(1, Math.abs(cell))))
        return true;
      if (typeof cell === "string" && cell.includes(token)) return true;
    }
  return false;
}

/** The answer cut into plain text, cited columns (of this result) and numbers, found or not. */
export function answerParts(text: string, columns: string[], rows: Cell[][]): AnswerPart[] {
  const parts: AnswerPart[] = [];
  for (const piece of text.split(/(\[[a-z_][a-z0-9_]*\])/gi)) {
    if (piece === "") continue;
    const column = COLUMN.exec(piece)?.[1];
    if (column && columns.includes(column)) {
      parts.push({ text: column, kind: "column" });
      continue;
    }
    // split() with one capture group: odd indexes are the numbers.
    piece.split(NUMBER_SPLIT).forEach((bit, i) => {
      if (bit === "") return;
      if (i % 2 === 1) parts.push({ text: bit, kind: foundInRows(bit, rows) ? "number" : "unsourced" });
      else parts.push({ text: bit, kind: "text" });
    });
  }
  return parts;
}
