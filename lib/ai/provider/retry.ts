// The retry policy of every provider call (the SDK's own is off: maxRetries 0). The SDK would
// honour any retry-after, even 120 s, inside the user's request; here a wait over
// MAX_HONOURED_RETRY_AFTER_S fails at once so the caller can say "try again in 2 minutes".
import { APIConnectionError, APIError } from "@anthropic-ai/sdk";
import { isAbort, providerError, retryAfterSeconds } from "./errors";

export const BASE_DELAY_MS = 500;
export const MAX_DELAY_MS = 8_000;
export const MAX_HONOURED_RETRY_AFTER_S = 10;

/** 0.5 s·2ⁿ (n = retries already made), at most 8 s, minus up to 25 % jitter. */
export function backoffMs(retry: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** retry);
  return Math.round(base * (1 - 0.25 * random()));
}

export type RetryDecision = { retry: true; delayMs: number } | { retry: false };

/**
 * Whether to try again after `err`, given `retry` retries already made of `maxRetries`.
 * Retried: 408, 409, 429, 5xx (529 overloaded included) and lost connections or timeouts.
 */
export function retryDecision(
  err: unknown,
  retry: number,
  maxRetries: number,
  random: () => number = Math.random,
): RetryDecision {
  if (retry >= maxRetries) return { retry: false };
  let headers: Headers | undefined;
  if (err instanceof APIConnectionError) {
    headers = undefined;
  } else if (err instanceof APIError && typeof err.status === "number") {
    const s = err.status;
    if (!(s === 408 || s === 409 || s === 429 || s >= 500)) return { retry: false };
    headers = err.headers;
  } else {
    return { retry: false };
  }
  const after = retryAfterSeconds(headers);
  if (after !== undefined) {
    if (after > MAX_HONOURED_RETRY_AFTER_S) return { retry: false };
    return { retry: true, delayMs: Math.round(after * 1000) };
  }
  return { retry: true, delayMs: backoffMs(retry, random) };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(timer);
      reject(signal!.reason);
    }
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Runs `attempt` until it succeeds, retrying per retryDecision; the final failure is mapped to
 * an AppError (providerError). An abort is rethrown as it is, never retried.
 */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  opts: { maxRetries: number; signal?: AbortSignal; onRetry?: (retry: number, delayMs: number) => void },
): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      return await attempt();
    } catch (err) {
      if (isAbort(err, opts.signal)) throw err;
      const decision = retryDecision(err, retry, opts.maxRetries);
      if (!decision.retry) throw providerError(err);
      opts.onRetry?.(retry + 1, decision.delayMs);
      await sleep(decision.delayMs, opts.signal);
    }
  }
}
