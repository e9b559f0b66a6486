// How every AI panel shows a failed call: the message a person reads, and for 402 the link to
// billing the server put in the error's details. One component, so each panel's error says the
// same thing in the same place.
import type { AiStreamError } from "./ai-stream-reducer";

export function AiErrorAlert({ error, className = "text-sm" }: { error: AiStreamError; className?: string }) {
  const billingUrl = typeof error.details?.billingUrl === "string" ? error.details.billingUrl : null;
  return (
    <div
      role="alert"
      className={`rounded-lg border border-red-300 bg-red-50 p-3 text-red-900 dark:border-red-400/40 dark:bg-red-400/10 dark:text-red-200 ${className}`}
    >
      <p>{error.message}</p>
      {error.code === "PAYMENT_REQUIRED" && billingUrl ? (
        <a href={billingUrl} className="mt-1 inline-block font-medium underline underline-offset-2">
          Buy credits or change plan
        </a>
      ) : null}
    </div>
  );
}
