// The model's filter → the list's own URL filters, checked by the list's own query schema (the
// one its filter form, saved views and export use), so an interpreted search can never ask the
// list for more than a person could type into the form. Pure: unit-tested.
import { caseListQuerySchema } from "@/lib/cases/schemas";
import { citizenListQuerySchema } from "@/lib/citizens/schemas";
import { resolvePeriod } from "./resolve-period";
import type { CaseSearchReply, CitizenSearchReply, NlSearchList } from "./schemas";

type Reply = (CaseSearchReply | CitizenSearchReply) & { fuzzy?: boolean };

const CASE_KEYS = ["q", "status", "priority", "assignee", "category"] as const;
const CITIZEN_KEYS = ["q", "city", "tag"] as const;

export type ListFilters = { ok: true; filters: Record<string, string> } | { ok: false; problem: string };

/** URL filter values, in the keys of the list's filter form; or why the list would refuse them. */
export function toListFilters(list: NlSearchList, reply: Reply, today: string): ListFilters {
  const out: Record<string, string> = {};
  const values = reply as Record<string, unknown>;
  for (const key of list === "cases" ? CASE_KEYS : CITIZEN_KEYS) {
    const value = values[key];
    if (typeof value === "string" && value.trim() !== "") out[key] = value.trim();
  }
  if (list === "citizens" && reply.fuzzy && out.q) out.mode = "fuzzy";
  // A named period sets both ends; days the request names explicitly win over it.
  if (reply.createdPeriod) Object.assign(out, resolvePeriod(reply.createdPeriod, today));
  if (reply.createdFrom) out.createdFrom = reply.createdFrom;
  if (reply.createdTo) out.createdTo = reply.createdTo;

  const parsed = (list === "cases" ? caseListQuerySchema : citizenListQuerySchema).safeParse(out);
  if (!parsed.success)
    return {
      ok: false,
      problem: `refused by the ${list} list schema: ${parsed.error.issues.map((i) => i.path.join(".")).join(", ")}`,
    };
  if (out.createdFrom && out.createdTo && out.createdFrom > out.createdTo)
    return { ok: false, problem: "createdFrom is after createdTo" };
  return { ok: true, filters: out };
}
