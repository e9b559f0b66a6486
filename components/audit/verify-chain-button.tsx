"use client";
// Runs the chain verification on demand and says what it found. Both live regions are always
// in the page (empty until there is a result) so screen readers announce the outcome: a
// success politely (status), a broken chain at once (alert).
import { useFormatNumber } from "@/components/format/format-provider";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { verifyChainAction } from "@/app/(dashboard)/[tenant]/audit/actions";
import { Button } from "@/components/ui/button";
import { AlertIcon, ShieldIcon, SpinnerIcon } from "@/components/ui/icons";
import type { ChainVerificationResult } from "@/lib/audit/verify-action";

const REASONS: Record<"hash_mismatch" | "broken_link" | "sequence_gap", string> = {
  hash_mismatch: "its contents no longer match its hash (the event was changed)",
  broken_link: "it does not link to the previous event's hash (an earlier event was changed or replaced)",
  sequence_gap: "events before it are missing (a gap in the sequence)",
};

type Outcome = { result: ChainVerificationResult } | { error: string } | null;

export function VerifyChainButton({ slug }: { slug: string }) {
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();

  function verify() {
    startTransition(async () => {
      const response = await verifyChainAction(slug, {});
      setOutcome(response.ok ? { result: response.data } : { error: response.message });
      // The check is itself recorded (audit.chain_verified): show it in the table.
      if (response.ok) router.refresh();
    });
  }

  const result = outcome && "result" in outcome ? outcome.result : null;
  const failure = result && !result.ok ? result : null;
  const error = outcome && "error" in outcome ? outcome.error : null;
  const count = useFormatNumber();

  return (
    <div className="flex flex-col items-start gap-2">
      <Button variant="secondary" onClick={verify} disabled={pending} aria-describedby="verify-chain-result">
        {pending ? <SpinnerIcon className="size-4" /> : <ShieldIcon className="size-4" />}
        {pending ? "Verifying…" : "Verify chain"}
      </Button>
      <div id="verify-chain-result" className="text-sm">
        <div role="status">
          {result?.ok ? (
            <p className="flex items-start gap-2 rounded-lg border border-emerald-300 bg-emerald-50 px-3 py-2 text-emerald-800 dark:border-emerald-400/30 dark:bg-emerald-400/10 dark:text-emerald-200">
              <ShieldIcon className="mt-px size-4" />
              Chain intact: {count(result.checked)} events verified
            </p>
          ) : null}
        </div>
        <div role="alert">
          {failure || error ? (
            <p className="flex items-start gap-2 rounded-lg border border-red-300 bg-red-50 px-3 py-2 text-red-800 dark:border-red-400/30 dark:bg-red-400/10 dark:text-red-200">
              <AlertIcon className="mt-px size-4" />
              <span>
                {failure ? (
                  <>
                    Chain broken at event #{failure.brokenAt.seq} (
                    <span className="font-mono text-xs break-all">{failure.brokenAt.id}</span>) —{" "}
                    {REASONS[failure.brokenAt.reason]}. {count(failure.checked)} events before it verified.
                  </>
                ) : (
                  error
                )}
              </span>
            </p>
          ) : null}
        </div>
      </div>
    </div>
  );
}
