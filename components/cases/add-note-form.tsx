"use client";
// Adds a note to the case's timeline. The page revalidates on success, so the note appears in
// the server-rendered timeline above; the textarea empties only then (never on an error, so a
// long note is not lost).
import { addNoteAction } from "@/app/(dashboard)/[tenant]/cases/actions";
import { FormAlert } from "@/components/forms/form-alert";
import { useForm } from "@/components/forms/use-form";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { SpinnerIcon } from "@/components/ui/icons";
import { Label } from "@/components/ui/label";
import { addNoteSchema } from "@/lib/cases/schemas";
import { textareaClasses } from "./field-styles";

export function AddNoteForm({ slug, caseId }: { slug: string; caseId: string }) {
  const { formRef, state, isPending, fieldErrors, failure, onSubmit } = useForm({
    action: async (_prev: Awaited<ReturnType<typeof addNoteAction>> | null, input: Record<string, unknown>) => {
      const result = await addNoteAction(slug, input);
      if (result.ok) formRef.current?.reset();
      return result;
    },
    initialState: null,
    schema: addNoteSchema,
    read: (data) => Object.fromEntries(data),
  });
  const bodyErrors = fieldErrors?.body;

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-label="Add a note" className="flex flex-col gap-3">
      <input type="hidden" name="id" value={caseId} />
      <div>
        <Label htmlFor="case-note">Add a note</Label>
        <textarea
          id="case-note"
          name="body"
          rows={4}
          maxLength={5000}
          placeholder="What happened, what was agreed, what comes next…"
          aria-invalid={bodyErrors?.length ? true : undefined}
          aria-describedby={bodyErrors?.length ? "case-note-error" : "case-note-help"}
          className={textareaClasses("mt-1.5")}
        />
        <FieldError id="case-note-error" messages={bodyErrors} />
        <p id="case-note-help" className="mt-1.5 text-xs text-muted-foreground">
          Plain text; line breaks are kept. Everyone in the organisation who can see this case can read it.
        </p>
      </div>
      <FormAlert error={failure?.message} success={state?.ok ? "Note added." : null} />
      <div>
        <Button type="submit" disabled={isPending}>
          {isPending ? <SpinnerIcon className="size-4" /> : null}
          Add note
        </Button>
      </div>
    </form>
  );
}
