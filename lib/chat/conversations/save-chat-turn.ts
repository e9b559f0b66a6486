// Appends one answered (or refused) question to its conversation, creating the conversation on
// its first question, and writes `chat.question` (the SQL and the row count, never the rows or
// the question's words) in the same transaction. Only the conversation's owner can add to it.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { storableModelText } from "@/lib/validation/text";
import { MAX_CHAT_TURNS, type ChatTurn } from "./types";

export async function saveChatTurn(
  ctx: TenantContext,
  input: { conversationId: string; isNew: boolean; turn: ChatTurn },
): Promise<void> {
  const turn = { ...input.turn, answer: storableModelText(input.turn.answer) };
  const db = await getDb();
  await db.forTenant(ctx).$tenantTransaction(async (tx) => {
    if (input.isNew) {
      await tx.chatConversation.create({
        data: {
          tenantId: ctx.tenantId,
          id: input.conversationId,
          userId: ctx.userId,
          title: turn.question.replace(/\s+/g, " ").slice(0, 120),
          turns: [turn],
        },
      });
    } else {
      // One statement: two questions answered at once both land (no read-modify-write).
      const updated = await tx.$executeRaw`
        UPDATE chat_conversations
        SET turns = (CASE WHEN jsonb_array_length(turns) >= ${MAX_CHAT_TURNS}
                          THEN turns - 0 ELSE turns END) || ${JSON.stringify([turn])}::jsonb,
            updated_at = now()
        WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ${input.conversationId}::uuid AND user_id = ${ctx.userId}::uuid`;
      if (updated === 0) throw new NotFoundError("Conversation not found");
    }
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      action: "chat.question",
      targetType: "chat_conversation",
      targetId: input.conversationId,
      data: {
        sql: turn.sql,
        rowCount: turn.rowCount,
        truncated: turn.truncated,
        outcome: turn.ok ? "answered" : "refused",
        ...(turn.ok ? {} : { reason: turn.reason }),
      },
    });
  });
}
