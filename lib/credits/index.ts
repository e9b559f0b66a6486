// AI credits (DESIGN.md invariant 4): reserve before a call, settle to actual tokens after,
// refund what was not used. The balance moves only through credit_ledger inserts.
export { grantCredits, type GrantCreditsInput, type GrantKind } from "./grant-credits";
export { heartbeatReservation } from "./heartbeat-reservation";
export { readCreditBalance, type CreditBalanceView } from "./read-credit-balance";
export { recordBatchUsage, type BatchUsageRow } from "./record-batch-usage";
export { releaseReservation } from "./release-reservation";
export {
  reserveCredits,
  type CreditContext,
  type MonthlyLimits,
  type Reservation,
  type ReserveCreditsInput,
} from "./reserve-credits";
export { settleReservation, type SettleInput, type SettleResult, type UsageOutcome } from "./settle-reservation";
export { STALE_RESERVATION_MINUTES, sweepStaleReservations } from "./sweep-stale-reservations";
export { withAiCredits, type CreditMeter } from "./with-ai-credits";
