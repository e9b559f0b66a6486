// A chat conversation as its owner sees it (no server-only imports: the widget renders these).
import type { ChatResultFrame } from "@/lib/ai/stream/protocol";

export type ChatTurn = Omit<ChatResultFrame, "conversationId"> & { question: string; answer: string; at: string };

export type ChatConversationSummary = { id: string; title: string; createdAt: string; updatedAt: string };
export type ChatConversationDetail = ChatConversationSummary & { turns: ChatTurn[] };

/** A conversation keeps its last turns only: the history stays readable and the row small. */
export const MAX_CHAT_TURNS = 50;
