"use client";
// Editing a case's details. The form keeps only what the user changed ("edits") on top of the
// newest known case, so fields they did not touch follow changes made meanwhile (a quick
// reassignment, a refresh). Saving sends the version the edits build on; when someone else saved
// first, the server answers CONFLICT and the user chooses:
// - "Reload their version": drop the edits and show the case as it now is;
// - "Keep my edits": reload, then save the edits again on the new version. Fields the user did
//   not touch keep the other person's values, so only real clashes are overwritten.
// The new version comes from reloading the page's data rather than from the failure's
// details.currentVersion: the form also needs the other person's values, or the fields the user
// did not touch would be saved back with this form's stale copy of them.
import { useRouter } from "next/navigation";
import { useEffect, useEffectEvent, useState, useTransition } from "react";
import { updateCaseAction } from "@/app/(dashboard)/[tenant]/cases/actions";
import { FormAlert } from "@/components/forms/form-alert";
import { useForm } from "@/components/forms/use-form";
import { Button } from "@/components/ui/button";
import { AlertIcon, SpinnerIcon } from "@/components/ui/icons";
import { updateCaseSchema } from "@/lib/cases/schemas";
import type { CaseSnapshot } from "@/lib/cases/snapshot";
import { CaseFields, type Assignee, type CaseFieldName, type CaseFieldValues } from "./case-fields";
import { useCaseState } from "./case-state";

type Phase = "editing" | "conflict" | "merging" | "resubmit";

function fieldValues(c: CaseSnapshot): CaseFieldValues {
  return {
    title: c.title,
    description: c.description,
    category: c.category ?? "",
    priority: c.priority,
    assigneeId: c.assigneeId ?? "",
    dueAt: c.dueAt ?? "",
  };
}

export function EditCaseForm({
  slug,
  assignees,
  currentAssignee,
}: {
  slug: string;
  assignees: Assignee[];
  currentAssignee: Assignee | null;
}) {
  const { current, accept } = useCaseState();
  const router = useRouter();
  const [edits, setEdits] = useState<Partial<CaseFieldValues>>({});
  const [phase, setPhase] = useState<Phase>("editing");
  const [refreshing, startRefresh] = useTransition();

  const theirs = fieldValues(current);
  const values: CaseFieldValues = { ...theirs, ...edits };
  const dirty = (Object.keys(edits) as CaseFieldName[]).some((k) => edits[k] !== theirs[k]);

  const { formRef, state, isPending, fieldErrors, failure, submit, resend } = useForm({
    action: async (_prev: Awaited<ReturnType<typeof updateCaseAction>> | null, input: Record<string, unknown>) => {
      const result = await updateCaseAction(slug, input);
      if (result.ok) {
        accept(result.data);
        setEdits({});
        setPhase("editing");
      } else setPhase(result.code === "CONFLICT" ? "conflict" : "editing");
      return result;
    },
    initialState: null,
    schema: updateCaseSchema,
  });

  const payload = () => ({ ...values, id: current.id, version: current.version });

  // "Keep my edits": once the reload has brought the newest case (and its version), save the
  // same edits again (they passed the schema when first sent); the answer ends the "resubmit" phase.
  if (phase === "merging" && !refreshing) setPhase("resubmit");
  const resubmit = useEffectEvent(() => resend(payload()));
  useEffect(() => {
    if (phase === "resubmit") resubmit();
  }, [phase]);

  function reloadTheirs() {
    setEdits({});
    setPhase("editing");
    startRefresh(() => router.refresh());
  }

  function keepMine() {
    setPhase("merging");
    startRefresh(() => router.refresh());
  }

  const busy = isPending || phase === "merging" || phase === "resubmit";
  const conflict = phase === "conflict";

  return (
    <form
      ref={formRef}
      noValidate
      aria-label="Edit case details"
      className="flex flex-col gap-5"
      onSubmit={(e) => {
        e.preventDefault();
        submit(payload());
      }}
    >
      <div role="alert">
        {conflict ? (
          <div className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900 dark:border-amber-400/30 dark:bg-amber-400/10 dark:text-amber-100">
            <p className="flex items-center gap-2 font-semibold">
              <AlertIcon className="size-4" />
              Someone else changed this case
            </p>
            <p className="mt-1">
              They saved after you started editing, so your changes were not saved. Reload their version (your edits are
              dropped), or keep your edits: they are saved over the newest version, and fields you did not change keep
              their values.
            </p>
            <div className="mt-3 flex flex-wrap gap-2">
              <Button size="sm" variant="secondary" onClick={reloadTheirs} disabled={refreshing}>
                Reload their version
              </Button>
              <Button size="sm" onClick={keepMine} disabled={refreshing}>
                Keep my edits
              </Button>
            </div>
          </div>
        ) : null}
      </div>
      {/* A conflict is the panel's to explain (and stays settled once the user has chosen). */}
      <FormAlert
        error={failure?.code === "CONFLICT" ? null : failure?.message}
        success={state?.ok && !dirty ? "Changes saved." : null}
      />
      <CaseFields
        idPrefix="edit-case"
        values={values}
        fieldErrors={fieldErrors}
        assignees={assignees}
        currentAssignee={currentAssignee}
        onChange={(name, value) => setEdits((prev) => ({ ...prev, [name]: value }))}
      />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={busy || refreshing || conflict || !dirty}>
          {busy ? <SpinnerIcon className="size-4" /> : null}
          Save changes
        </Button>
        {dirty && !busy ? (
          <Button variant="ghost" onClick={() => setEdits({})}>
            Discard changes
          </Button>
        ) : null}
        <span role="status" className="text-sm text-muted-foreground">
          {busy ? "Saving…" : refreshing ? "Loading the newest version…" : dirty ? "Unsaved changes" : ""}
        </span>
      </div>
    </form>
  );
}
