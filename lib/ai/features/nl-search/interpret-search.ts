// Natural-language search (issue #11 item 1): gate → one forced tool call whose input schema is
// the list's filters for this tenant → the list's own query schema → the filters for the list's
// URL, never run here: the page runs them through its normal, tenant-guarded list query, so an
// interpreted search can see exactly what the person could filter by hand. The model sees the
// request, today's day, the tenant's case categories and (for cases) the names of the members
// cases can be assigned to — no citizen record. Words it could not map come back as `ignored`,
// shown to the person, never guessed. Audited without the request's text (it may name people).
import "server-only";
import { assertAiFeatureAllowed } from "@/lib/ai/access/resolve-ai-access";
import { creditedStructuredCall } from "@/lib/ai/credited-structured";
import { dataBlock, dataRule, tenantBlock } from "@/lib/ai/prompt/data-block";
import { recordAudit } from "@/lib/audit/record";
import type { GuardedContext } from "@/lib/auth/guard";
import { listCaseCategories } from "@/lib/cases/list-categories";
import { listAssignees } from "@/lib/cases/read";
import { aiStatus } from "@/lib/config/ai";
import { getDb } from "@/lib/db";
import { ExternalServiceError } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import { dayIn } from "./resolve-period";
import {
  caseSearchToolSchema,
  citizenSearchToolSchema,
  PERIODS,
  type NlSearchList,
  type NlSearchRequest,
  type NlSearchResult,
} from "./schemas";
import { toListFilters } from "./to-list-filters";

export const NL_SEARCH_TOOL = "apply_list_filter";

/**
 * Tenants have no time zone setting yet: every date the app shows and every day filter it
 * applies is UTC, so "today" is the UTC day too, and relative periods agree with the list.
 */
export const SEARCH_TIME_ZONE = "UTC";

const SYSTEM = (list: NlSearchList) =>
  [
    `You turn a staff member's search request into the filters of the ${list} list, by calling the ${NL_SEARCH_TOOL} tool once.`,
    dataRule(
      ["request", "categories", "members"].filter((t) => list === "cases" || t === "request"),
      "the filter",
    ),
    "Use only the tool's fields. Set a field only when the request clearly asks for it; never guess a value.",
    "Put every word or phrase of the request that no field can express into `ignored`, as written (for example an age, a consent, a vague word such as 'urgent-ish').",
    `For relative dates use createdPeriod (one of ${PERIODS.join(", ")}); for dates the request names, createdFrom/createdTo as YYYY-MM-DD.`,
  ].join("\n");

async function toolFor(ctx: GuardedContext, list: NlSearchList) {
  if (list === "citizens") return { schema: citizenSearchToolSchema(), blocks: "" };
  const [categories, members] = await Promise.all([listCaseCategories(ctx), listAssignees(ctx)]);
  const blocks =
    (categories.length ? `\n\n${dataBlock("categories", categories.join("\n"))}` : "") +
    (members.length ? `\n\n${dataBlock("members", members.map((m) => `${m.id}: ${m.name}`).join("\n"))}` : "");
  return { schema: caseSearchToolSchema({ categories, members }), blocks };
}

export async function interpretSearch(
  ctx: GuardedContext,
  list: NlSearchList,
  input: NlSearchRequest,
  now = new Date(),
): Promise<NlSearchResult> {
  const feature = "nl_search" as const;
  const config = await assertAiFeatureAllowed(ctx, feature, aiStatus());
  const { schema, blocks } = await toolFor(ctx, list);
  const today = dayIn(now, SEARCH_TIME_ZONE);
  const messages = [
    {
      role: "user" as const,
      content: `Today is ${today}.\n\n${dataBlock("request", input.text)}${blocks}\n\nApply the filter for this request.`,
    },
  ];
  const { value, settled } = await creditedStructuredCall(ctx, {
    feature,
    config,
    system: SYSTEM(list) + tenantBlock(config.promptAdditions, "the tool and its fields, never invent values"),
    messages,
    schema,
    toolName: NL_SEARCH_TOOL,
    toolDescription: `Apply filters to the ${list} list.`,
  });

  const mapped = toListFilters(list, value.value, today);
  if (!mapped.ok) {
    logger.warn({ ai_feature: feature, list, problem: mapped.problem }, "interpreted search refused");
    throw new ExternalServiceError(
      "The AI's reading of that search could not be applied to the list. Rephrase it, or use the filters.",
    );
  }
  const ignored = value.value.ignored;
  const db = await getDb();
  await db.forTenant(ctx).$tenantTransaction((tx) =>
    recordAudit(tx, {
      tenantId: ctx.tenantId,
      action: "ai.search_interpreted",
      targetType: "ai_usage",
      targetId: settled.usageId ?? "",
      // Which filters, never their values or the request (either may name a person).
      data: {
        feature,
        list,
        model: value.model,
        usageId: settled.usageId,
        credits: Number(settled.creditsUsed),
        filters: Object.keys(mapped.filters),
        ignored: ignored.length,
      },
    }),
  );
  return {
    filters: mapped.filters,
    ignored,
    model: value.model,
    creditsUsed: Number(settled.creditsUsed),
    balance: Number(settled.balance),
  };
}
