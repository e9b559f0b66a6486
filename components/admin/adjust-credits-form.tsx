"use client";
// A platform admin adds or takes back a tenant's AI credits, with the reason that goes into both
// audit chains. Keeps what was typed on an error; on success it empties and announces the new
// balance.
import { useId } from "react";
import { adjustTenantCreditsAction } from "@/app/(admin)/admin/actions";
import { useAdminForm } from "./use-admin-form";
import { adjustTenantCreditsSchema } from "@/lib/admin/schemas";
import { FormFooter, ReasonField, TextField } from "./form-fields";

export function AdjustCreditsForm({ tenantId }: { tenantId: string }) {
  const id = useId();
  const form = useAdminForm(adjustTenantCreditsAction, adjustTenantCreditsSchema);
  const { state, formRef } = form;
  return (
    <form
      ref={formRef}
      onSubmit={form.onSubmit}
      noValidate
      aria-labelledby={`${id}-title`}
      className="flex flex-col gap-4"
    >
      <h3 id={`${id}-title`} className="text-sm font-semibold text-foreground">
        Adjust credits
      </h3>
      <input type="hidden" name="tenantId" value={tenantId} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          field={{
            name: "credits",
            label: "Credits",
            placeholder: "500 or -200",
            hint: "A positive number adds credits, a negative one takes them back (never below zero).",
          }}
          id={id}
          errors={form.fieldErrors?.credits}
          props={form.fieldProps}
        />
        <ReasonField id={id} label="Reason for the change" errors={form.fieldErrors?.reason} props={form.fieldProps} />
      </div>
      <FormFooter
        error={form.error}
        saved={
          state?.ok
            ? `Done: ${state.data.credits > 0 ? "+" : ""}${state.data.credits.toLocaleString("en")} credits. The balance is now ${state.data.balance.toLocaleString("en")}.`
            : ""
        }
        pending={form.isPending}
        label="Adjust credits"
      />
    </form>
  );
}
