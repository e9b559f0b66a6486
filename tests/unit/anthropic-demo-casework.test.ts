// The demo model's casework answers, on the real prompts: a classification that parses with the
// real tool schema and picks a category the case names (not the one it has), and a reply
// letter from the case record, signed by the organisation.
import { renderClassificationPrompt } from "@/lib/ai/features/case-classification/build-classification-prompt";
import { classificationToolSchema } from "@/lib/ai/features/case-classification/schemas";
import { intakeToolSchema } from "@/lib/ai/features/intake/schemas";
import { renderReplyDraftPrompt } from "@/lib/ai/features/reply-draft/build-reply-draft-prompt";
import { toolInputSchema } from "@/lib/ai/provider/complete-structured";
import { promptOf } from "../support/anthropic-demo";
import { demoClassification, demoIntake, demoReplyDraft, isReplyDraftPrompt } from "../support/anthropic-demo-casework";

const source = {
  caseId: "3f1c2d4e-0000-4000-8000-000000000001",
  title: "Street lighting out on Elm Road",
  description: "The lamp has been dark for a week; children walk there.",
  category: null,
  priority: "NORMAL" as const,
  status: "OPEN" as const,
  version: 1,
  preferredLanguage: "nl",
  notes: [{ id: "n1", body: "Called the utility <again>.", createdAt: "2026-11-02T10:00:00.000Z" }],
};

test("classification: valid for the tenant's schema, naming the category the case mentions", () => {
  const categories = ["Housing", "Street lighting", "Waste"];
  const p = renderClassificationPrompt(source, categories);
  const schema = classificationToolSchema(categories);
  const input = demoClassification(promptOf({ system: p.system, messages: p.messages }), toolInputSchema(schema));
  const parsed = schema.parse(input);
  expect(parsed).toMatchObject({ category: "Street lighting", priority: "HIGH", sentiment: "negative" });
  // Never the category the case already has.
  const again = renderClassificationPrompt({ ...source, category: "Street lighting" }, categories);
  const other = demoClassification(promptOf(again), toolInputSchema(schema));
  expect(other.category).not.toBe("Street lighting");
  // Without categories: priority and sentiment only, still valid.
  const none = classificationToolSchema([]);
  expect(() =>
    none.parse(demoClassification(promptOf(renderClassificationPrompt(source, [])), toolInputSchema(none))),
  ).not.toThrow();
});

test("reply draft: a letter from the record, signed by the organisation", () => {
  const p = renderReplyDraftPrompt(source, { language: "nl", tone: "formal", organisation: "Gemeente & Co" });
  const prompt = promptOf(p);
  expect(isReplyDraftPrompt(prompt)).toBe(true);
  const letter = demoReplyDraft(prompt);
  expect(letter).toMatch(/^Dear resident,/);
  expect(letter).toContain("“Street lighting out on Elm Road”");
  expect(letter).toContain("Called the utility <again>.");
  expect(letter).toContain("Gemeente & Co");
  expect(letter).toContain("written in Dutch");
  expect(isReplyDraftPrompt(promptOf({ system: "You summarise", messages: [] }))).toBe(false);
});

test("intake: the writer and the request out of the letter, valid for the real schema", () => {
  const schema = intakeToolSchema(["Housing", "Noise"]);
  const letter =
    "Dear sir or madam,\nMy name is Maria Jansen. The noise from the bar next door keeps us awake every night. Call me on +32 470 99 88 77 or write to maria@example.org.";
  const p = { system: "", messages: [{ role: "user", content: `<letter>${letter}</letter>` }] };
  const value = schema.parse(demoIntake(promptOf(p), toolInputSchema(schema)));
  expect(value.citizen).toEqual({
    firstName: "Maria",
    lastName: "Jansen",
    email: "maria@example.org",
    phone: "+32 470 99 88 77",
  });
  expect(value.case.title).toBe("The noise from the bar next door keeps us awake every night");
  expect(value.case.category).toBe("Noise");
});
