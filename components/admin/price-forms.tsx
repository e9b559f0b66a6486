"use client";
// The two forms of /admin/prices: a new price for a model (from now or from a later day) and a
// multiplier. Both ask for a reason (it goes into the platform audit log) and keep what was
// typed on an error; on success they empty and announce what was saved.
import { useId } from "react";
import { setModelPriceAction, setPriceMultiplierAction } from "@/app/(admin)/admin/actions";
import { useAdminForm } from "./use-admin-form";
import { FieldError } from "@/components/ui/field-error";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { setModelPriceSchema, setPriceMultiplierSchema } from "@/lib/usage/schemas";
import { type Field, FormFooter, ReasonField, TextField } from "./form-fields";

export function ModelPriceForm({ models }: { models: string[] }) {
  const id = useId();
  const form = useAdminForm(setModelPriceAction, setModelPriceSchema);
  const { state, formRef } = form;

  const fields: Field[] = [
    { name: "model", label: "Model id", placeholder: "claude-haiku-4-5", list: `${id}-models` },
    { name: "inputPerMtok", label: "Input, $ per million tokens", placeholder: "1", inputMode: "decimal" },
    { name: "outputPerMtok", label: "Output, $ per million tokens", placeholder: "5", inputMode: "decimal" },
    { name: "cacheReadPerMtok", label: "Cache read, $ per million tokens", placeholder: "0.1", inputMode: "decimal" },
    {
      name: "cacheWritePerMtok",
      label: "Cache write, $ per million tokens",
      placeholder: "1.25",
      inputMode: "decimal",
    },
    {
      name: "effectiveFrom",
      label: "Starts on (optional)",
      type: "date",
      hint: "Empty: from now. A later day: from 00:00 UTC that day.",
    },
  ];
  return (
    <form
      ref={formRef}
      onSubmit={form.onSubmit}
      noValidate
      aria-labelledby={`${id}-title`}
      className="flex flex-col gap-4"
    >
      <h2 id={`${id}-title`} className="text-base font-semibold text-foreground">
        Set a model price
      </h2>
      <datalist id={`${id}-models`}>
        {models.map((m) => (
          <option key={m} value={m} />
        ))}
      </datalist>
      <div className="grid gap-4 sm:grid-cols-2">
        {fields.map((f) => (
          <TextField key={f.name} field={f} id={id} errors={form.fieldErrors?.[f.name]} props={form.fieldProps} />
        ))}
        <ReasonField id={id} errors={form.fieldErrors?.reason} props={form.fieldProps} />
      </div>
      <FormFooter
        error={form.error}
        saved={
          state?.ok
            ? `Saved: ${state.data.model} from ${state.data.effectiveFrom.toISOString().slice(0, 16).replace("T", " ")} UTC.`
            : ""
        }
        pending={form.isPending}
        label="Save price"
      />
    </form>
  );
}

export function PriceMultiplierForm() {
  const id = useId();
  const form = useAdminForm(setPriceMultiplierAction, setPriceMultiplierSchema);
  const { state, formRef } = form;
  const kindId = `${id}-kind`;
  return (
    <form
      ref={formRef}
      onSubmit={form.onSubmit}
      noValidate
      aria-labelledby={`${id}-title`}
      className="flex flex-col gap-4"
    >
      <h2 id={`${id}-title`} className="text-base font-semibold text-foreground">
        Set a multiplier
      </h2>
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <Label htmlFor={kindId}>Kind</Label>
          <Select
            id={kindId}
            name="kind"
            defaultValue="tier"
            className="mt-1.5"
            {...form.fieldProps("kind", `${kindId}-error`)}
          >
            <option value="tier">Plan tier</option>
            <option value="region">Data region</option>
            <option value="batch">Batch discount</option>
          </Select>
          <FieldError id={`${kindId}-error`} messages={form.fieldErrors?.kind} />
        </div>
        <TextField
          field={{
            name: "key",
            label: "Key",
            placeholder: "PRO, eu or discount",
            hint: "A plan (FREE, PRO, ENTERPRISE), a region (eu, us) or discount",
          }}
          id={id}
          errors={form.fieldErrors?.key}
          props={form.fieldProps}
        />
        <TextField
          field={{ name: "value", label: "Multiplier", placeholder: "0.9", inputMode: "decimal" }}
          id={id}
          errors={form.fieldErrors?.value}
          props={form.fieldProps}
        />
        <ReasonField id={id} errors={form.fieldErrors?.reason} props={form.fieldProps} />
      </div>
      <FormFooter
        error={form.error}
        saved={
          state?.ok
            ? `Saved: ${state.data.kind} ${state.data.key} ${state.data.before ?? "unset"} → ${state.data.after}.`
            : ""
        }
        pending={form.isPending}
        label="Save multiplier"
      />
    </form>
  );
}
