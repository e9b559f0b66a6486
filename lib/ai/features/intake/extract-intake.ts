// Intake from a pasted letter or email (issue #10 item 5): gate → redact national IDs → one forced
// tool call that extracts the writer and the request → settle → pre-fill values checked field by
// field against the citizen and case form schemas (a value that would not pass the form is
// dropped, never "fixed") → existing citizens who may be the writer (offered, never assumed) →
// audit event without the letter or what was extracted. Nothing is created: the person reviews
// the pre-filled forms and saves them through the normal audited actions.
import "server-only";
import { assertAiFeatureAllowed } from "@/lib/ai/access/resolve-ai-access";
import { creditedStructuredCall } from "@/lib/ai/credited-structured";
import { dataBlock, dataRule, tenantBlock } from "@/lib/ai/prompt/data-block";
import { recordAudit } from "@/lib/audit/record";
import type { GuardedContext } from "@/lib/auth/guard";
import { listCaseCategories } from "@/lib/cases/list-categories";
import { caseFieldsSchema } from "@/lib/cases/schemas";
import { citizenFieldsSchema } from "@/lib/citizens/schemas";
import { aiStatus } from "@/lib/config/ai";
import { getDb } from "@/lib/db";
import { matchCitizens, type CitizenMatch } from "./match-citizens";
import { redactLetter } from "./redact-letter";
import { intakeToolSchema, type IntakeRequest } from "./schemas";

export const INTAKE_TOOL = "record_intake";

const CITIZEN_FIELDS = ["firstName", "lastName", "email", "phone", "addressLine1", "postalCode", "city"] as const;
const CASE_FIELDS = ["title", "description", "category"] as const;

export type IntakePrefill = {
  citizen: Partial<Record<(typeof CITIZEN_FIELDS)[number], string>>;
  case: Partial<Record<(typeof CASE_FIELDS)[number], string>>;
};

export type IntakeResult = {
  prefill: IntakePrefill;
  matches: CitizenMatch[];
  /** National IDs removed from the letter before it was sent. */
  redactions: number;
  model: string;
  creditsUsed: number;
  balance: number;
};

const SYSTEM = [
  "You read a letter or email sent to an organisation and record who wrote it and what they ask for, by calling the record_intake tool once.",
  dataRule(["letter"], "the intake record"),
  "Copy names and contact details exactly as written; leave out any field the letter does not state. Never invent a value.",
  "The case title is short and has no names; the description says what the writer asks for in a few sentences.",
].join("\n");

/** Each value as the form's own schema would take it; anything the form would refuse is left out. */
function checked<K extends string>(
  shape: Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown } }>,
  keys: readonly K[],
  values: Record<string, unknown>,
): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const raw = values[key];
    if (typeof raw !== "string" || raw.trim() === "") continue;
    const parsed = shape[key]!.safeParse(raw);
    if (parsed.success && typeof parsed.data === "string" && parsed.data !== "") out[key] = parsed.data;
  }
  return out;
}

export async function extractIntake(ctx: GuardedContext, input: IntakeRequest): Promise<IntakeResult> {
  const feature = "intake" as const;
  const config = await assertAiFeatureAllowed(ctx, feature, aiStatus());
  const categories = await listCaseCategories(ctx);
  const { text, redactions } = redactLetter(input.text);
  const schema = intakeToolSchema(categories);
  const list = categories.length ? `\n\n${dataBlock("categories", categories.join("\n"))}` : "";
  const messages = [{ role: "user" as const, content: `${dataBlock("letter", text)}${list}\n\nRecord this intake.` }];
  const system = SYSTEM + tenantBlock(config.promptAdditions, "the tool and its fields, never invent values");

  const { value, settled } = await creditedStructuredCall(ctx, {
    feature,
    config,
    system,
    messages: messages,
    schema,
    toolName: INTAKE_TOOL,
    toolDescription: "Record the writer and the request of the letter.",
  });

  const extracted = value.value as { citizen: Record<string, unknown>; case: Record<string, unknown> };
  const prefill: IntakePrefill = {
    citizen: checked(citizenFieldsSchema.shape, CITIZEN_FIELDS, extracted.citizen),
    case: checked(caseFieldsSchema.shape, CASE_FIELDS, extracted.case),
  };
  const matches = await matchCitizens(ctx, prefill.citizen);
  const db = await getDb();
  await db.forTenant(ctx).$tenantTransaction((tx) =>
    recordAudit(tx, {
      tenantId: ctx.tenantId,
      action: "ai.intake_extracted",
      targetType: "ai_usage",
      targetId: settled.usageId ?? "",
      // Which fields were found and how many matches, never their values (the letter's PII).
      data: {
        feature,
        model: value.model,
        usageId: settled.usageId,
        credits: Number(settled.creditsUsed),
        redactions,
        citizenFields: Object.keys(prefill.citizen),
        caseFields: Object.keys(prefill.case),
        matches: matches.length,
      },
    }),
  );
  return {
    prefill,
    matches,
    redactions,
    model: value.model,
    creditsUsed: Number(settled.creditsUsed),
    balance: Number(settled.balance),
  };
}
