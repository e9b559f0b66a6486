// The cases list's URL: which search params are filters, and links that keep them. Filters stay
// in the URL so a view can be bookmarked, shared, and works without JavaScript.
import type { CaseListQuery } from "@/lib/cases/schemas";

export const CASE_FILTER_KEYS = [
  "q",
  "status",
  "priority",
  "assignee",
  "category",
  "createdFrom",
  "createdTo",
  "resolvedFrom",
  "resolvedTo",
  "tz",
  "sort",
  "citizenId",
  "limit",
] as const;
export type CaseFilterKey = (typeof CASE_FILTER_KEYS)[number];
export type CaseFilterValues = Partial<Record<CaseFilterKey | "cursor", string>>;

type SearchParams = Record<string, string | string[] | undefined>;

/** The list's params as plain strings (the first of a repeated key); unknown keys dropped. */
export function rawCaseParams(searchParams: SearchParams): CaseFilterValues {
  const out: CaseFilterValues = {};
  for (const key of [...CASE_FILTER_KEYS, "cursor"] as const) {
    const value = searchParams[key];
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[key] = first;
  }
  return out;
}

/** The filters a parsed query applies, as URL values; defaults left out to keep links short. */
export function activeCaseFilters(query: CaseListQuery): Partial<Record<CaseFilterKey, string>> {
  const out: Partial<Record<CaseFilterKey, string>> = {};
  for (const key of CASE_FILTER_KEYS) {
    const value = query[key];
    if (value === undefined || value === "") continue;
    if (key === "sort" && value === "newest") continue;
    if (key === "limit" && value === 50) continue;
    out[key] = String(value);
  }
  return out;
}

/** `/acme/cases?status=open&cursor=…`: the filters, plus a page cursor when given. */
export function casesHref(basePath: string, filters: Partial<Record<CaseFilterKey, string>>, cursor?: string): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  if (cursor) params.set("cursor", cursor);
  const search = params.toString();
  return search ? `${basePath}?${search}` : basePath;
}
