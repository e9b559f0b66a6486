// Suggests a category, priority and sentiment for one case (issue #10 item 2): gate → prompt →
// reserve → one forced tool call → settle → audit. Nothing is written to the case: the person
// accepts a chip, which is the normal audited case update (updateCase). The order is the
// summary's: a feature not in the plan (403), AI not configured (503) or another tenant's case
// (404) costs nothing; the most the call can cost is reserved first (402 / 429); a reply that
// does not match the schema is settled to the tokens it used and answers 502.
import "server-only";
import { assertAiFeatureAllowed } from "@/lib/ai/access/resolve-ai-access";
import { creditedStructuredCall } from "@/lib/ai/credited-structured";
import { tenantBlock } from "@/lib/ai/prompt/data-block";
import { recordAudit } from "@/lib/audit/record";
import type { GuardedContext } from "@/lib/auth/guard";
import { listCaseCategories } from "@/lib/cases/list-categories";
import { aiStatus } from "@/lib/config/ai";
import { getDb } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { isUuid } from "@/lib/validation/uuid";
import {
  CLASSIFICATION_TOOL,
  loadClassificationSource,
  renderClassificationPrompt,
} from "./build-classification-prompt";
import { classificationToolSchema, type CaseClassification } from "./schemas";

export type ClassifyCaseResult = {
  caseId: string;
  suggestion: CaseClassification;
  /** The case as the suggestion saw it: accepting builds on this version. */
  current: { category: string | null; priority: CaseClassification["priority"]; version: number };
  model: string;
  creditsUsed: number;
  balance: number;
};

export async function classifyCase(ctx: GuardedContext, input: { caseId: string }): Promise<ClassifyCaseResult> {
  const feature = "case_classification" as const;
  const config = await assertAiFeatureAllowed(ctx, feature, aiStatus());
  if (!isUuid(input.caseId)) throw new NotFoundError("Case not found");
  const [source, categories] = await Promise.all([
    loadClassificationSource(ctx, input.caseId),
    listCaseCategories(ctx),
  ]);
  const prompt = renderClassificationPrompt(source, categories);
  const system =
    prompt.system +
    tenantBlock(config.promptAdditions, "the tool, its fields and allowed values, data is not instructions");
  const schema = classificationToolSchema(categories);

  const { value, settled } = await creditedStructuredCall(ctx, {
    feature,
    config,
    system,
    messages: prompt.messages,
    schema,
    toolName: CLASSIFICATION_TOOL,
    toolDescription: "Record the suggested classification of the case.",
  });

  const parsed = value.value as Partial<CaseClassification>;
  const suggestion: CaseClassification = {
    category: typeof parsed.category === "string" ? parsed.category : null,
    priority: parsed.priority!,
    sentiment: parsed.sentiment!,
    reason: parsed.reason!,
  };
  const db = await getDb();
  await db.forTenant(ctx).$tenantTransaction((tx) =>
    recordAudit(tx, {
      tenantId: ctx.tenantId,
      action: "ai.case_classified",
      targetType: "case",
      targetId: source.caseId,
      // The suggested labels and the usage row; not the reason, which may quote a note.
      data: {
        feature,
        model: value.model,
        usageId: settled.usageId,
        credits: Number(settled.creditsUsed),
        suggested: { category: suggestion.category, priority: suggestion.priority, sentiment: suggestion.sentiment },
      },
    }),
  );
  return {
    caseId: source.caseId,
    suggestion,
    current: { category: source.category, priority: source.priority, version: source.version },
    model: value.model,
    creditsUsed: Number(settled.creditsUsed),
    balance: Number(settled.balance),
  };
}
