"use client";
// The floating "Ask about your data" widget on every tenant page (issue 11 item 2). A dialog:
// focus moves into it and stays there (Tab wraps), Esc closes it and gives focus back to the
// button, and a polite live region says when an answer is being written, is ready, or failed.
// Answers are suggestions over read-only data; the SQL and rows they come from are shown.
import { useCallback, useEffect, useRef, useState } from "react";
import { useAiStream } from "@/components/ai/use-ai-stream";
import { Button } from "@/components/ui/button";
import { ChatIcon, CloseIcon } from "@/components/ui/icons";
import type { ChatConversationDetail } from "@/lib/chat/conversations/types";
import { MAX_CHAT_QUESTION_LENGTH } from "@/lib/chat/schemas";
import { ChatHistory } from "./chat-history";
import { ChatTurn, type ChatTurnView } from "./chat-turn";

const FOCUSABLE =
  'a[href], button:not([disabled]), textarea:not([disabled]), input:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

export function ChatWidget({ tenantSlug }: { tenantSlug: string }) {
  const base = `/api/tenants/${encodeURIComponent(tenantSlug)}/chat`;
  const [open, setOpen] = useState(false);
  const [view, setView] = useState<"chat" | "history">("chat");
  const [question, setQuestion] = useState("");
  const [turns, setTurns] = useState<ChatTurnView[]>([]);
  const [pending, setPending] = useState<string | null>(null);
  const [conversationId, setConversationId] = useState<string | null>(null);
  const { state, start, cancel } = useAiStream();
  const dialog = useRef<HTMLDivElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const streaming = state.status === "streaming";

  const close = useCallback(() => {
    setOpen(false);
    opener.current?.focus();
  }, []);

  useEffect(() => {
    if (open && view === "chat") input.current?.focus();
  }, [open, view]);

  // The conversation the next question joins: the one the last answer was stored in.
  const currentConversationId = (pending ? state.chatResult?.conversationId : undefined) ?? conversationId;
  const announcement =
    state.status === "streaming"
      ? "Asking…"
      : state.status === "done" && state.chatResult
        ? state.chatResult.ok
          ? `Answer ready, ${state.chatResult.rowCount} rows.`
          : "The question could not be answered safely."
        : state.status === "error"
          ? `The question failed: ${state.error?.message ?? ""}`
          : state.status === "cancelled"
            ? "Cancelled."
            : "";

  const live: ChatTurnView | null = pending
    ? {
        question: pending,
        answer: state.text,
        result: state.chatResult,
        streaming,
        error: state.status === "error" ? (state.error?.message ?? "The question failed.") : null,
      }
    : null;

  const ask = (event: { preventDefault(): void }) => {
    event.preventDefault();
    const q = question.trim();
    if (!q || streaming) return;
    if (live) setTurns((t) => [...t, { ...live, streaming: false }]);
    setConversationId(currentConversationId);
    setPending(q);
    setQuestion("");
    start(base, { question: q, ...(currentConversationId ? { conversationId: currentConversationId } : {}) });
  };

  const newConversation = () => {
    if (streaming) cancel();
    setTurns([]);
    setPending(null);
    setConversationId(null);
    setView("chat");
  };

  const openConversation = (detail: ChatConversationDetail) => {
    if (streaming) cancel();
    setTurns(detail.turns.map(({ question: q, answer, at: _at, ...result }) => ({ question: q, answer, result })));
    setPending(null);
    setConversationId(detail.id);
    setView("chat");
  };

  // The focus trap: Tab from the last focusable element goes to the first, and back.
  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      close();
      return;
    }
    if (event.key !== "Tab" || !dialog.current) return;
    const items = [...dialog.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
    if (items.length === 0) return;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <>
      {/* Room below the page's last element, so the floating button never covers it. */}
      <div aria-hidden="true" className="h-16" />
      <button
        ref={opener}
        type="button"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls="chat-widget"
        onClick={() => (open ? close() : setOpen(true))}
        className="fixed right-4 bottom-4 z-40 inline-flex items-center gap-2 rounded-full bg-brand-600 px-4 py-3 text-sm font-medium text-white shadow-lg hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
      >
        <ChatIcon aria-hidden="true" className="size-5" />
        Ask about your data
      </button>
      <p aria-live="polite" role="status" className="sr-only">
        {announcement}
      </p>
      {open ? (
        <div
          ref={dialog}
          id="chat-widget"
          role="dialog"
          aria-modal="true"
          aria-labelledby="chat-widget-title"
          onKeyDown={onKeyDown}
          className="fixed right-4 bottom-20 z-50 flex max-h-[75vh] w-[min(28rem,calc(100vw-2rem))] flex-col rounded-xl border border-border bg-surface text-foreground shadow-2xl"
        >
          <header className="flex items-center justify-between gap-2 border-b border-border px-4 py-2">
            <h2 id="chat-widget-title" className="text-sm font-semibold">
              Ask about your data
            </h2>
            <div className="flex items-center gap-1">
              <Button variant="ghost" size="sm" onClick={() => setView(view === "chat" ? "history" : "chat")}>
                {view === "chat" ? "History" : "Back to chat"}
              </Button>
              <Button variant="ghost" size="sm" onClick={newConversation}>
                New
              </Button>
              <Button variant="ghost" size="icon" aria-label="Close" onClick={close}>
                <CloseIcon aria-hidden="true" className="size-4" />
              </Button>
            </div>
          </header>
          {view === "history" ? (
            <ChatHistory
              base={base}
              openId={currentConversationId}
              onOpen={openConversation}
              onDeleted={(id) => (id === currentConversationId ? newConversation() : undefined)}
            />
          ) : (
            <>
              <div className="flex flex-1 flex-col gap-3 overflow-y-auto px-4 py-3" aria-busy={streaming}>
                {turns.length === 0 && !live ? (
                  <p className="text-sm text-muted-foreground">
                    Ask a question about your cases and citizens, e.g. &ldquo;How many open cases per category?&rdquo;.
                    The answer comes from a read-only query you can inspect; no personal data is used.
                  </p>
                ) : null}
                {turns.map((t, i) => (
                  <ChatTurn key={i} turn={t} />
                ))}
                {live ? <ChatTurn turn={live} /> : null}
                {state.creditsUsed !== null && !streaming && pending ? (
                  <p className="text-xs text-muted-foreground">
                    {state.creditsUsed} {state.creditsUsed === 1 ? "credit" : "credits"} used
                    {state.balance !== null ? ` · ${state.balance} left` : ""}
                  </p>
                ) : null}
              </div>
              <form onSubmit={ask} className="flex items-end gap-2 border-t border-border px-4 py-3">
                <label htmlFor="chat-question" className="sr-only">
                  Your question
                </label>
                <textarea
                  id="chat-question"
                  ref={input}
                  rows={2}
                  maxLength={MAX_CHAT_QUESTION_LENGTH}
                  value={question}
                  onChange={(e) => setQuestion(e.target.value)}
                  onKeyDown={(e) => {
                    if (e.key === "Enter" && !e.shiftKey) ask(e);
                  }}
                  placeholder="How many open cases per category?"
                  className="min-h-10 flex-1 resize-none rounded-lg border border-border bg-surface px-3 py-2 text-sm"
                />
                {streaming ? (
                  <Button variant="secondary" size="sm" onClick={cancel}>
                    Stop
                  </Button>
                ) : (
                  <Button type="submit" size="sm" disabled={!question.trim()}>
                    Ask
                  </Button>
                )}
              </form>
            </>
          )}
        </div>
      ) : null}
    </>
  );
}
