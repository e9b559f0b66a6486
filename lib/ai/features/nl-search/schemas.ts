// Natural-language search's shapes (issue #11 item 1; no server-only imports): the tools the
// model must call, one per list, made of the lists' existing filters and nothing else — never
// SQL. Each is built per tenant where it must be (cases: its categories and assignable members) and is `.strict()`:
// a reply with a field outside it, a value of the wrong type or one outside the enums is refused
// as a whole (AiReplyShapeError → 502 with a plain message), never partly applied.
import { z } from "zod";
import { CASE_PRIORITIES } from "@/lib/cases/schemas";
import { CASE_STATUSES } from "@/lib/cases/workflow";
import { text } from "@/lib/validation/text";

export const NL_SEARCH_LISTS = ["cases", "citizens"] as const;
export type NlSearchList = (typeof NL_SEARCH_LISTS)[number];

export const NL_SEARCH_TEXT_MAX = 300;

export const nlSearchRequestSchema = z
  .object({
    text: text(NL_SEARCH_TEXT_MAX, {
      error: "Describe what you are looking for",
      tooLong: `Describe what you are looking for in at most ${NL_SEARCH_TEXT_MAX} characters`,
    }).min(3, "Describe what you are looking for in a few words"),
  })
  .strict();
export type NlSearchRequest = z.infer<typeof nlSearchRequestSchema>;

/** Relative periods the model names; the server turns them into days (resolve-period.ts). */
export const PERIODS = [
  "today",
  "yesterday",
  "this_week",
  "last_week",
  "this_month",
  "last_month",
  "last_7_days",
  "last_30_days",
  "last_90_days",
  "this_year",
  "last_year",
] as const;
export type Period = (typeof PERIODS)[number];

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a day as YYYY-MM-DD")
  .describe("A calendar day, YYYY-MM-DD");

/**
 * Words of a search as the list searches them: letters (any script), digits, spaces and the
 * punctuation of names and places. A value with SQL in it (quotes, semicolons, comment marks,
 * brackets, operators) is not a search a person typed: the reply is refused.
 */
const words = (max: number) =>
  text(max)
    .min(1)
    .regex(/^[\p{L}\p{N}][\p{L}\p{N} .,'’\-/&]*$/u, "plain words only");

const ignored = z
  .array(text(80).min(1))
  .max(10)
  .describe("Each word or phrase of the request that no field above can express, as written; empty if none");

const period = {
  createdPeriod: z.enum(PERIODS).optional().describe("When it was created, relative to today"),
  createdFrom: day.optional().describe("Created on or after this day (for dates the request names)"),
  createdTo: day.optional().describe("Created on or before this day"),
};

type Member = { id: string; name: string };

const oneOf = (values: readonly string[]) => z.enum(values as [string, ...string[]]);

/** The cases list's filters (lib/cases/schemas.ts caseListQuerySchema), for this tenant. */
export function caseSearchToolSchema(input: { categories: readonly string[]; members: readonly Member[] }) {
  const assignees = ["me", "none", ...input.members.map((m) => m.id)];
  return z
    .object({
      q: words(100).optional().describe("Words to find in case titles"),
      status: z
        .enum(["open", "overdue", ...CASE_STATUSES] as [string, ...string[]])
        .optional()
        .describe("open = not yet resolved or closed; overdue = past its due date; or one exact status"),
      priority: z.enum(CASE_PRIORITIES).optional(),
      assignee: oneOf(assignees)
        .optional()
        .describe("me = the person searching; none = unassigned; or the id of a member in <members>"),
      ...(input.categories.length
        ? { category: oneOf(input.categories).optional().describe("One of the categories in <categories>") }
        : {}),
      ...period,
      ignored,
    })
    .strict();
}

/** The citizens list's filters (lib/citizens/schemas.ts citizenListQuerySchema), for this tenant. */
export function citizenSearchToolSchema() {
  return z
    .object({
      q: words(100).optional().describe("Words to find in names, places, tags and notes"),
      fuzzy: z.boolean().optional().describe("true when the request asks for names similar to or spelled like q"),
      city: words(100).optional().describe("The place the citizen lives in, as written"),
      tag: words(40).optional().describe("A tag, exactly as the request names it"),
      ...period,
      ignored,
    })
    .strict();
}

export type CaseSearchReply = z.infer<ReturnType<typeof caseSearchToolSchema>>;
export type CitizenSearchReply = z.infer<ReturnType<typeof citizenSearchToolSchema>>;

export type NlSearchResult = {
  /** The list's own URL filters (the same keys its filter form and saved views use). */
  filters: Record<string, string>;
  ignored: string[];
  model: string;
  creditsUsed: number;
  balance: number;
};
