"use client";
// Opens a case for one citizen. On success the browser goes to the new case's page.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { createCaseAction } from "@/app/(dashboard)/[tenant]/cases/actions";
import { FormAlert } from "@/components/forms/form-alert";
import { useForm } from "@/components/forms/use-form";
import { Button } from "@/components/ui/button";
import { SpinnerIcon } from "@/components/ui/icons";
import { createCaseSchema } from "@/lib/cases/schemas";
import { CaseFields, type Assignee } from "./case-fields";

const EMPTY = { title: "", description: "", category: "", priority: "NORMAL", assigneeId: "", dueAt: "" };

export function NewCaseForm({
  slug,
  citizenId,
  assignees,
  cancelHref,
  initialValues,
}: {
  slug: string;
  citizenId: string;
  assignees: Assignee[];
  cancelHref: string;
  /** Pre-filled values (intake from a letter): the person reviews them before opening the case. */
  initialValues?: Partial<typeof EMPTY>;
}) {
  const router = useRouter();
  const { formRef, state, isPending, fieldErrors, failure, onSubmit } = useForm({
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
        error={failure?.message ?? fieldErrors?.citizenId?.[0]}
        success={state?.ok ? "Case opened. Opening it…" : null}
      />
      <input type="hidden" name="citizenId" value={citizenId} />
      <CaseFields
        idPrefix="new-case"
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
