"use client";
// The import, step by step: choose a file → check the column mapping → validate (upload with
// progress) → read the report and choose what to import → done. Each step's heading takes the
// focus when it appears, so keyboard and screen reader users land where the page changed; a
// polite live region says what happened.
import { useFormatNumber } from "@/components/format/format-provider";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { FormAlert } from "@/components/forms/form-alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { ImportMapping, ImportPreview } from "@/lib/citizens/import/schemas";
import {
  ImportApiError,
  cancelJob,
  commitJob,
  estimateRows,
  fetchJob,
  previewFile,
  uploadFile,
  type ImportJob,
} from "./api";
import { ChooseFile } from "./choose-file";
import { CommitPanel, type CommitChoice } from "./commit-panel";
import { ImportReport } from "./import-report";
import { MappingTable, mappingProblems, type MappingTarget } from "./mapping-table";
import { ProgressBar } from "./progress-bar";

type Step =
  | { name: "choose"; busy: boolean; error: string | null }
  | { name: "map"; file: File; preview: ImportPreview; mapping: ImportMapping; error: string | null }
  | { name: "validate"; file: File; preview: ImportPreview; mapping: ImportMapping; jobId: string }
  | { name: "report"; job: ImportJob; error: string | null; pending: "commit" | "cancel" | null }
  | { name: "done"; job: ImportJob };

const messageOf = (err: unknown) => (err instanceof Error ? err.message : "Something went wrong. Try again.");

export function CitizenImport({ slug, targets }: { slug: string; targets: MappingTarget[] }) {
  const count = useFormatNumber();
  const [step, setStep] = useState<Step>({ name: "choose", busy: false, error: null });
  const [announcement, setAnnouncement] = useState("");
  const heading = useRef<HTMLHeadingElement>(null);
  const upload = useRef<{ abort: () => void } | null>(null);

  useEffect(() => {
    if (step.name !== "choose") heading.current?.focus();
  }, [step.name]);
  // Leaving the page mid-upload stops the upload (the server then marks the job failed).
  useEffect(() => () => upload.current?.abort(), []);

  async function choose(file: File) {
    setStep({ name: "choose", busy: true, error: null });
    try {
      const preview = await previewFile(slug, file);
      setStep({ name: "map", file, preview, mapping: preview.suggestedMapping, error: null });
      setAnnouncement(`${preview.columns.length} columns found. Check which field each column fills.`);
    } catch (err) {
      setStep({ name: "choose", busy: false, error: messageOf(err) });
    }
  }

  function validate(s: Extract<Step, { name: "map" }>) {
    const jobId = crypto.randomUUID();
    setStep({ name: "validate", file: s.file, preview: s.preview, mapping: s.mapping, jobId });
    setAnnouncement("Uploading and checking the file.");
    const handle = uploadFile(slug, { file: s.file, mapping: s.mapping, jobId }, () => undefined);
    upload.current = handle;
    handle.done
      .then((job) => {
        setStep({ name: "report", job, error: null, pending: null });
        setAnnouncement(
          `Check finished: ${count(job.validRows)} valid rows, ${count(job.invalidRows)} invalid, ${count(job.duplicates)} possible duplicates.`,
        );
      })
      .catch((err: unknown) => setStep({ ...s, error: messageOf(err) }))
      .finally(() => {
        upload.current = null;
      });
  }

  async function stop(s: Extract<Step, { name: "validate" }>) {
    upload.current?.abort();
    await cancelJob(slug, s.jobId).catch(() => undefined); // not created yet, or already failed
  }

  async function commit(s: Extract<Step, { name: "report" }>, choice: CommitChoice) {
    setStep({ ...s, pending: "commit", error: null });
    try {
      const job = await commitJob(slug, s.job.id, choice);
      setStep({ name: "done", job });
      setAnnouncement(`Imported ${count(job.importedRows)} citizens.`);
    } catch (err) {
      // The job may have changed (failed, or committed from another tab): show where it is.
      const job = (await fetchJob(slug, s.job.id).catch(() => null)) ?? s.job;
      setStep({ name: "report", job, pending: null, error: messageOf(err) });
    }
  }

  async function cancel(s: Extract<Step, { name: "report" }>) {
    setStep({ ...s, pending: "cancel", error: null });
    try {
      await cancelJob(slug, s.job.id);
      setStep({ name: "choose", busy: false, error: null });
      setAnnouncement("Import cancelled. Nothing was imported.");
    } catch (err) {
      setStep({ ...s, pending: null, error: messageOf(err) });
    }
  }

  return (
    <>
      <div role="status" aria-live="polite" className="sr-only">
        {announcement}
      </div>
      {step.name === "choose" ? (
        <Card>
          <CardHeader>
            <CardTitle>1. Choose a file</CardTitle>
            <CardDescription>
              Nothing is imported until you have seen the check of every row and chosen what to import.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <ChooseFile busy={step.busy} error={step.error} onFile={(f) => void choose(f)} />
          </CardContent>
        </Card>
      ) : null}

      {step.name === "map" ? (
        <MapStep
          step={step}
          targets={targets}
          headingRef={heading}
          onChange={(mapping) => setStep({ ...step, mapping })}
          onValidate={() => validate(step)}
          onBack={() => setStep({ name: "choose", busy: false, error: null })}
        />
      ) : null}

      {step.name === "validate" ? (
        <ValidateStep slug={slug} step={step} headingRef={heading} onStop={() => void stop(step)} />
      ) : null}

      {step.name === "report" ? (
        <Card>
          <CardHeader>
            <StepHeading headingRef={heading}>3. Check the report: {step.job.fileName}</StepHeading>
            <CardDescription>
              Invalid rows are never imported. Rows that look like someone already on file can be skipped.
            </CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-6">
            <FormAlert error={step.error ?? (step.job.status === "FAILED" ? step.job.error : null)} />
            <ImportReport slug={slug} job={step.job} />
            {step.job.status === "VALIDATED" ? (
              <CommitPanel
                job={step.job}
                pending={step.pending}
                onCommit={(choice) => void commit(step, choice)}
                onCancel={() => void cancel(step)}
              />
            ) : (
              <Button
                variant="secondary"
                className="self-start"
                onClick={() => setStep({ name: "choose", busy: false, error: null })}
              >
                Start again with another file
              </Button>
            )}
          </CardContent>
        </Card>
      ) : null}

      {step.name === "done" ? (
        <Card>
          <CardHeader>
            <StepHeading headingRef={heading}>
              Imported {count(step.job.importedRows)} citizen{step.job.importedRows === 1 ? "" : "s"}
            </StepHeading>
            <CardDescription>From {step.job.fileName}. The import is on the audit log.</CardDescription>
          </CardHeader>
          <CardContent className="flex flex-wrap gap-3">
            <Link href={`/${slug}/citizens`} className={buttonClasses()}>
              Go to the citizens list
            </Link>
            <Button variant="secondary" onClick={() => setStep({ name: "choose", busy: false, error: null })}>
              Import another file
            </Button>
          </CardContent>
        </Card>
      ) : null}
    </>
  );
}

/** A step's title; it takes the focus when the step appears (tabIndex -1: focusable by script only). */
function StepHeading({
  headingRef,
  children,
}: {
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  children: React.ReactNode;
}) {
  return (
    <h2 ref={headingRef} tabIndex={-1} className="text-base font-semibold text-foreground outline-none">
      {children}
    </h2>
  );
}

function MapStep({
  step,
  targets,
  headingRef,
  onChange,
  onValidate,
  onBack,
}: {
  step: Extract<Step, { name: "map" }>;
  targets: MappingTarget[];
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  onChange: (mapping: ImportMapping) => void;
  onValidate: () => void;
  onBack: () => void;
}) {
  const problems = mappingProblems(step.mapping);
  return (
    <Card>
      <CardHeader>
        <StepHeading headingRef={headingRef}>2. Match the columns: {step.file.name}</StepHeading>
        <CardDescription>
          We guessed from the column names. Choose &ldquo;Don&rsquo;t import&rdquo; for columns you want to leave out.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4 p-0 pb-5">
        <MappingTable
          columns={step.preview.columns}
          sample={step.preview.sample}
          mapping={step.mapping}
          targets={targets}
          onChange={onChange}
        />
        <div className="flex flex-col gap-3 px-5">
          <FormAlert error={step.error} />
          {problems.length > 0 ? (
            <ul id="mapping-problems" className="list-inside list-disc text-sm text-red-700 dark:text-red-300">
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : null}
          <div className="flex flex-wrap gap-3">
            <Button
              onClick={onValidate}
              disabled={problems.length > 0}
              aria-describedby={problems.length > 0 ? "mapping-problems" : undefined}
            >
              Check every row
            </Button>
            <Button variant="ghost" onClick={onBack}>
              Choose another file
            </Button>
          </div>
        </div>
      </CardContent>
    </Card>
  );
}

function ValidateStep({
  slug,
  step,
  headingRef,
  onStop,
}: {
  slug: string;
  step: Extract<Step, { name: "validate" }>;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  onStop: () => void;
}) {
  const count = useFormatNumber();
  const [estimate, setEstimate] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    estimateRows(step.file).then(
      (n) => live && setEstimate(n),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [step.file]);
  // The upload request answers only when every row is checked; meanwhile the job's counters
  // (updated after each batch of 1,000 rows) drive the bar.
  const poll = useQuery({
    queryKey: ["import-job", step.jobId],
    queryFn: () => fetchJob(slug, step.jobId),
    refetchInterval: 500,
    retry: (failures, err) => !(err instanceof ImportApiError && err.status > 0 && err.status < 500) && failures < 3,
    staleTime: 0,
  });
  const checked = poll.data?.totalRows ?? 0;
  const determinate = checked > 0 && estimate !== null;

  return (
    <Card>
      <CardHeader>
        <StepHeading headingRef={headingRef}>Checking {step.file.name}</StepHeading>
        <CardDescription>Every row is checked like a form would be. Nothing is imported yet.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {determinate ? (
          <ProgressBar
            id="import-progress"
            label="Checking rows"
            value={Math.min(99, (checked / estimate) * 100)}
            valueText={`${count(checked)} of about ${count(Math.max(estimate, checked))} rows`}
          />
        ) : (
          <ProgressBar id="import-progress" label="Uploading the file" />
        )}
        <Button variant="secondary" className="self-start" onClick={onStop}>
          Stop
        </Button>
      </CardContent>
    </Card>
  );
}
