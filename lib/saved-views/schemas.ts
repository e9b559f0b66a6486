// Input schemas for saved views, shared by the views bar (client) and the server actions.
// Client-safe: no server imports.
import { z } from "zod";

/** The lists a view can be saved for; each list's read permission guards its views (./access.ts). */
export const SAVED_VIEW_RESOURCES = ["citizens", "cases"] as const;
export type SavedViewResource = (typeof SAVED_VIEW_RESOURCES)[number];

/** Keeps only the list parameters worth saving (no cursor), as strings. */
export const saveViewSchema = z.object({
  name: z.string({ error: "Name the view" }).trim().min(1, "Name the view").max(60, "At most 60 characters"),
  shared: z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean()),
  query: z.record(z.string(), z.string().max(200)).transform((q) => Object.fromEntries(Object.entries(q).filter(([k, v]) => v !== "" && k !== "cursor"))),
});
export type SaveViewInput = z.infer<typeof saveViewSchema>;
export const deleteViewSchema = z.object({ id: z.string().uuid() });
export type DeleteViewInput = z.infer<typeof deleteViewSchema>;
