"use client";
// The pieces of the platform admin's small forms (prices, credit adjustments): a labelled field
// with its hint and error, the reason every admin change asks for, and the footer.
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { SpinnerIcon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { ErrorAlert } from "./alert";

export type Field = {
  name: string;
  label: string;
  hint?: string;
  type?: string;
  placeholder?: string;
  list?: string;
  inputMode?: "decimal";
};

/** Label, input, hint and error of one field, wired to the form hook's aria props. */
export function TextField({
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

export function ReasonField({
  id,
  errors,
  props,
  label = "Reason",
}: {
  id: string;
  errors?: string[];
  props: Parameters<typeof TextField>[0]["props"];
  /** Where a page has more than one reason (the tenant page also opens data with one). */
  label?: string;
}) {
  return (
    <div className="sm:col-span-2">
      <Label htmlFor={`${id}-reason`}>{label}</Label>
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

/** The end of an admin form: the server's form-level error, what was saved (announced), the button. */
export function FormFooter({
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
