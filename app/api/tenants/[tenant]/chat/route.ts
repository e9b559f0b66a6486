// Asks the chat one question about the tenant's data: SSE frames (lib/ai/stream/protocol.ts),
// a `chat_result` frame (SQL and rows) before the answer's text. The guard takes the tenant
// from the URL; refusals before the stream starts are JSON errors (400 bad input, 402 credits,
// 403 plan or switched off, 404 another user's or tenant's conversation, 503 AI not configured).
import { withTenant } from "@/lib/auth/guard";
import { askChat } from "@/lib/chat/ask-chat";
import { askChatSchema } from "@/lib/chat/schemas";
import { readJsonBody } from "@/lib/http/json-body";

export const dynamic = "force-dynamic";

export const POST = withTenant("ai.use", async (req, ctx) => {
  const input = await readJsonBody(req, askChatSchema, { maxBytes: 16 * 1024 });
  return askChat(ctx, input, req.signal);
});
