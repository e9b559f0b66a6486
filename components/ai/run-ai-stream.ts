// One run of an AI stream, without React: POST, then decode the SSE body frame by frame into
// reducer actions. Kept apart from the hook so it is tested with a real Response in Node.
import { CHARGE_URL_HEADER, decodeAiFrames } from "@/lib/ai/stream/protocol";
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
    const chargeUrl = response.headers.get(CHARGE_URL_HEADER);
    if (chargeUrl) dispatch({ type: "charge_url", run, url: chargeUrl });
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

/** How long a cancelled run waits for its settle: the server settles on the socket close (~6 ms). */
const CHARGE_POLLS = [100, 200, 400, 800, 1600];

/**
 * After a cancel: read what the produced tokens cost from the run's charge URL, asking again
 * while the server is still settling. Gives up quietly (the ledger still has the entry).
 */
export async function readCancelledCharge({
  url,
  run,
  dispatch,
  fetchImpl = fetch,
  wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
}: {
  url: string;
  run: number;
  dispatch: (action: AiStreamAction) => void;
  fetchImpl?: typeof fetch;
  wait?: (ms: number) => Promise<void>;
}) {
  for (const delay of CHARGE_POLLS) {
    await wait(delay);
    const response = await fetchImpl(url, { headers: { accept: "application/json" } }).catch(() => null);
    if (!response?.ok) return;
    const body = (await response.json().catch(() => null)) as {
      charge?: { status?: string; creditsUsed?: unknown; balance?: unknown };
    } | null;
    const charge = body?.charge;
    if (charge?.status === "open") continue;
    if (typeof charge?.creditsUsed === "number" && typeof charge.balance === "number")
      dispatch({ type: "charged", run, creditsUsed: charge.creditsUsed, balance: charge.balance });
    return;
  }
}
