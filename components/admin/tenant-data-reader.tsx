"use client";

import { useEffect, useRef } from "react";
import { readTenantAction } from "@/app/(admin)/admin/actions";
import { useForm } from "@/components/forms/use-form";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { HistoryIcon, SpinnerIcon } from "@/components/ui/icons";
import { Label } from "@/components/ui/label";
import { formatDate } from "@/components/dashboard/format";
import { readTenantSchema } from "@/lib/admin/schemas";
import { ErrorAlert } from "./alert";
import { TenantOverviewView } from "./tenant-overview";

type State = Awaited<ReturnType<typeof readTenantAction>> | null;

type Props = { tenantId: string; tenantName: string; locale: string };

/**
 * The door to a tenant's own data. Nothing is read until the admin gives a reason; the read
 * and the reason are then written to the organisation's audit log in the same transaction.
 */
export function TenantDataReader({ tenantId, tenantName, locale }: Props) {
  const {
    formRef,
    state,
    isPending: pending,
    fieldErrors,
    failure,
    onSubmit,
  } = useForm({
    action: (_prev: State, formData: FormData) => readTenantAction(formData),
    initialState: null,
    schema: readTenantSchema,
  });
  const resultRef = useRef<HTMLHeadingElement>(null);
  const reasonError = fieldErrors?.reason;

  // Land keyboard and screen-reader users where the outcome is: the data (a refused reason
  // takes focus through the form hook).
  useEffect(() => {
    if (state?.ok) resultRef.current?.focus();
  }, [state]);

  if (state?.ok) {
    return (
      <section aria-labelledby="tenant-data-heading" className="flex flex-col gap-4">
        <div className="flex flex-col gap-1">
          <h2 id="tenant-data-heading" ref={resultRef} tabIndex={-1} className="text-lg font-semibold outline-none">
            Data of {state.data.tenant.name}
          </h2>
          <p className="flex items-start gap-2 text-sm text-muted-foreground">
            <HistoryIcon className="mt-px size-4" />
            This read was recorded in the organisation&apos;s audit log on {formatDate(state.data.readAt, locale)}.
            Reload the page to close it; opening it again is recorded again.
          </p>
        </div>
        <TenantOverviewView overview={state.data} locale={locale} />
      </section>
    );
  }

  return (
    <section
      aria-labelledby="open-data-heading"
      className="rounded-xl border border-amber-300 bg-amber-50/60 p-5 dark:border-amber-400/30 dark:bg-amber-400/5"
    >
      <h2 id="open-data-heading" className="text-base font-semibold text-foreground">
        Open tenant data
      </h2>
      <p className="mt-1 text-sm text-muted-foreground">
        Members, citizen and case figures and the newest cases of {tenantName} are the organisation&apos;s own data.
        Opening them is recorded, with your name and the reason you give, in {tenantName}&apos;s audit log, which its
        administrators can read, and in the platform audit log.
      </p>
      <form ref={formRef} onSubmit={onSubmit} className="mt-4 flex flex-col gap-3">
        <input type="hidden" name="tenantId" value={tenantId} />
        <div>
          <Label htmlFor="read-reason">Reason</Label>
          <textarea
            id="read-reason"
            name="reason"
            rows={3}
            required
            minLength={5}
            maxLength={500}
            placeholder="e.g. Support ticket #1234: owner cannot see their cases"
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={reasonError ? "read-reason-error" : undefined}
            className="mt-1.5 block w-full rounded-lg border border-border bg-surface px-3 py-2 text-base text-foreground shadow-sm placeholder:text-muted-foreground aria-invalid:border-red-600 sm:text-sm dark:aria-invalid:border-red-400"
          />
          <FieldError id="read-reason-error" messages={reasonError} />
        </div>
        <div role="alert" className="empty:hidden">
          {failure && !reasonError ? <ErrorAlert>{failure.message}</ErrorAlert> : null}
        </div>
        <div>
          <Button type="submit" aria-disabled={pending || undefined}>
            {pending ? <SpinnerIcon className="size-4" /> : null}
            Open tenant data
          </Button>
        </div>
      </form>
    </section>
  );
}
