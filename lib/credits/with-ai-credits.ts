// reserve → run → settle, for a non-streamed call. `run` reports the tokens it used through
// the meter as soon as it knows them; a call that throws is still settled to what it used
// (outcome "error", or "cancelled" for an abort) and the rest is refunded, then rethrown.
import "server-only";
import { reserveCredits, type CreditContext, type ReserveCreditsInput } from "./reserve-credits";
import { settleReservation, type SettleResult, type UsageOutcome } from "./settle-reservation";
import type { TokenCounts } from "@/lib/usage/pricing";

export type CreditMeter = {
  readonly reservationId: string;
  readonly credits: bigint;
  /** The tokens used so far (replaces the previous figure); `model` if the call used another. */
  record(usage: TokenCounts, model?: string): void;
};

export async function withAiCredits<T>(
  ctx: CreditContext,
  opts: ReserveCreditsInput,
  run: (meter: CreditMeter) => Promise<T>,
): Promise<{ value: T; settled: SettleResult }> {
  const reservation = await reserveCredits(ctx, opts);
  let usage: TokenCounts = { inputTokens: 0, outputTokens: 0 };
  let model = opts.model;
  const meter: CreditMeter = {
    reservationId: reservation.id,
    credits: reservation.credits,
    record(u, m) {
      usage = u;
      if (m) model = m;
    },
  };
  const started = performance.now();
  const settle = (outcome: UsageOutcome) =>
    settleReservation(ctx, reservation.id, {
      usage,
      model,
      outcome,
      latencyMs: Math.round(performance.now() - started),
      batch: opts.batch,
    });
  let value: T;
  try {
    value = await run(meter);
  } catch (err) {
    const aborted = (err as { name?: string } | null)?.name === "AbortError";
    await settle(aborted ? "cancelled" : "error");
    throw err;
  }
  return { value, settled: await settle("ok") };
}
