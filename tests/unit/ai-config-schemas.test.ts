// The per-feature AI settings union: the settings form and every read of the JSONB column parse
// with it, so its defaults and its messages are the contract for both.
import { AI_FEATURES } from "@/lib/ai/features";
import {
  aiFeatureSettingsSchema,
  allDefaultAiFeatureSettings,
  defaultAiFeatureSettings,
} from "@/lib/ai/config/schemas";
import { fieldErrorsFromZod } from "@/lib/errors/from-zod";

function errorsOf(input: unknown) {
  const r = aiFeatureSettingsSchema.safeParse(input);
  if (r.success) throw new Error("expected a failure");
  return fieldErrorsFromZod(r.error);
}

describe("AI feature settings", () => {
  it.each(AI_FEATURES)("%s: defaults parse and round-trip", (feature) => {
    const d = defaultAiFeatureSettings(feature);
    expect(d.feature).toBe(feature);
    expect(d).toMatchObject({
      enabled: true,
      model: "claude-haiku-4-5",
      promptAdditions: "",
      monthlyCreditLimit: null,
    });
    expect(aiFeatureSettingsSchema.parse(JSON.parse(JSON.stringify(d)))).toEqual(d);
  });

  it("has feature-specific defaults", () => {
    expect(defaultAiFeatureSettings("reply_draft")).toMatchObject({ tone: "neutral", defaultLanguage: "en" });
    expect(defaultAiFeatureSettings("briefing")).toMatchObject({ timeOfDay: "07:00", timeZone: "UTC" });
    expect(allDefaultAiFeatureSettings()).toHaveLength(AI_FEATURES.length);
  });

  it("coerces what a form sends", () => {
    const parsed = aiFeatureSettingsSchema.parse({
      feature: "briefing",
      enabled: "false",
      model: "claude-sonnet-4-5",
      maxTokens: "900",
      temperature: "0.7",
      promptAdditions: "  Mention open deadlines.  ",
      monthlyCreditLimit: "",
      perUserMonthlyCreditLimit: "250",
      timeOfDay: " 18:30 ",
      timeZone: "Europe/Amsterdam",
      viaBatch: "true",
    });
    expect(parsed).toEqual({
      feature: "briefing",
      enabled: false,
      model: "claude-sonnet-4-5",
      maxTokens: 900,
      temperature: 0.7,
      promptAdditions: "Mention open deadlines.",
      monthlyCreditLimit: null,
      perUserMonthlyCreditLimit: 250,
      timeOfDay: "18:30",
      timeZone: "Europe/Amsterdam",
      viaBatch: true,
    });
    // The batch route is the tenant's explicit choice: off unless ticked.
    expect(defaultAiFeatureSettings("briefing").viaBatch).toBe(false);
    expect(aiFeatureSettingsSchema.safeParse({ feature: "briefing", viaBatch: "maybe" }).success).toBe(false);
    expect(aiFeatureSettingsSchema.parse({ feature: "chat", enabled: "on" }).enabled).toBe(true);
  });

  it.each([
    [{ model: "gpt-4" }, "model", "Choose one of the listed models"],
    [{ maxTokens: "10" }, "maxTokens", "At least 64 tokens"],
    [{ maxTokens: "100000" }, "maxTokens", "At most 8,192 tokens"],
    [{ maxTokens: "1.5" }, "maxTokens", "Enter a whole number of tokens"],
    [{ temperature: "1.2" }, "temperature", "Between 0 and 1"],
    [{ temperature: "-0.1" }, "temperature", "Between 0 and 1"],
    [{ temperature: "warm" }, "temperature", "Enter a number between 0 and 1"],
    [{ promptAdditions: "x".repeat(1_001) }, "promptAdditions", "At most 1,000 characters"],
    [{ monthlyCreditLimit: "0" }, "monthlyCreditLimit", "At least 1 credit, or leave empty for no limit"],
    [
      { perUserMonthlyCreditLimit: "abc" },
      "perUserMonthlyCreditLimit",
      "Enter a whole number of credits, or leave empty for no limit",
    ],
  ])("refuses %j with a field error", (bad, field, message) => {
    expect(errorsOf({ feature: "case_summary", ...bad })[field]).toEqual([message]);
  });

  it("refuses feature-specific values", () => {
    expect(errorsOf({ feature: "reply_draft", tone: "rude" }).tone).toEqual(["Choose a tone"]);
    expect(errorsOf({ feature: "reply_draft", defaultLanguage: "xx" }).defaultLanguage).toEqual(["Choose a language"]);
    for (const t of ["24:00", "7:00", "07:60", "0700", ""])
      expect(errorsOf({ feature: "briefing", timeOfDay: t }).timeOfDay).toEqual([
        "Enter a time as HH:MM, from 00:00 to 23:59",
      ]);
    for (const z of ["Mars/Olympus", "Europe/Amsterdam'; --", "", "../etc"])
      expect(errorsOf({ feature: "briefing", timeZone: z }).timeZone).toEqual([
        "Enter a time zone such as Europe/Amsterdam",
      ]);
    expect(
      aiFeatureSettingsSchema.parse({ feature: "briefing", timeZone: "America/Argentina/Buenos_Aires" }),
    ).toMatchObject({
      timeZone: "America/Argentina/Buenos_Aires",
    });
  });

  it("refuses an unknown feature", () => {
    expect(aiFeatureSettingsSchema.safeParse({ feature: "telepathy" }).success).toBe(false);
  });

  it("drops fields of other features", () => {
    expect(aiFeatureSettingsSchema.parse({ feature: "chat", tone: "formal" })).not.toHaveProperty("tone");
  });
});
