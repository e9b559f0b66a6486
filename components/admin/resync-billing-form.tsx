"use client";
// A platform admin re-reads a tenant's billing from Stripe (after a lost webhook), with the
// reason that goes into both audit chains. On success it says what changed, or that nothing did.
import { useId } from "react";
import { resyncTenantBillingAction } from "@/app/(admin)/admin/actions";
import { useAdminForm } from "./use-admin-form";
import { resyncTenantBillingSchema } from "@/lib/admin/schemas";
import { planDefinition } from "@/lib/billing/plans";
import { FormFooter, ReasonField } from "./form-fields";

type State = Awaited<ReturnType<typeof resyncTenantBillingAction>> | null;
type Result = Extract<NonNullable<State>, { ok: true }>["data"];

function summary({ before, after, invoicesGranted }: Result): string {
  const parts: string[] = [];
  if (before.plan !== after.plan)
    parts.push(`plan ${planDefinition(before.plan).name} → ${planDefinition(after.plan).name}`);
  if (before.status !== after.status) parts.push(`subscription ${before.status ?? "none"} → ${after.status ?? "none"}`);
  if (invoicesGranted.length)
    parts.push(`credits granted for ${invoicesGranted.length} paid invoice${invoicesGranted.length === 1 ? "" : "s"}`);
  return parts.length
    ? `Re-synced: ${parts.join("; ")}.`
    : "Re-synced: Stripe and Civitas already agreed, nothing changed.";
}

export function ResyncBillingForm({ tenantId }: { tenantId: string }) {
  const id = useId();
  const form = useAdminForm(resyncTenantBillingAction, resyncTenantBillingSchema);
  const { state, formRef } = form;
  return (
    <form
      ref={formRef}
      onSubmit={form.onSubmit}
      noValidate
      aria-labelledby={`${id}-title`}
      className="flex flex-col gap-4"
    >
      <div>
        <h3 id={`${id}-title`} className="text-sm font-semibold text-foreground">
          Re-sync from Stripe
        </h3>
        <p className="mt-1 text-xs text-muted-foreground">
          Reads the customer, its newest subscription and its last paid invoices from Stripe and applies them as the
          webhook would: plan and subscription as Stripe has them, and any invoice whose credits were never granted.
        </p>
      </div>
      <input type="hidden" name="tenantId" value={tenantId} />
      <ReasonField id={id} label="Reason for the re-sync" errors={form.fieldErrors?.reason} props={form.fieldProps} />
      <FormFooter
        error={form.error}
        saved={state?.ok ? summary(state.data) : ""}
        pending={form.isPending}
        label="Re-sync from Stripe"
      />
    </form>
  );
}
