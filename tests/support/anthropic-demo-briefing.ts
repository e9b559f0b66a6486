// The offline demo model's daily briefing (write_briefing): sentences built from the markers in
// the prompt's <numbers> block, so the figures shown are always the app's own (the demo writes
// markers, never digits, as the real model is told to). Deterministic, from the prompt only.
import type { DemoPrompt } from "./anthropic-demo";

export const BRIEFING_TOOL_NAME = "write_briefing";

const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

export function demoBriefing(prompt: DemoPrompt): { sentences: string[] } {
  const sentences = [
    "Yesterday [ref:new] new cases came in and [ref:resolved] were resolved.",
    "At the end of the day [ref:overdue] open cases were past their due date.",
  ];
  for (const m of prompt.user.matchAll(/\[ref:spike:(\d+)\] = \d+ new cases in category "([^"\n]*)"/g)) {
    const name = unescape(m[2]!);
    // A category name with digits would fail the app's figure check; name it generically then.
    const label = /\d/.test(name) ? "One category" : `The ${name} category`;
    sentences.push(
      `${label} stood out with [ref:spike:${m[1]}] new cases, against [ref:spike_avg:${m[1]}] on a usual day like it.`,
    );
  }
  if (!/\[ref:spike:/.test(prompt.user)) sentences.push("No category stood out against the previous four weeks.");
  return { sentences };
}
