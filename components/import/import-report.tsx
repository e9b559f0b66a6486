"use client";

import { useFormatNumber } from "@/components/format/format-provider";
import Link from "next/link";
import { useInfiniteQuery } from "@tanstack/react-query";
import { ErrorAlert } from "@/components/admin/alert";
import { Button } from "@/components/ui/button";
import { SpinnerIcon } from "@/components/ui/icons";
import {
  IMPORT_FIELD_LABELS,
  type CitizenImportField,
  type ImportMapping,
  type ImportReportCell,
} from "@/lib/citizens/import/schemas";
import { fetchReport, type ImportJob } from "./api";

/** "email" → "Email (column "E-mail")"; "customFields.member_no" → the custom field's column. */
function fieldName(field: string, mapping: ImportMapping): string {
  if (field === "row") return "Line";
  const target = field.startsWith("customFields.") ? `cf.${field.slice("customFields.".length)}` : field.split(".")[0]!;
  const column = Object.entries(mapping).find(([, t]) => t === target)?.[0];
  const label = IMPORT_FIELD_LABELS[target as CitizenImportField] ?? target.replace(/^cf\./, "");
  return column && column !== label ? `${label} (column “${column}”)` : label;
}

/** An invalid row's values as read from the file ("—" for a row with no mapped value). */
function RowValues({ cells }: { cells: ImportReportCell[] }) {
  if (cells.length === 0) return <span className="text-muted-foreground">—</span>;
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5">
      {cells.map((c) => (
        <div key={c.field} className="contents">
          <dt className="text-muted-foreground">{cellLabel(c.field)}</dt>
          <dd className={c.masked ? "break-all text-muted-foreground" : "break-all text-foreground"}>{c.value}</dd>
        </div>
      ))}
    </dl>
  );
}

const cellLabel = (field: string) => IMPORT_FIELD_LABELS[field as CitizenImportField] ?? field.replace(/^cf\./, "");

/** Counts, then the invalid rows and the duplicates, 50 at a time. */
export function ImportReport({ slug, job }: { slug: string; job: ImportJob }) {
  const count = useFormatNumber();
  return (
    <div className="flex flex-col gap-6">
      <dl className="grid gap-3 sm:grid-cols-3">
        <Count label="Valid rows" value={job.validRows} hint={`of ${count(job.totalRows)} in the file`} />
        <Count
          label="Invalid rows"
          value={job.invalidRows}
          hint={job.invalidRows ? "listed below with the reason" : "none"}
          warning={job.invalidRows > 0}
        />
        <Count
          label="Look like existing citizens"
          value={job.duplicates}
          hint={job.duplicates ? "or repeat an earlier row; listed below" : "none"}
        />
      </dl>
      {job.invalidRows > 0 ? <ReportTable slug={slug} job={job} kind="invalid" /> : null}
      {job.duplicates > 0 ? <ReportTable slug={slug} job={job} kind="duplicates" /> : null}
    </div>
  );
}

function Count({
  label,
  value,
  hint,
  warning = false,
}: {
  label: string;
  value: number;
  hint: string;
  warning?: boolean;
}) {
  const count = useFormatNumber();
  return (
    <div className="rounded-xl border border-border bg-surface p-4">
      <dt className="text-sm font-medium text-muted-foreground">{label}</dt>
      <dd
        className={
          warning
            ? "mt-1 text-2xl font-semibold text-red-700 tabular-nums dark:text-red-300"
            : "mt-1 text-2xl font-semibold text-foreground tabular-nums"
        }
      >
        {count(value)}
      </dd>
      <dd className="text-xs text-muted-foreground">{hint}</dd>
    </div>
  );
}

function ReportTable({ slug, job, kind }: { slug: string; job: ImportJob; kind: "invalid" | "duplicates" }) {
  const count = useFormatNumber();
  const query = useInfiniteQuery({
    queryKey: ["import-report", job.id, kind],
    queryFn: ({ pageParam }) => fetchReport(slug, job.id, kind, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    staleTime: Infinity,
  });
  const rows = query.data?.pages.flatMap((p) => p.rows) ?? [];
  const title =
    kind === "invalid" ? `Invalid rows (${count(job.invalidRows)})` : `Possible duplicates (${count(job.duplicates)})`;
  const headingId = `report-${kind}`;

  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-2">
      <h3 id={headingId} className="text-sm font-semibold text-foreground">
        {title}
      </h3>
      {query.error ? <ErrorAlert>{query.error.message}</ErrorAlert> : null}
      <div className="max-h-96 overflow-auto rounded-lg border border-border">
        <table className="w-full text-sm">
          <thead className="sticky top-0 border-b border-border bg-surface-muted text-left text-xs tracking-wide text-muted-foreground uppercase">
            <tr>
              <th scope="col" className="w-20 px-3 py-2 font-medium">
                Line
              </th>
              {kind === "invalid" ? (
                <th scope="col" className="px-3 py-2 font-medium">
                  Values
                </th>
              ) : null}
              <th scope="col" className="px-3 py-2 font-medium">
                {kind === "invalid" ? "What is wrong" : "Looks like"}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {rows.map((r) => (
              <tr key={r.line}>
                <td className="px-3 py-2 align-top text-foreground tabular-nums">{r.line}</td>
                {kind === "invalid" ? (
                  <td className="px-3 py-2 align-top">
                    <RowValues cells={r.cells} />
                  </td>
                ) : null}
                <td className="px-3 py-2 align-top">
                  {kind === "invalid" ? (
                    <ul className="flex flex-col gap-0.5">
                      {Object.entries(r.errors ?? {}).map(([field, messages]) => (
                        <li key={field}>
                          <span className="font-medium text-foreground">{fieldName(field, job.mapping)}:</span>{" "}
                          <span className="text-red-700 dark:text-red-300">{[...new Set(messages)].join("; ")}</span>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <span>
                      <span className="text-foreground">{r.name}</span>
                      <span className="text-muted-foreground"> — </span>
                      {r.duplicateOf ? (
                        <Link
                          href={`/${slug}/citizens/${r.duplicateOf}`}
                          className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800 dark:text-brand-300 dark:hover:text-brand-200"
                        >
                          an existing citizen
                        </Link>
                      ) : (
                        <span className="text-muted-foreground">the same person as line {r.duplicateOfLine}</span>
                      )}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {query.isPending ? (
          <p className="flex items-center gap-2 px-3 py-2 text-sm text-muted-foreground">
            <SpinnerIcon className="size-4" /> Loading…
          </p>
        ) : null}
      </div>
      {query.hasNextPage ? (
        <Button
          variant="secondary"
          size="sm"
          className="self-start"
          onClick={() => void query.fetchNextPage()}
          disabled={query.isFetchingNextPage}
        >
          {query.isFetchingNextPage ? <SpinnerIcon className="size-4" /> : null}
          Show more
        </Button>
      ) : null}
    </section>
  );
}
