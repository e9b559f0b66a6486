"use client";
// A button for a destructive or weighty action (remove, revoke, leave): the first press asks
// "are you sure?" in place, the second runs the server action. Errors show beside it.
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { SpinnerIcon } from "@/components/ui/icons";
import type { ActionResult } from "@/lib/auth/guard";

type Props = {
  label: string;
  confirmLabel: string;
  /** Names the thing acted on, for screen readers ("Remove Jane Doe"). */
  accessibleName?: string;
  run: () => Promise<ActionResult<unknown>>;
  onDone?: (result: ActionResult<unknown>) => void;
  variant?: "danger" | "secondary";
};

export function ConfirmActionButton({
  label,
  confirmLabel,
  accessibleName,
  run,
  onDone,
  variant = "secondary",
}: Props) {
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function confirm() {
    startTransition(async () => {
      const result = await run();
      if (result.ok) {
        setAsking(false);
        setError(null);
      } else setError(result.message);
      onDone?.(result);
    });
  }

  return (
    <span className="inline-flex flex-wrap items-center justify-end gap-2">
      {asking ? (
        <>
          <Button
            size="sm"
            variant="danger"
            onClick={confirm}
            disabled={pending}
            aria-label={accessibleName ? `${confirmLabel}: ${accessibleName}` : undefined}
          >
            {pending ? <SpinnerIcon className="size-4" /> : null}
            {confirmLabel}
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setAsking(false)} disabled={pending}>
            Cancel
          </Button>
        </>
      ) : (
        <Button
          size="sm"
          variant={variant}
          onClick={() => setAsking(true)}
          aria-label={accessibleName ? `${label} ${accessibleName}` : undefined}
        >
          {label}
        </Button>
      )}
      {error ? (
        <span role="alert" className="w-full text-right text-sm text-red-700 dark:text-red-300">
          {error}
        </span>
      ) : null}
    </span>
  );
}
