// Shown on every dashboard page while a payment is overdue: what happens when (AI pauses after
// the grace period; nothing else does) and, for those who can fix it, where.
import Link from "next/link";
import { aiPausedForPayment, aiPausedFrom } from "@/lib/billing/past-due";
import { formatDate, type FormatSettings } from "@/lib/format/format";

export function PastDueBanner({
  since,
  billingHref,
  format,
}: {
  since: Date;
  billingHref: string | null;
  format: FormatSettings;
}) {
  const paused = aiPausedForPayment(since);
  const day = formatDate(aiPausedFrom(since), format);
  return (
    <div
      role="alert"
      className="mb-4 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
    >
      {paused
        ? "A payment is overdue, so AI features are paused. Everything else keeps working."
        : `A payment failed. AI features pause on ${day} unless it is paid; everything else keeps working.`}{" "}
      {billingHref ? (
        <Link href={billingHref} className="font-medium underline">
          Update the payment method
        </Link>
      ) : (
        "An owner or admin of the organisation can update the payment method."
      )}
    </div>
  );
}

/** No credits left: AI features cannot run until the monthly grant or a credit pack. */
export function OutOfCreditsBanner({ billingHref }: { billingHref: string | null }) {
  return (
    <div role="status" className="mb-4 rounded-lg border border-border bg-surface-muted p-3 text-sm text-foreground">
      This organisation has no AI credits left: AI features are unavailable until the next monthly grant or a credit
      purchase. Everything else keeps working.{" "}
      {billingHref ? (
        <Link href={billingHref} className="font-medium underline">
          See plan and credits
        </Link>
      ) : null}
    </div>
  );
}
