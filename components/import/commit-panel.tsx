"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { SpinnerIcon } from "@/components/ui/icons";
import type { ImportJob } from "./api";

export type CommitChoice = { mode: "all" | "valid_only"; skipDuplicates: boolean };

const count = (n: number) => new Intl.NumberFormat().format(n);
const rows = (n: number) => `${count(n)} row${n === 1 ? "" : "s"}`;

/**
 * Step 4: the user's choice. "Import all" is all or nothing, so it is unavailable (with the
 * reason next to it) while any row is invalid; "only the valid rows" leaves those out.
 */
export function CommitPanel({
  job,
  pending,
  onCommit,
  onCancel,
}: {
  job: ImportJob;
  pending: "commit" | "cancel" | null;
  onCommit: (choice: CommitChoice) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [skipDuplicates, setSkipDuplicates] = useState(job.duplicates > 0);
  const importable = job.validRows - (skipDuplicates ? job.duplicates : 0);
  const allBlocked = job.invalidRows > 0;

  return (
    <div className="flex flex-col gap-4">
      {job.duplicates > 0 ? (
        <div className="flex items-start gap-2">
          <input
            id={`${id}-skip`}
            type="checkbox"
            checked={skipDuplicates}
            onChange={(e) => setSkipDuplicates(e.currentTarget.checked)}
            className="mt-0.5 size-4 rounded border-border accent-brand-600"
          />
          <label htmlFor={`${id}-skip`} className="text-sm text-foreground">
            Skip rows that look like existing citizens ({count(job.duplicates)})
            <span className="block text-muted-foreground">
              Same email, national ID, or name and date of birth as a citizen on file or an earlier row of the file.
            </span>
          </label>
        </div>
      ) : null}

      <div className="flex flex-wrap items-start gap-3">
        <div className="flex flex-col gap-1">
          <Button
            onClick={() => onCommit({ mode: "all", skipDuplicates })}
            disabled={allBlocked || pending !== null || importable === 0}
            aria-describedby={allBlocked ? `${id}-all-why` : undefined}
          >
            {pending === "commit" ? <SpinnerIcon className="size-4" /> : null}
            Import all {rows(skipDuplicates ? job.totalRows - job.duplicates : job.totalRows)}
          </Button>
          {allBlocked ? (
            <p id={`${id}-all-why`} className="max-w-xs text-xs text-muted-foreground">
              Unavailable: {rows(job.invalidRows)} {job.invalidRows === 1 ? "is" : "are"} not valid, and an import is
              never done half. Fix the file and upload it again, or import only the valid rows.
            </p>
          ) : null}
        </div>
        {allBlocked ? (
          <Button
            variant="secondary"
            onClick={() => onCommit({ mode: "valid_only", skipDuplicates })}
            disabled={pending !== null || importable === 0}
          >
            {pending === "commit" ? <SpinnerIcon className="size-4" /> : null}
            Import only the {count(importable)} valid row{importable === 1 ? "" : "s"}
          </Button>
        ) : null}
        <Button variant="ghost" onClick={onCancel} disabled={pending !== null}>
          {pending === "cancel" ? <SpinnerIcon className="size-4" /> : null}
          Cancel
        </Button>
      </div>
    </div>
  );
}
