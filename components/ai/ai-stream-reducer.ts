// The state machine behind useAiStream, pure so it is unit-tested without React or fetch.
// A run: start → text* → done | error | cancel. Events of an older run (a retry or a new start
// began meanwhile) are ignored by run id, so a late frame can never write into the new answer.
import type { AiStreamFrame, ChatResultFrame } from "@/lib/ai/stream/protocol";

export type AiStreamStatus = "idle" | "streaming" | "done" | "cancelled" | "error";

export type AiStreamError = { code: string; message: string; details?: Record<string, unknown> };

export type AiStreamState = {
  status: AiStreamStatus;
  run: number;
  text: string;
  error: AiStreamError | null;
  creditsUsed: number | null;
  balance: number | null;
  /** Where the run's charge can be read (a response header), for a cancelled run. */
  chargeUrl: string | null;
  /** The chat's SQL and rows (a `chat_result` frame), when the stream is a chat answer. */
  chatResult: ChatResultFrame | null;
};

export type AiStreamAction =
  | { type: "start"; run: number }
  | { type: "frame"; run: number; frame: AiStreamFrame }
  | { type: "http_error"; run: number; error: AiStreamError }
  | { type: "cancel"; run: number }
  /** The body ended without a done/error frame (connection dropped). */
  | { type: "ended"; run: number }
  | { type: "charge_url"; run: number; url: string }
  /** A cancelled run's charge, read back from its charge URL once settled. */
  | { type: "charged"; run: number; creditsUsed: number; balance: number };

export const initialAiStreamState: AiStreamState = {
  status: "idle",
  run: 0,
  text: "",
  error: null,
  creditsUsed: null,
  balance: null,
  chargeUrl: null,
  chatResult: null,
};

export const AI_NOT_CONFIGURED_MESSAGE = "AI is not configured";

/** The message the UI shows for an error body; 503 AI_NOT_CONFIGURED gets the product's wording. */
export function aiErrorFromBody(status: number, body: unknown): AiStreamError {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  const code = typeof error?.code === "string" ? error.code : status === 402 ? "PAYMENT_REQUIRED" : `HTTP_${status}`;
  if (code === "AI_NOT_CONFIGURED") return { code, message: AI_NOT_CONFIGURED_MESSAGE };
  const message =
    typeof error?.message === "string" && error.message
      ? error.message
      : status === 402
        ? "Not enough credits"
        : "The request failed. Try again.";
  const details =
    error?.details && typeof error.details === "object" ? (error.details as Record<string, unknown>) : undefined;
  return details ? { code, message, details } : { code, message };
}

export function aiStreamReducer(state: AiStreamState, action: AiStreamAction): AiStreamState {
  if (action.type === "start") return { ...initialAiStreamState, status: "streaming", run: action.run };
  if (action.type === "charged")
    return action.run === state.run && state.status === "cancelled" && state.creditsUsed === null
      ? { ...state, creditsUsed: action.creditsUsed, balance: action.balance }
      : state;
  if (action.run !== state.run || state.status !== "streaming") return state;
  switch (action.type) {
    case "frame": {
      const { frame } = action;
      if (frame.event === "text") return { ...state, text: state.text + frame.data.text };
      if (frame.event === "chat_result") return { ...state, chatResult: frame.data };
      if (frame.event === "done")
        return {
          ...state,
          status: frame.data.outcome === "cancelled" ? "cancelled" : "done",
          creditsUsed: frame.data.creditsUsed,
          balance: frame.data.balance,
        };
      // Mid-stream error: the partial text stays, with the error and what it cost.
      return {
        ...state,
        status: "error",
        error: { code: frame.data.error.code, message: frame.data.error.message },
        creditsUsed: frame.data.creditsUsed,
        balance: frame.data.balance,
      };
    }
    case "charge_url":
      return { ...state, chargeUrl: action.url };
    case "http_error":
      return { ...state, status: "error", error: action.error };
    case "cancel":
      return { ...state, status: "cancelled" };
    case "ended":
      return {
        ...state,
        status: "error",
        error: { code: "STREAM_INTERRUPTED", message: "The connection was interrupted before the answer finished." },
      };
  }
}
