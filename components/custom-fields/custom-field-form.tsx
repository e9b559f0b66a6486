"use client";

import { useState } from "react";
import { createCustomFieldAction } from "@/app/(dashboard)/[tenant]/settings/fields/actions";
import { FormAlert } from "@/components/forms/form-alert";
import { useForm } from "@/components/forms/use-form";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { keyFromLabel } from "@/lib/citizens/custom-field-key";
import { customFieldDefinitionSchema, CUSTOM_FIELD_TYPES } from "@/lib/citizens/schemas";

const TYPE_LABELS = {
  TEXT: "Text",
  NUMBER: "Number",
  DATE: "Date",
  BOOLEAN: "Yes / no",
  SELECT: "Choice from a list",
} as const;

export function CustomFieldForm({ slug }: { slug: string }) {
  const [type, setType] = useState<(typeof CUSTOM_FIELD_TYPES)[number]>("TEXT");
  // The key follows the label ("Ward number" → ward_number) until the person types their own.
  const [label, setLabel] = useState("");
  const [ownKey, setOwnKey] = useState<string | null>(null);
  const key = ownKey ?? keyFromLabel(label);
  const { formRef, state, isPending, fieldErrors, error, onSubmit } = useForm({
    action: async (_prev: Awaited<ReturnType<typeof createCustomFieldAction>> | null, data: FormData) => {
      const result = await createCustomFieldAction(slug, data);
      // Emptied only once saved: after an error what was typed stays.
      if (result.ok) {
        formRef.current?.reset();
        setLabel("");
        setOwnKey(null);
      }
      return result;
    },
    initialState: null,
    schema: customFieldDefinitionSchema,
  });
  const attrs = (name: string) => ({
    id: `cf-${name}`,
    name,
    "aria-invalid": fieldErrors?.[name] ? true : undefined,
    "aria-describedby": fieldErrors?.[name] ? `cf-${name}-error` : undefined,
  });
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label="Add a custom field">
      <FormAlert error={error} success={state?.ok ? "Field added: it now appears on every citizen form." : null} />
      <div className="grid gap-4 sm:grid-cols-3">
        <div>
          <Label htmlFor="cf-label">Label</Label>
          <Input
            {...attrs("label")}
            className="mt-1.5"
            placeholder="Ward"
            value={label}
            onChange={(e) => setLabel(e.target.value)}
          />
          <FieldError id="cf-label-error" messages={fieldErrors?.label} />
        </div>
        <div>
          <Label htmlFor="cf-key">Key</Label>
          <Input
            {...attrs("key")}
            aria-describedby={[`cf-key-hint`, fieldErrors?.key ? "cf-key-error" : null].filter(Boolean).join(" ")}
            className="mt-1.5"
            placeholder="ward"
            autoCapitalize="none"
            spellCheck={false}
            value={key}
            onChange={(e) => setOwnKey(e.target.value)}
          />
          <p id="cf-key-hint" className="mt-1 text-xs text-muted-foreground">
            Suggested from the label; used in CSV files and filters.
          </p>
          <FieldError id="cf-key-error" messages={fieldErrors?.key} />
        </div>
        <div>
          <Label htmlFor="cf-type">Type</Label>
          <Select
            {...attrs("type")}
            value={type}
            onChange={(e) => setType(e.target.value as typeof type)}
            className="mt-1.5"
          >
            {CUSTOM_FIELD_TYPES.map((t) => (
              <option key={t} value={t}>
                {TYPE_LABELS[t]}
              </option>
            ))}
          </Select>
        </div>
      </div>
      {type === "SELECT" ? (
        <div>
          <Label htmlFor="cf-options">Choices (comma-separated)</Label>
          <Input {...attrs("options")} className="mt-1.5" placeholder="North, South, East, West" />
          <FieldError id="cf-options-error" messages={fieldErrors?.options} />
        </div>
      ) : null}
      <label className="inline-flex items-center gap-2 text-sm">
        <input type="checkbox" name="required" className="size-4 accent-brand-600" /> Required on every record
      </label>
      <div>
        <label className="inline-flex items-center gap-2 text-sm">
          <input type="checkbox" name="pii" aria-describedby="cf-pii-hint" className="size-4 accent-brand-600" />{" "}
          Personal data
        </label>
        <p id="cf-pii-hint" className="mt-1 text-xs text-muted-foreground">
          Its values are kept out of the audit log&apos;s change details. No AI feature is sent custom field values,
          personal data or not.
        </p>
      </div>
      <div>
        <Button type="submit" disabled={isPending}>
          Add field
        </Button>
      </div>
    </form>
  );
}
