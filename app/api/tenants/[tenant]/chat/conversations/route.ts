// The caller's own chat conversations (newest first).
import { NextResponse } from "next/server";
import { withTenant } from "@/lib/auth/guard";
import { listChatConversations } from "@/lib/chat/conversations/list-chat-conversations";

export const dynamic = "force-dynamic";

export const GET = withTenant("ai.use", async (_req, ctx) => {
  return NextResponse.json({ conversations: await listChatConversations(ctx) });
});
