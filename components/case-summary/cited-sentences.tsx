// Renders a cited summary: each sentence followed by numbered links to its sources (#event-<id>
// on the timeline, #case-record for the case's own fields). A sentence without a valid source
// is muted and says "no source", so an unsourced claim never looks like a sourced one.
import type { CitedSentence } from "@/lib/ai/features/case-summary/parse-cited-summary";
import { CASE_REF } from "@/lib/ai/features/case-summary/parse-cited-summary";

/** Where a cited ref links and how a screen reader names it (`n`: its source number). */
export type RefLink = (ref: string, n: number | undefined) => { href: string; label: string };

/** The case page's: #case-record for the case's own fields, #event-<id> for a timeline entry. */
export const caseRefLink: RefLink = (ref, n) =>
  ref === CASE_REF
    ? { href: "#case-record", label: "Source: case details" }
    : { href: `#event-${ref}`, label: `Source: timeline entry ${n ?? ""}` };

export function CitedSentences({
  sentences,
  refNumbers,
  refLink = caseRefLink,
}: {
  sentences: CitedSentence[];
  refNumbers: Map<string, number>;
  refLink?: RefLink;
}) {
  return (
    <>
      {sentences.map((sentence, index) => (
        <span key={index} className={sentence.uncited ? "text-muted-foreground" : undefined}>
          {index > 0 ? " " : null}
          {sentence.text}
          {sentence.refs.map((ref) => (
            <sup key={ref} className="ml-0.5">
              <a
                href={refLink(ref, refNumbers.get(ref)).href}
                className="rounded px-0.5 font-medium text-brand-700 underline-offset-2 hover:underline focus-visible:ring-2 focus-visible:ring-brand-400 focus-visible:outline-none dark:text-brand-300"
                aria-label={refLink(ref, refNumbers.get(ref)).label}
              >
                [{refNumbers.get(ref) ?? "?"}]
              </a>
            </sup>
          ))}
          {sentence.uncited ? <span className="ml-1 text-xs italic">(no source)</span> : null}
        </span>
      ))}
    </>
  );
}

/** Source numbers in order of first citation, so [1] is the first source the summary names. */
export function numberRefs(sentences: CitedSentence[]): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const s of sentences) for (const ref of s.refs) if (!numbers.has(ref)) numbers.set(ref, numbers.size + 1);
  return numbers;
}
