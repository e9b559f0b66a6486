// Filters of the billing page's credit ledger and its CSV export: one schema for both. Input
// arrives as URL query parameters (a GET form, links), so every field is a string and an empty
// one means "not set". Client-safe: no server imports.
import { z } from "zod";
import { AI_FEATURES } from "@/lib/ai/features";
import { CreditLedgerKind } from "@/lib/generated/prisma/enums";
import { day as calendarDay } from "@/lib/validation/date";

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => {
    if (v === null) return undefined;
    if (typeof v !== "string") return v;
    const trimmed = v.trim();
    return trimmed === "" ? undefined : trimmed;
  }, schema.optional());

export const LEDGER_KINDS = Object.values(CreditLedgerKind) as CreditLedgerKind[];

/** A day in the calendar, YYYY-MM-DD, read in the tenant's time zone (list-ledger-entries.ts). */
const day = calendarDay({ message: "Use a date like 2026-01-31" });

/**
 * The page cursor: the last entry of the previous page as `<created_at ms>.<id>` (keyset on
 * created_at, id, newest first: stable while entries are added, and entries written in the same
 * millisecond are neither skipped nor repeated).
 */
const CURSOR = /^(\d{1,15})\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export const ledgerQuerySchema = z
  .object({
    kind: optional(z.enum(LEDGER_KINDS, { error: "Choose a kind from the list" })),
    feature: optional(z.enum(AI_FEATURES, { error: "Choose an AI feature from the list" })),
    from: optional(day),
    to: optional(day),
    cursor: optional(z.string().max(60).regex(CURSOR, "Not a valid page cursor")),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.from > q.to)
      ctx.addIssue({ code: "custom", path: ["to"], message: "The end date is before the start date" });
  });

export type LedgerQueryInput = z.input<typeof ledgerQuerySchema>;
export type LedgerQuery = z.output<typeof ledgerQuerySchema>;
export const LEDGER_FILTER_KEYS = ["kind", "feature", "from", "to"] as const;
export type LedgerFilters = Pick<LedgerQuery, (typeof LEDGER_FILTER_KEYS)[number]>;

type ParamSource = URLSearchParams | Record<string, string | string[] | undefined>;

/** The schema's keys from URLSearchParams or Next's `searchParams` (first value of a repeat). */
export function ledgerQueryParams(source: ParamSource): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const key of [...LEDGER_FILTER_KEYS, "cursor"]) {
    const raw = source instanceof URLSearchParams ? (source.get(key) ?? undefined) : source[key];
    out[key] = Array.isArray(raw) ? raw[0] : raw;
  }
  return out;
}

/** Only the filters that are set (for links and the export's audit event). */
export function activeLedgerFilters(query: Partial<LedgerQuery>): Partial<LedgerFilters> {
  const out: Record<string, string> = {};
  for (const key of LEDGER_FILTER_KEYS) if (query[key]) out[key] = query[key]!;
  return out as Partial<LedgerFilters>;
}

/** A query string that keeps the filters; `cursor` adds the page. */
export function ledgerSearchString(query: Partial<LedgerQuery>, cursor?: string | null): string {
  const params = new URLSearchParams(activeLedgerFilters(query) as Record<string, string>);
  if (cursor) params.set("cursor", cursor);
  const s = params.toString();
  return s ? `?${s}` : "";
}

export function ledgerCursor(entry: { createdAt: Date; id: string }): string {
  return `${entry.createdAt.getTime()}.${entry.id}`;
}

export function parseLedgerCursor(cursor: string): { at: Date; id: string } {
  const m = CURSOR.exec(cursor)!;
  return { at: new Date(Number(m[1])), id: m[2]! };
}
