// One of the caller's chat conversations: read it, delete it. Anyone else's id answers 404.
import { NextResponse } from "next/server";
import { withTenant } from "@/lib/auth/guard";
import { deleteChatConversation } from "@/lib/chat/conversations/delete-chat-conversation";
import { readChatConversation } from "@/lib/chat/conversations/read-chat-conversation";

export const dynamic = "force-dynamic";

type Params = { tenant: string; conversationId: string };

export const GET = withTenant<Params>("ai.use", async (_req, ctx, params) => {
  return NextResponse.json({ conversation: await readChatConversation(ctx, params.conversationId) });
});

export const DELETE = withTenant<Params>("ai.use", async (_req, ctx, params) => {
  await deleteChatConversation(ctx, params.conversationId);
  return new NextResponse(null, { status: 204 });
});
