"use client";
// Opens a case for one citizen: the one the page came from, or (from the cases list) the one
// chosen in the form's citizen picker. On success the browser goes to the new case's page.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { createCaseAction } from "@/app/(dashboard)/[tenant]/cases/actions";
import { FormAlert } from "@/components/forms/form-alert";
import { useForm } from "@/components/forms/use-form";
import { Button } from "@/components/ui/button";
import { SpinnerIcon } from "@/components/ui/icons";
import { createCaseSchema } from "@/lib/cases/schemas";
import { CaseFields, type Assignee } from "./case-fields";
import { CitizenPicker } from "./citizen-picker";

const EMPTY = { title: "", description: "", category: "", priority: "NORMAL", assigneeId: "", dueAt: "" };

export function NewCaseForm({
  slug,
  citizenId,
  assignees,
  cancelHref,
  initialValues,
  idPrefix = "new-case",
}: {
  slug: string;
  /** The citizen the case is for; absent: the form asks (a citizen picker). */
  citizenId?: string;
  assignees: Assignee[];
  cancelHref: string;
  /** Pre-filled values (intake from a letter): the person reviews them before opening the case. */
  initialValues?: Partial<typeof EMPTY>;
  /** Its fields' ids: unique on the page (the new-case page can hold the plain form and the letter's). */
  idPrefix?: string;
}) {
  const router = useRouter();
  const { formRef, state, isPending, fieldErrors, failure, onSubmit, clearError } = useForm({
    action: async (_prev: Awaited<ReturnType<typeof createCaseAction>> | null, input: Record<string, unknown>) => {
      const result = await createCaseAction(slug, input);
      if (result.ok) router.push(`/${slug}/cases/${result.data.id}`);
      return result;
    },
    initialState: null,
    schema: createCaseSchema,
    read: (data) => Object.fromEntries(data),
  });
  // Stays "pending" while the case page loads, so nobody submits twice.
  const busy = isPending || !!state?.ok;

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-label="Open a case" className="flex flex-col gap-5">
      <FormAlert
        error={failure?.message ?? (citizenId ? fieldErrors?.citizenId?.[0] : null)}
        success={state?.ok ? "Case opened. Opening it…" : null}
      />
      {citizenId ? (
        <input type="hidden" name="citizenId" value={citizenId} />
      ) : (
        <CitizenPicker
          slug={slug}
          idPrefix={idPrefix}
          errors={fieldErrors?.citizenId}
          onPicked={() => clearError("citizenId")}
        />
      )}
      <CaseFields
        idPrefix={idPrefix}
        values={{ ...EMPTY, ...initialValues }}
        fieldErrors={fieldErrors}
        assignees={assignees}
      />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={busy}>
          {busy ? <SpinnerIcon className="size-4" /> : null}
          Open case
        </Button>
        <Link
          href={cancelHref}
          className="text-sm font-medium text-muted-foreground underline-offset-2 hover:text-foreground hover:underline"
        >
          Cancel
        </Link>
      </div>
    </form>
  );
}
