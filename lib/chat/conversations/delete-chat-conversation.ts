// Deletes one of the caller's conversations, with `chat.conversation_deleted` in the same
// transaction. Another user's or tenant's id is "not found" and deletes nothing.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { isUuid } from "@/lib/validation/uuid";

export async function deleteChatConversation(ctx: TenantContext, id: unknown): Promise<void> {
  if (!isUuid(id)) throw new NotFoundError("Conversation not found");
  const db = await getDb();
  await db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const { count } = await tx.chatConversation.deleteMany({ where: { id, userId: ctx.userId } });
    if (count === 0) throw new NotFoundError("Conversation not found");
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      action: "chat.conversation_deleted",
      targetType: "chat_conversation",
      targetId: id,
    });
  });
}
