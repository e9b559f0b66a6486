"use client";

import { useFormatNumber } from "@/components/format/format-provider";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { SpinnerIcon } from "@/components/ui/icons";
import type { ImportJob } from "./api";

export type CommitChoice = { mode: "all" | "valid_only"; skipDuplicates: boolean };

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
  const count = useFormatNumber();
  const rows = (n: number) => `${count(n)} row${n === 1 ? "" : "s"}`;
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
              Scored as a likely duplicate of a citizen on file (the same score as the duplicates review), or the same
              email, national ID, or name and date of birth as an earlier row of the file. Rows you import anyway are
              listed in the duplicates review, to merge or dismiss.
            </span>
          </label>
        </div>
      ) : null}

      {importable === 0 ? (
        // Never "Import all 0 rows": say why there is nothing to import and what to do instead.
        <p className="text-sm text-foreground" role="status">
          {job.validRows === 0
            ? "No row of this file can be imported: fix the rows listed above and upload the file again."
            : "Every valid row looks like an existing citizen, and those are skipped: there is nothing left to import."}
        </p>
      ) : null}
      <div className="flex flex-wrap items-start gap-3">
        {/* The choice that can be made is the primary button; "Import all" stays in sight, disabled with its reason. */}
        {allBlocked && importable > 0 ? (
          <Button onClick={() => onCommit({ mode: "valid_only", skipDuplicates })} disabled={pending !== null}>
            {pending === "commit" ? <SpinnerIcon className="size-4" /> : null}
            Import only the {count(importable)} valid row{importable === 1 ? "" : "s"}
          </Button>
        ) : null}
        {importable > 0 ? (
          <div className="flex flex-col gap-1">
            <Button
              variant={allBlocked ? "secondary" : "primary"}
              onClick={() => onCommit({ mode: "all", skipDuplicates })}
              disabled={allBlocked || pending !== null}
              aria-describedby={allBlocked ? `${id}-all-why` : undefined}
            >
              {pending === "commit" && !allBlocked ? <SpinnerIcon className="size-4" /> : null}
              Import all {rows(importable + job.invalidRows)}
            </Button>
            {allBlocked ? (
              <p id={`${id}-all-why`} className="max-w-xs text-xs text-muted-foreground">
                Unavailable: {rows(job.invalidRows)} {job.invalidRows === 1 ? "is" : "are"} not valid, and an import is
                never done half. Fix the file and upload it again, or import only the valid rows.
              </p>
            ) : null}
          </div>
        ) : null}
        <Button variant="ghost" onClick={onCancel} disabled={pending !== null}>
          {pending === "cancel" ? <SpinnerIcon className="size-4" /> : null}
          Cancel
        </Button>
      </div>
    </div>
  );
}
