"use client";
// Shows a masked personal value; "Reveal" fetches the real one through an audited action
// (every reveal is written to the audit log) and "Hide" masks it again.
import { useState, useTransition } from "react";
import { revealFieldAction } from "@/app/(dashboard)/[tenant]/citizens/actions";
import type { PiiFieldName } from "@/lib/citizens/schemas";

export function PiiReveal({
  slug,
  citizenId,
  field,
  label,
  masked,
  canReveal,
}: {
  slug: string;
  citizenId: string;
  field: PiiFieldName;
  label: string;
  masked: string | null;
  canReveal: boolean;
}) {
  const [value, setValue] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  if (!masked) return <span className="text-muted-foreground">Not on file</span>;
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <span className="font-mono text-sm" aria-live="polite">
        {value ?? masked}
      </span>
      {canReveal ? (
        <button
          type="button"
          className="rounded text-xs font-medium text-brand-700 underline-offset-2 hover:underline dark:text-brand-300"
          // aria-disabled, not disabled: a disabled button loses focus to <body> mid-reveal
          // (issue #13), so the keyboard user would start again from the top of the page.
          aria-disabled={pending || undefined}
          aria-label={value ? `Hide ${label}` : `Reveal ${label}`}
          onClick={() => {
            if (pending) return;
            if (value) return setValue(null);
            startTransition(async () => {
              const result = await revealFieldAction(slug, { id: citizenId, field });
              if (result.ok) {
                setValue(result.data.value ?? "");
                setError(null);
              } else setError(result.message);
            });
          }}
        >
          {pending ? "Revealing…" : value ? "Hide" : "Reveal"}
        </button>
      ) : null}
      {error ? (
        <span role="alert" className="text-xs text-red-700 dark:text-red-300">
          {error}
        </span>
      ) : null}
    </span>
  );
}
