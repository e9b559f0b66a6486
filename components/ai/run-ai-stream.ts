// One run of an AI stream, without React: POST, then decode the SSE body frame by frame into
// reducer actions. Kept apart from the hook so it is tested with a real Response in Node.
import { decodeAiFrames } from "@/lib/ai/stream/protocol";
import { aiErrorFromBody, type AiStreamAction } from "./ai-stream-reducer";

export type RunAiStreamOptions = {
  url: string;
  body: unknown;
  run: number;
  signal: AbortSignal;
  dispatch: (action: AiStreamAction) => void;
  fetchImpl?: typeof fetch;
};

export async function runAiStream({ url, body, run, signal, dispatch, fetchImpl = fetch }: RunAiStreamOptions) {
  try {
    const response = await fetchImpl(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify(body ?? {}),
      signal,
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
    if (signal.aborted) return; // cancel() already moved the state
    dispatch({
      type: "http_error",
      run,
      error: {
        code: "NETWORK_ERROR",
        message: error instanceof Error && error.message ? `Network error: ${error.message}` : "Network error",
      },
    });
  }
}
