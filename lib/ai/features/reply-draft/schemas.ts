// The reply draft route's body (no server-only imports): optionally the language to write in;
// without it the citizen's preferred language, else the tenant's default (AI settings).
import { z } from "zod";
import { REPLY_LANGUAGES } from "@/lib/ai/config/schemas";

export const replyDraftRequestSchema = z
  .object({ language: z.enum(REPLY_LANGUAGES, { message: "Choose a language" }).optional() })
  .strict();

export type ReplyDraftRequest = z.infer<typeof replyDraftRequestSchema>;
export type ReplyLanguage = (typeof REPLY_LANGUAGES)[number];

export function isReplyLanguage(value: string): value is ReplyLanguage {
  return (REPLY_LANGUAGES as readonly string[]).includes(value);
}
