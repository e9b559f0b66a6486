"use client";

import { useFormat } from "@/components/format/format-provider";
import { formatDateTime } from "@/lib/format/format";
// The signed-in person's own chat conversations: open one, delete one (after a confirmation).
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import type { ChatConversationDetail, ChatConversationSummary } from "@/lib/chat/conversations/types";

type Props = {
  base: string;
  openId: string | null;
  onOpen: (detail: ChatConversationDetail) => void;
  onDeleted: (id: string) => void;
};

async function errorOf(res: Response): Promise<string> {
  const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  return body?.error?.message ?? `The request failed (${res.status}).`;
}

export function ChatHistory({ base, openId, onOpen, onDeleted }: Props) {
  const format = useFormat();
  const [items, setItems] = useState<ChatConversationSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    fetch(`${base}/conversations`, { cache: "no-store" })
      .then(async (res) => {
        if (!res.ok) throw new Error(await errorOf(res));
        const body = (await res.json()) as { conversations: ChatConversationSummary[] };
        if (live) setItems(body.conversations);
      })
      .catch((err: unknown) => live && setError(err instanceof Error ? err.message : String(err)));
    return () => {
      live = false;
    };
  }, [base]);

  const open = async (id: string) => {
    setError(null);
    const res = await fetch(`${base}/conversations/${encodeURIComponent(id)}`, { cache: "no-store" });
    if (!res.ok) return setError(await errorOf(res));
    onOpen(((await res.json()) as { conversation: ChatConversationDetail }).conversation);
  };

  const remove = async (id: string) => {
    setError(null);
    const res = await fetch(`${base}/conversations/${encodeURIComponent(id)}`, { method: "DELETE" });
    if (!res.ok && res.status !== 404) return setError(await errorOf(res));
    setConfirming(null);
    setItems((list) => list?.filter((c) => c.id !== id) ?? null);
    onDeleted(id);
  };

  return (
    <div className="flex flex-1 flex-col gap-2 overflow-y-auto px-4 py-3">
      <h3 className="text-sm font-medium">Your conversations</h3>
      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
      {items === null && !error ? <p className="text-sm text-muted-foreground">Loading…</p> : null}
      {items?.length === 0 ? <p className="text-sm text-muted-foreground">No conversations yet.</p> : null}
      <ul className="flex flex-col gap-1">
        {items?.map((c) => (
          <li key={c.id} className="flex items-center gap-2 rounded-lg border border-border px-2 py-1.5">
            <button
              type="button"
              onClick={() => void open(c.id)}
              aria-current={c.id === openId ? "true" : undefined}
              className="flex min-w-0 flex-1 flex-col text-left text-sm hover:underline"
            >
              <span className="truncate">{c.title}</span>
              <span className="text-xs text-muted-foreground">{formatDateTime(new Date(c.updatedAt), format)}</span>
            </button>
            {confirming === c.id ? (
              <>
                <Button variant="danger" size="sm" onClick={() => void remove(c.id)}>
                  Delete
                </Button>
                <Button variant="ghost" size="sm" onClick={() => setConfirming(null)}>
                  Keep
                </Button>
              </>
            ) : (
              <Button variant="ghost" size="sm" aria-label={`Delete “${c.title}”`} onClick={() => setConfirming(c.id)}>
                Delete
              </Button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
