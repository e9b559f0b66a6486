// One of the caller's conversations with its turns. Another user's or another tenant's id is
// "not found", like an id that does not exist.
import "server-only";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { isUuid } from "@/lib/validation/uuid";
import type { ChatConversationDetail, ChatTurn } from "./types";

export async function readChatConversation(ctx: TenantContext, id: unknown): Promise<ChatConversationDetail> {
  if (!isUuid(id)) throw new NotFoundError("Conversation not found");
  const db = await getDb();
  const row = await db.forTenant(ctx).chatConversation.findFirst({ where: { id, userId: ctx.userId } });
  if (!row) throw new NotFoundError("Conversation not found");
  return {
    id: row.id,
    title: row.title,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    turns: row.turns as unknown as ChatTurn[],
  };
}
