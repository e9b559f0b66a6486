// Inputs of the chat (no server-only imports: the widget's form uses the same schema).
import { z } from "zod";
import { text } from "@/lib/validation/text";
import { MAX_CHAT_SQL_LENGTH } from "./sql-guard/limits";

export const MAX_CHAT_QUESTION_LENGTH = 1_000;

export const askChatSchema = z.object({
  question: text(MAX_CHAT_QUESTION_LENGTH, { multiline: true, tooLong: "Ask in at most 1,000 characters" }).min(
    1,
    "Type a question",
  ),
  conversationId: z.string().uuid("Unknown conversation").optional(),
});
export type AskChatInput = z.infer<typeof askChatSchema>;

/** The run_sql tool's input: one SELECT; the guard judges it, the schema only bounds it. */
export const runSqlToolSchema = z.object({
  sql: text(MAX_CHAT_SQL_LENGTH, { multiline: true }).min(1),
});
