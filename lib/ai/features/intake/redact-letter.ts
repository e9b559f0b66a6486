// A pasted letter can carry the writer's national ID; the model must never see one (DESIGN.md
// invariant 6), and intake does not need it. Numbers in the shape of a national register
// number, or after a label that names one, are replaced before the letter is sent. Phone
// numbers and postal codes are kept: intake extracts them. Pure: unit-tested directly.
export const REDACTED = "[national ID removed]";

/** Belgian register numbers (85.07.30-033.61, 85073003361 with separators). */
const BELGIAN = /\b\d{2}[.\s]?\d{2}[.\s]?\d{2}[-\s]\d{3}[.\s]?\d{2}\b/g;
/** A value after a label that says it is a national / citizen service / social security number. */
const LABELLED =
  /\b(national (?:id|identity number|number|register number)|rijksregisternummer|insz|bsn|burgerservicenummer|social security(?: number)?|ssn|num[ée]ro national|steuer-?id)(\s*(?:no\.?|nr\.?|number)?\s*[:#]?\s*)[0-9][0-9 .\-/]{5,20}[0-9]/gi;

export function redactLetter(text: string): { text: string; redactions: number } {
  let redactions = 0;
  const out = text
    .replace(LABELLED, (_m, label: string, sep: string) => {
      redactions++;
      return `${label}${sep}${REDACTED}`;
    })
    .replace(BELGIAN, () => {
      redactions++;
      return REDACTED;
    });
  return { text: out, redactions };
}
