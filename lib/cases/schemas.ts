// Inputs of the case operations, shared by forms and server. Client-safe.
import { z } from "zod";
import { CASE_STATUSES } from "./workflow";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v === null ? undefined : v);
export const CASE_PRIORITIES = ["LOW", "NORMAL", "HIGH", "URGENT"] as const;
const statusSchema = z.enum(CASE_STATUSES as [string, ...string[]], { message: "Choose a status" }) as z.ZodType<(typeof CASE_STATUSES)[number]>;

export const caseFieldsSchema = z.object({
  title: z.string({ error: "Enter a title" }).trim().min(3, "At least 3 characters").max(200, "At most 200 characters"),
  description: z.preprocess((v) => (v == null ? "" : v), z.string().max(10_000, "At most 10,000 characters")),
  category: z.preprocess(blankToUndefined, z.string().trim().max(60, "At most 60 characters").optional()),
  priority: z.preprocess(blankToUndefined, z.enum(CASE_PRIORITIES, { message: "Choose a priority" }).default("NORMAL")),
  assigneeId: z.preprocess(blankToUndefined, z.string().uuid("Choose a member").optional()),
  dueAt: z.preprocess(blankToUndefined, z.iso.date("Use YYYY-MM-DD").optional()),
});

export const createCaseSchema = caseFieldsSchema.extend({ citizenId: z.string({ error: "Choose a citizen" }).uuid("Choose a citizen") });
export type CreateCaseInput = z.infer<typeof createCaseSchema>;
export const updateCaseSchema = caseFieldsSchema.extend({ id: z.string().uuid(), version: z.coerce.number().int().min(1) });
export type UpdateCaseInput = z.infer<typeof updateCaseSchema>;

export const changeStatusSchema = z.object({ id: z.string().uuid(), version: z.coerce.number().int().min(1), status: statusSchema, note: z.preprocess(blankToUndefined, z.string().trim().max(2000).optional()) });
export type ChangeStatusInput = z.infer<typeof changeStatusSchema>;
export const assignCaseSchema = z.object({ id: z.string().uuid(), version: z.coerce.number().int().min(1), assigneeId: z.preprocess(blankToUndefined, z.string().uuid().optional()) });
export const addNoteSchema = z.object({ id: z.string().uuid(), body: z.string({ error: "Write a note" }).trim().min(1, "Write a note").max(5000, "At most 5,000 characters") });

export const CASE_SORTS = ["newest", "oldest", "due"] as const;
export const caseListQuerySchema = z.object({
  status: z.preprocess(blankToUndefined, z.union([statusSchema, z.literal("open"), z.literal("overdue")]).optional()),
  priority: z.preprocess(blankToUndefined, z.enum(CASE_PRIORITIES).optional()),
  /** A member id, or "me" / "none". */
  assignee: z.preprocess(blankToUndefined, z.union([z.string().uuid(), z.literal("me"), z.literal("none")]).optional()),
  citizenId: z.preprocess(blankToUndefined, z.string().uuid().optional()),
  category: z.preprocess(blankToUndefined, z.string().max(60).optional()),
  q: z.preprocess(blankToUndefined, z.string().trim().max(200).optional()),
  createdFrom: z.preprocess(blankToUndefined, z.iso.date("Use YYYY-MM-DD").optional()),
  createdTo: z.preprocess(blankToUndefined, z.iso.date("Use YYYY-MM-DD").optional()),
  sort: z.preprocess(blankToUndefined, z.enum(CASE_SORTS).default("newest")),
  cursor: z.preprocess(blankToUndefined, z.string().max(500).optional()),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type CaseListQuery = z.infer<typeof caseListQuerySchema>;
