"use client";
// useAiStream: POSTs to an AI route and reads its SSE body (lib/ai/stream/protocol.ts) as it
// arrives. cancel() aborts the fetch, which closes the connection; the server then aborts the
// upstream model call and bills only what was produced. retry() repeats the last start().
import { useCallback, useEffect, useReducer, useRef } from "react";
import { aiStreamReducer, initialAiStreamState, type AiStreamState } from "./ai-stream-reducer";
import { readCancelledCharge, runAiStream } from "./run-ai-stream";

export type UseAiStream = {
  state: AiStreamState;
  start(url: string, body?: unknown): void;
  cancel(): void;
  retry(): void;
};

export function useAiStream(): UseAiStream {
  const [state, dispatch] = useReducer(aiStreamReducer, initialAiStreamState);
  const controller = useRef<AbortController | null>(null);
  const last = useRef<{ url: string; body: unknown } | null>(null);
  const runs = useRef(0);

  const start = useCallback((url: string, body?: unknown) => {
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    last.current = { url, body };
    const run = ++runs.current;
    dispatch({ type: "start", run });
    void runAiStream({ url, body, run, signal: abort.signal, dispatch });
  }, []);

  const cancel = useCallback(() => {
    dispatch({ type: "cancel", run: runs.current });
    controller.current?.abort();
  }, []);

  const retry = useCallback(() => {
    if (last.current) start(last.current.url, last.current.body);
  }, [start]);

  // A cancelled run never gets its `done` frame: ask the server what the produced tokens cost.
  const { status, run, chargeUrl, creditsUsed } = state;
  useEffect(() => {
    if (status === "cancelled" && chargeUrl && creditsUsed === null)
      void readCancelledCharge({ url: chargeUrl, run, dispatch });
  }, [status, run, chargeUrl, creditsUsed]);

  // Leaving the page cancels a running stream (and so the upstream call).
  useEffect(() => () => controller.current?.abort(), []);

  return { state, start, cancel, retry };
}
