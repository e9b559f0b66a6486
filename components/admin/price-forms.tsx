"use client";
// The two forms of /admin/prices: a new price for a model (from now or from a later day) and a
// multiplier. Both ask for a reason (it goes into the platform audit log) and keep what was
// typed on an error; on success they empty and announce what was saved.
import { useEffect, useId } from "react";
import { setModelPriceAction, setPriceMultiplierAction } from "@/app/(admin)/admin/actions";
import { useForm } from "@/components/forms/use-form";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { SpinnerIcon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { setModelPriceSchema, setPriceMultiplierSchema } from "@/lib/usage/schemas";
import { ErrorAlert } from "./alert";

type Field = {
  name: string;
  label: string;
  hint?: string;
  type?: string;
  placeholder?: string;
  list?: string;
  inputMode?: "decimal";
};

/** Label, input, hint and error of one field, wired to the form hook's aria props. */
function TextField({
  field,
  id,
  errors,
  props,
}: {
  field: Field;
  id: string;
  errors?: string[];
  props: (name: string, errorId: string, hintId?: string) => Record<string, unknown>;
}) {
  const inputId = `${id}-${field.name}`;
  const hintId = field.hint ? `${inputId}-hint` : undefined;
  return (
    <div>
      <Label htmlFor={inputId}>{field.label}</Label>
      <Input
        id={inputId}
        name={field.name}
        type={field.type ?? "text"}
        inputMode={field.inputMode}
        placeholder={field.placeholder}
        list={field.list}
        autoComplete="off"
        className="mt-1.5"
        {...props(field.name, `${inputId}-error`, hintId)}
      />
      {field.hint ? (
        <p id={hintId} className="mt-1 text-xs text-muted-foreground">
          {field.hint}
        </p>
      ) : null}
      <FieldError id={`${inputId}-error`} messages={errors} />
    </div>
  );
}

function ReasonField({
  id,
  errors,
  props,
}: {
  id: string;
  errors?: string[];
  props: Parameters<typeof TextField>[0]["props"];
}) {
  return (
    <div className="sm:col-span-2">
      <Label htmlFor={`${id}-reason`}>Reason</Label>
      <textarea
        id={`${id}-reason`}
        name="reason"
        rows={2}
        maxLength={500}
        className="mt-1.5 block w-full rounded-lg border border-border bg-surface px-3 py-2 text-base text-foreground shadow-sm aria-invalid:border-red-600 sm:text-sm dark:aria-invalid:border-red-400"
        {...props("reason", `${id}-reason-error`)}
      />
      <FieldError id={`${id}-reason-error`} messages={errors} />
    </div>
  );
}

/** The end of both forms: the server's form-level error, what was saved (announced), the button. */
function FormFooter({
  error,
  saved,
  pending,
  label,
}: {
  error: string | null;
  saved: string;
  pending: boolean;
  label: string;
}) {
  return (
    <>
      <div role="alert" className="empty:hidden">
        {error ? <ErrorAlert>{error}</ErrorAlert> : null}
      </div>
      <p aria-live="polite" className="text-sm text-muted-foreground empty:hidden">
        {saved}
      </p>
      <div>
        <Button type="submit" aria-disabled={pending || undefined}>
          {pending ? <SpinnerIcon className="size-4" /> : null}
          {label}
        </Button>
      </div>
    </>
  );
}

type PriceState = Awaited<ReturnType<typeof setModelPriceAction>> | null;

export function ModelPriceForm({ models }: { models: string[] }) {
  const id = useId();
  const form = useForm({
    action: (_prev: PriceState, data: FormData) => setModelPriceAction(data),
    initialState: null,
    schema: setModelPriceSchema,
  });
  const { state, formRef } = form;
  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
  }, [state, formRef]);

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

type MultiplierState = Awaited<ReturnType<typeof setPriceMultiplierAction>> | null;

export function PriceMultiplierForm() {
  const id = useId();
  const form = useForm({
    action: (_prev: MultiplierState, data: FormData) => setPriceMultiplierAction(data),
    initialState: null,
    schema: setPriceMultiplierSchema,
  });
  const { state, formRef } = form;
  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
  }, [state, formRef]);
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
