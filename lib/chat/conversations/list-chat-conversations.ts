// The caller's own conversations, newest first (colleagues' are never listed).
import "server-only";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import type { ChatConversationSummary } from "./types";

export async function listChatConversations(ctx: TenantContext): Promise<ChatConversationSummary[]> {
  const db = await getDb();
  const rows = await db.forTenant(ctx).chatConversation.findMany({
    where: { userId: ctx.userId },
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    take: 50,
    select: { id: true, title: true, createdAt: true, updatedAt: true },
  });
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() }));
}
