// Input schemas for saved views, shared by the views bar (client) and the server actions.
// Client-safe: no server imports.
import { z } from "zod";
import { text } from "@/lib/validation/text";

/** The lists a view can be saved for; each list's read permission guards its views (./access.ts). */
export const SAVED_VIEW_RESOURCES = ["citizens", "cases"] as const;
export type SavedViewResource = (typeof SAVED_VIEW_RESOURCES)[number];

/** Keeps only the list parameters worth saving (no cursor), as strings. */
export const saveViewSchema = z.object({
  name: text(60, { error: "Name the view" }).min(1, "Name the view"),
  shared: z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean()),
  query: z
    .record(text(40), text(200, { trim: false }))
    .transform((q) => Object.fromEntries(Object.entries(q).filter(([k, v]) => v !== "" && k !== "cursor"))),
});
export type SaveViewInput = z.infer<typeof saveViewSchema>;
export const deleteViewSchema = z.object({ id: z.string().uuid() });
export type DeleteViewInput = z.infer<typeof deleteViewSchema>;
