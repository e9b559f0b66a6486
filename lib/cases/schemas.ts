// Inputs of the case operations, shared by forms and server. Client-safe.
import { z } from "zod";
import { isTimeZone } from "@/lib/ai/config/schemas";
import { optionalDay } from "@/lib/validation/date";
import { blankToUndefined, optionalOf, text } from "@/lib/validation/text";
import { CASE_STATUSES } from "./workflow";

export const CASE_PRIORITIES = ["LOW", "NORMAL", "HIGH", "URGENT"] as const;
const statusSchema = z.enum(CASE_STATUSES as [string, ...string[]], { message: "Choose a status" }) as z.ZodType<
  (typeof CASE_STATUSES)[number]
>;

export const caseFieldsSchema = z.object({
  title: text(200, { error: "Enter a title" }).min(3, "At least 3 characters"),
  description: z.preprocess((v) => (v == null ? "" : v), text(10_000, { multiline: true, trim: false })),
  category: optionalOf(text(60)),
  priority: z.preprocess(blankToUndefined, z.enum(CASE_PRIORITIES, { message: "Choose a priority" }).default("NORMAL")),
  assigneeId: z.preprocess(blankToUndefined, z.string().uuid("Choose a member").optional()),
  dueAt: optionalDay(),
});

export const createCaseSchema = caseFieldsSchema.extend({
  citizenId: z.string({ error: "Choose a citizen" }).uuid("Choose a citizen"),
});
export type CreateCaseInput = z.infer<typeof createCaseSchema>;
export const updateCaseSchema = caseFieldsSchema.extend({
  id: z.string().uuid(),
  version: z.coerce.number().int().min(1),
});
export type UpdateCaseInput = z.infer<typeof updateCaseSchema>;

export const changeStatusSchema = z.object({
  id: z.string().uuid(),
  version: z.coerce.number().int().min(1),
  status: statusSchema,
  note: optionalOf(text(2000, { multiline: true })),
});
export type ChangeStatusInput = z.infer<typeof changeStatusSchema>;
export const assignCaseSchema = z.object({
  id: z.string().uuid(),
  version: z.coerce.number().int().min(1),
  assigneeId: z.preprocess(blankToUndefined, z.string().uuid().optional()),
});
export const addNoteSchema = z.object({
  id: z.string().uuid(),
  body: text(5000, { error: "Write a note", multiline: true }).min(1, "Write a note"),
});

export const CASE_SORTS = ["newest", "oldest", "due"] as const;
export const caseListQuerySchema = z.object({
  status: z.preprocess(blankToUndefined, z.union([statusSchema, z.literal("open"), z.literal("overdue")]).optional()),
  priority: z.preprocess(blankToUndefined, z.enum(CASE_PRIORITIES).optional()),
  /** A member id, or "me" / "none". */
  assignee: z.preprocess(blankToUndefined, z.union([z.string().uuid(), z.literal("me"), z.literal("none")]).optional()),
  citizenId: z.preprocess(blankToUndefined, z.string().uuid().optional()),
  category: optionalOf(text(60, { trim: false })),
  q: optionalOf(text(200)),
  createdFrom: optionalDay(),
  createdTo: optionalDay(),
  resolvedFrom: optionalDay(),
  resolvedTo: optionalDay(),
  /**
   * The IANA zone the created/resolved days are counted in (absent: UTC). The daily briefing
   * links with its own zone, so "yesterday's 12 new cases" opens exactly those 12 cases.
   */
  tz: z.preprocess(
    blankToUndefined,
    text(64).refine(isTimeZone, "Use a time zone such as Europe/Amsterdam").optional(),
  ),
  sort: z.preprocess(blankToUndefined, z.enum(CASE_SORTS).default("newest")),
  cursor: optionalOf(text(500)),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type CaseListQuery = z.infer<typeof caseListQuerySchema>;
