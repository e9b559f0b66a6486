// The briefing's "nothing invented" check (pure, unit-tested): a sentence survives only when
// every [ref:…] marker in it is one of the given numbers and every figure written out in it
// is one of the given values (or a date of the day reported on). What does not match is dropped,
// never repaired: a wrong number is worse than a shorter briefing.
import { briefingRefs, type BriefingNumbers } from "./schemas";

const REF = /\[ref:([a-z_]+(?::\d+)?)\]/g;
const FIGURE = /\d+(?:[.,]\d+)?/g;

export type BriefingSegment = { text: string } | { ref: string; value: number };

export function validateBriefing(sentences: readonly string[], numbers: BriefingNumbers) {
  const refs = briefingRefs(numbers);
  const allowed = new Set([...refs.values()].map(String));
  // The day itself may be written (e.g. "On 2026-03-02" or "2 March").
  for (const part of numbers.day.split("-")) allowed.add(String(Number(part))).add(part);
  const kept: string[] = [];
  let dropped = 0;
  for (const raw of sentences) {
    const s = raw.trim();
    const markers = [...s.matchAll(REF)].map((m) => m[1]!);
    const figures = s.replace(REF, " ").match(FIGURE) ?? [];
    const ok =
      s.length > 0 &&
      markers.every((m) => refs.has(m)) &&
      figures.every((f) => allowed.has(f.replace(",", "."))) &&
      // A marker-like fragment that did not parse ("[ref:new" or "[ref: 7]") is a malformed number.
      !s.replace(REF, "").includes("[ref");
    if (ok) kept.push(s);
    else dropped += 1;
  }
  return { sentences: kept, dropped };
}

/** A stored sentence as text and number segments, for the panel to render numbers as links. */
export function briefingSegments(sentence: string, numbers: BriefingNumbers): BriefingSegment[] {
  const refs = briefingRefs(numbers);
  const out: BriefingSegment[] = [];
  let at = 0;
  for (const m of sentence.matchAll(REF)) {
    if (m.index > at) out.push({ text: sentence.slice(at, m.index) });
    const value = refs.get(m[1]!);
    out.push(value === undefined ? { text: m[0] } : { ref: m[1]!, value });
    at = m.index + m[0].length;
  }
  if (at < sentence.length) out.push({ text: sentence.slice(at) });
  return out;
}
