// The briefing's prompt (pure): only the computed numbers, each under the marker the model must
// write instead of the figure, and the spiking categories' names (tenant text, so inside an
// escaped data block). No case, citizen or note reaches the model.
import { dataBlock, dataRule } from "@/lib/ai/prompt/data-block";
import { briefingRefs, BRIEFING_SENTENCES_MAX, BRIEFING_TOOL, type BriefingNumbers } from "./schemas";

export function renderBriefingPrompt(n: BriefingNumbers) {
  const system = [
    `You write a short daily briefing for the staff of a public-service organisation, by calling the ${BRIEFING_TOOL} tool once.`,
    dataRule(["numbers"], "the briefing"),
    "Never write a number as digits or words. Where a number belongs, write its marker exactly as given, e.g. [ref:new].",
    "Do not estimate, total or compare numbers yourself beyond what the markers say; do not mention anything not in <numbers>.",
    `At most ${BRIEFING_SENTENCES_MAX} plain, factual sentences; no names, no advice about individual cases.`,
  ].join("\n");
  const refs = briefingRefs(n);
  const lines = [
    `[ref:new] = ${refs.get("new")} new cases`,
    `[ref:resolved] = ${refs.get("resolved")} cases resolved`,
    `[ref:overdue] = ${refs.get("overdue")} open cases past their due date at the end of the day`,
    ...n.spikes.flatMap((s, i) => [
      `[ref:spike:${i + 1}] = ${s.count} new cases in category "${s.category}" (a spike)`,
      `[ref:spike_avg:${i + 1}] = ${s.average}, that category's average on this weekday over the previous four weeks`,
    ]),
  ];
  if (n.spikes.length === 0) lines.push("No category had a spike against the previous four weeks.");
  return {
    system,
    messages: [
      {
        role: "user" as const,
        content: `${dataBlock("numbers", lines.join("\n"), { day: n.day })}\n\nWrite the briefing for ${n.day}.`,
      },
    ],
  };
}
