"use client";

import { useId, useState } from "react";
import { FieldError } from "@/components/ui/field-error";
import { SpinnerIcon } from "@/components/ui/icons";
import { Label } from "@/components/ui/label";
import { MAX_IMPORT_BYTES } from "@/lib/citizens/import/schemas";

/** Step 1: pick a CSV. Size and type are checked here first; the server checks again. */
export function ChooseFile({
  busy,
  error,
  onFile,
}: {
  busy: boolean;
  error: string | null;
  onFile: (file: File) => void;
}) {
  const id = useId();
  const [localError, setLocalError] = useState<string | null>(null);
  const message = localError ?? error;

  function choose(event: React.ChangeEvent<HTMLInputElement>) {
    const file = event.currentTarget.files?.[0];
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES)
      setLocalError(
        `This file is ${(file.size / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it into smaller files.`,
      );
    else if (file.size === 0) setLocalError("This file is empty.");
    else if (!/\.(csv|txt)$/i.test(file.name) && !/csv|text\/plain/.test(file.type))
      setLocalError("Choose a CSV file (.csv).");
    else {
      setLocalError(null);
      onFile(file);
    }
    // The same file can be chosen again after fixing it.
    event.currentTarget.value = "";
  }

  return (
    <div className="flex flex-col gap-2">
      <Label htmlFor={`${id}-file`}>CSV file</Label>
      <input
        id={`${id}-file`}
        type="file"
        accept=".csv,text/csv"
        onChange={choose}
        disabled={busy}
        aria-invalid={message ? true : undefined}
        aria-describedby={`${id}-hint${message ? ` ${id}-error` : ""}`}
        className="block w-full text-sm text-foreground file:mr-3 file:rounded-lg file:border file:border-border file:bg-surface file:px-3 file:py-2 file:text-sm file:font-medium file:text-foreground hover:file:bg-surface-muted disabled:opacity-60"
      />
      <p id={`${id}-hint`} className="text-sm text-muted-foreground">
        UTF-8 CSV (&ldquo;CSV UTF-8&rdquo; in Excel), comma-separated, with a header row naming the columns; up to{" "}
        {MAX_IMPORT_BYTES / 1024 / 1024} MB. Each row needs at least a first and a last name.
      </p>
      {busy ? (
        <p className="flex items-center gap-2 text-sm text-muted-foreground" role="status">
          <SpinnerIcon className="size-4" /> Reading the first rows…
        </p>
      ) : null}
      <FieldError id={`${id}-error`} messages={message ? [message] : undefined} />
    </div>
  );
}
