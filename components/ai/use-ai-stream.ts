"use client";
// useAiStream: POSTs to an AI route and reads its SSE body (lib/ai/stream/protocol.ts) as it
// arrives. cancel() aborts the fetch, which closes the connection; the server then aborts the
// upstream model call and bills only what was produced. retry() repeats the last start().
import { useCallback, useEffect, useReducer, useRef } from "react";
import { decodeAiFrames } from "@/lib/ai/stream/protocol";
import { aiErrorFromBody, aiStreamReducer, initialAiStreamState, type AiStreamState } from "./ai-stream-reducer";

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
    void (async () => {
      try {
        const response = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", accept: "text/event-stream" },
          body: JSON.stringify(body ?? {}),
          signal: abort.signal,
        });
        if (!response.ok || !response.body) {
          const json: unknown = await response.json().catch(() => null);
          dispatch({ type: "http_error", run, error: aiErrorFromBody(response.status, json) });
          return;
        }
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = "";
        let finished = false;
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          const { frames, rest } = decodeAiFrames(buffer + value);
          buffer = rest;
          for (const frame of frames) {
            dispatch({ type: "frame", run, frame });
            if (frame.event !== "text") finished = true;
          }
        }
        if (!finished) dispatch({ type: "ended", run });
      } catch (error) {
        if (abort.signal.aborted) return; // cancel() already moved the state
        dispatch({
          type: "http_error",
          run,
          error: {
            code: "NETWORK_ERROR",
            message: error instanceof Error && error.message ? `Network error: ${error.message}` : "Network error",
          },
        });
      }
    })();
  }, []);

  const cancel = useCallback(() => {
    dispatch({ type: "cancel", run: runs.current });
    controller.current?.abort();
  }, []);

  const retry = useCallback(() => {
    if (last.current) start(last.current.url, last.current.body);
  }, [start]);

  // Leaving the page cancels a running stream (and so the upstream call).
  useEffect(() => () => controller.current?.abort(), []);

  return { state, start, cancel, retry };
}
