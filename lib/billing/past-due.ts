// A failed payment starts a grace period: the dashboard shows a past-due banner at once, AI
// calls stop (402) when it ends, everything else keeps working. Pure and client-safe.
export const PAST_DUE_GRACE_DAYS = 7;

const DAY_MS = 86_400_000;

/** When AI pauses for a tenant past due since `since`. */
export function aiPausedFrom(since: Date): Date {
  return new Date(since.getTime() + PAST_DUE_GRACE_DAYS * DAY_MS);
}

export function aiPausedForPayment(pastDueSince: Date | null, now = new Date()): boolean {
  return pastDueSince !== null && aiPausedFrom(pastDueSince) <= now;
}
