"use client";

import { useEffect, useId, useRef } from "react";
import { setUserDisabledAction } from "@/app/(admin)/admin/actions";
import { useForm } from "@/components/forms/use-form";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { SpinnerIcon } from "@/components/ui/icons";
import { Label } from "@/components/ui/label";
import { setUserDisabledSchema } from "@/lib/admin/schemas";
import { ErrorAlert } from "./alert";

type State = Awaited<ReturnType<typeof setUserDisabledAction>> | null;

type Props = { userId: string; userLabel: string; disabled: boolean };

/**
 * Disable or enable one account, behind a confirmation dialog. Disabling asks for a reason
 * (it goes into the audit log) and says what happens: every session of the user ends now.
 * A native modal <dialog> gives focus containment, Escape and focus return for free.
 */
export function UserStatusControl({ userId, userLabel, disabled }: Props) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const id = useId();
  const {
    formRef,
    state,
    isPending: pending,
    fieldErrors,
    failure,
    onSubmit,
    clearErrors,
  } = useForm({
    action: (_prev: State, formData: FormData) => setUserDisabledAction(formData),
    initialState: null,
    schema: setUserDisabledSchema,
  });
  const reasonError = fieldErrors?.reason;

  useEffect(() => {
    if (!state?.ok) return;
    dialogRef.current?.close();
    // Done: the next opening (the other way round) starts with an empty reason.
    formRef.current?.reset();
  }, [state, formRef]);

  const disabling = !disabled;
  const title = disabling ? `Disable ${userLabel}?` : `Enable ${userLabel}?`;

  return (
    <>
      <Button
        size="sm"
        variant={disabling ? "secondary" : "ghost"}
        aria-haspopup="dialog"
        onClick={() => {
          // Older errors are not shown again on reopening.
          clearErrors();
          dialogRef.current?.showModal();
        }}
      >
        {disabling ? "Disable" : "Enable"}
        <span className="sr-only"> {userLabel}</span>
      </Button>
      <p aria-live="polite" className="sr-only">
        {state?.ok && state.data.changed
          ? state.data.disabled
            ? `${userLabel} disabled.`
            : `${userLabel} enabled.`
          : ""}
      </p>
      <dialog
        ref={dialogRef}
        aria-labelledby={`${id}-title`}
        className="m-auto w-[28rem] max-w-[calc(100vw-2rem)] rounded-xl border border-border bg-surface p-0 text-left text-foreground shadow-xl backdrop:bg-slate-950/50"
      >
        {/* The button stays focusable while busy (aria-disabled): the form hook stops a double submit. */}
        <form ref={formRef} onSubmit={onSubmit} className="flex flex-col gap-4 p-5">
          <h2 id={`${id}-title`} className="text-base font-semibold">
            {title}
          </h2>
          <p className="text-sm font-normal whitespace-normal text-muted-foreground">
            {disabling
              ? "They are signed out everywhere at once and cannot sign in until an admin enables the account again. This is recorded in the platform audit log."
              : "They will be able to sign in again. This is recorded in the platform audit log."}
          </p>
          <input type="hidden" name="userId" value={userId} />
          <input type="hidden" name="disabled" value={disabling ? "true" : "false"} />
          <div>
            <Label htmlFor={`${id}-reason`}>Reason{disabling ? "" : " (optional)"}</Label>
            <textarea
              id={`${id}-reason`}
              name="reason"
              rows={3}
              required={disabling}
              minLength={disabling ? 5 : undefined}
              maxLength={500}
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={reasonError ? `${id}-reason-error` : undefined}
              className="mt-1.5 block w-full rounded-lg border border-border bg-surface px-3 py-2 text-base font-normal text-foreground shadow-sm aria-invalid:border-red-600 sm:text-sm dark:aria-invalid:border-red-400"
            />
            <FieldError id={`${id}-reason-error`} messages={reasonError} />
          </div>
          <div role="alert" className="empty:hidden">
            {failure && !reasonError ? <ErrorAlert>{failure.message}</ErrorAlert> : null}
          </div>
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="ghost" onClick={() => dialogRef.current?.close()}>
              Cancel
            </Button>
            <Button type="submit" variant={disabling ? "danger" : "primary"} aria-disabled={pending || undefined}>
              {pending ? <SpinnerIcon className="size-4" /> : null}
              {disabling ? "Disable account" : "Enable account"}
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
