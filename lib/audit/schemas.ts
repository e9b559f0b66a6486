// Filters of the audit log viewer, its JSON API and its CSV export: one schema for all three.
// Input arrives as URL query parameters (a GET form, links, API calls), so every field is a
// string and an empty one means "not set". Client-safe: no server imports.
import { z } from "zod";
import { day as calendarDay } from "@/lib/validation/date";
import { text } from "@/lib/validation/text";

/** Treats "", whitespace and null as unset, and trims the rest. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => {
    if (v === null) return undefined;
    if (typeof v !== "string") return v;
    const trimmed = v.trim();
    return trimmed === "" ? undefined : trimmed;
  }, schema.optional());

// Actions are `resource.verb` (`member.role_changed`). A trailing dot asks for the whole
// resource ("member." → every member event); anything else matches exactly.
const ACTION = /^[a-z0-9_]+(\.[a-z0-9_]+)*\.?$/;
/** A day in the calendar, YYYY-MM-DD; read in the tenant's time zone (lib/audit/list.ts). */
const day = calendarDay({ message: "Use a date like 2026-01-31" });
const MAX_SEQ = 9_223_372_036_854_775_807n; // PostgreSQL bigint

export const auditQuerySchema = z
  .object({
    action: optional(text(100).regex(ACTION, "Not a valid action, e.g. member. or member.role_changed")),
    actorId: optional(z.guid("Not a valid user id")),
    targetType: optional(text(64)),
    targetId: optional(text(200)),
    from: optional(day),
    to: optional(day),
    /** The `seq` of the last event of the previous page (keyset pagination, newest first). */
    cursor: optional(
      text(19, { tooLong: "Not a valid page cursor" })
        .regex(/^\d{1,19}$/, "Not a valid page cursor")
        // Checks run on after a failed regex: only convert what is all digits.
        .refine((s) => !/^\d+$/.test(s) || BigInt(s) <= MAX_SEQ, "Not a valid page cursor"),
    ),
    limit: optional(
      z.coerce
        .number({ error: "Give a number" })
        .int("Give a whole number")
        .min(1, "At least 1")
        .max(200, "At most 200"),
    ).transform((n) => n ?? 50),
  })
  .superRefine((q, ctx) => {
    // ISO days compare correctly as strings.
    if (q.from && q.to && q.from > q.to)
      ctx.addIssue({ code: "custom", path: ["to"], message: "The end date is before the start date" });
  });

export type AuditQueryInput = z.input<typeof auditQuerySchema>;
export type AuditQuery = z.output<typeof auditQuerySchema>;

/** The query parameters the schema reads, in the order links write them. */
export const AUDIT_QUERY_KEYS = [
  "action",
  "actorId",
  "targetType",
  "targetId",
  "from",
  "to",
  "cursor",
  "limit",
] as const;
/** The filters proper: what an export or the "newest events" link keeps (no paging). */
export const AUDIT_FILTER_KEYS = ["action", "actorId", "targetType", "targetId", "from", "to"] as const;
export type AuditFilters = Pick<AuditQuery, (typeof AUDIT_FILTER_KEYS)[number]>;

type ParamSource = URLSearchParams | Record<string, string | string[] | undefined>;

/**
 * The schema's keys from URLSearchParams (route handlers) or Next's `searchParams` object
 * (pages); a repeated parameter counts once (its first value), unknown ones are ignored.
 */
export function auditQueryParams(source: ParamSource): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const key of AUDIT_QUERY_KEYS) {
    const raw = source instanceof URLSearchParams ? (source.get(key) ?? undefined) : source[key];
    out[key] = Array.isArray(raw) ? raw[0] : raw;
  }
  return out;
}

export function parseAuditQuery(source: ParamSource) {
  return auditQuerySchema.safeParse(auditQueryParams(source));
}

/** Only the filters that are set, e.g. for the `audit.exported` event. */
export function activeFilters(query: Partial<AuditQuery>): Partial<AuditFilters> {
  const out: Partial<AuditFilters> = {};
  for (const key of AUDIT_FILTER_KEYS) if (query[key]) out[key] = query[key];
  return out;
}

/** A query string for links (pages, export) that keeps the filters; `extra` adds e.g. a cursor. */
export function auditSearchString(query: Partial<AuditQuery>, extra: { cursor?: string | null } = {}): string {
  const params = new URLSearchParams(activeFilters(query) as Record<string, string>);
  if (extra.cursor) params.set("cursor", extra.cursor);
  const qs = params.toString();
  return qs ? `?${qs}` : "";
}

/** The verify-chain action takes no input; the schema keeps the guard's parse step uniform. */
export const verifyChainSchema = z.object({});
