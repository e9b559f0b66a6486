"use client";
// Create and edit a citizen. One form for both; the shared zod schema validates here first and
// on the server again. Personal fields are never pre-filled in clear: on edit they show what is
// on file (masked) and a blank keeps it. A save that lost a race with another editor shows a
// choice: reload their version, or keep my edits and save over it.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { createCitizenAction, updateCitizenAction } from "@/app/(dashboard)/[tenant]/citizens/actions";
import { FormAlert } from "@/components/forms/form-alert";
import { useForm } from "@/components/forms/use-form";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { SpinnerIcon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { citizenInputFromForm } from "@/lib/citizens/form-data";
import {
  CONSENT_PURPOSES,
  CONSENT_SOURCES,
  createCitizenSchema,
  LANGUAGES,
  updateCitizenSchema,
  type PiiFieldName,
} from "@/lib/citizens/schemas";
import type { CustomFieldDef } from "@/lib/citizens/custom-field-values";
import type { CitizenView } from "@/lib/citizens/types";

/** A citizen as the form starts from: nothing when creating, the masked record when editing. */
export type CitizenFormValues = Omit<
  CitizenView,
  "id" | "version" | "pii" | "deletedAt" | "createdAt" | "updatedAt"
> & {
  id?: string;
  version?: number;
  pii?: CitizenView["pii"];
};

const CONSENT_LABELS: Record<(typeof CONSENT_PURPOSES)[number], string> = {
  contact_email: "Contact by email",
  contact_phone: "Contact by phone",
  data_processing: "Processing of personal data",
  newsletter: "Newsletter",
};
const PII_LABELS: Record<PiiFieldName, { label: string; type: string; autoComplete: string; hint?: string }> = {
  email: { label: "Email", type: "email", autoComplete: "off" },
  phone: { label: "Phone", type: "tel", autoComplete: "off" },
  nationalId: { label: "National ID", type: "text", autoComplete: "off" },
  dateOfBirth: { label: "Date of birth", type: "date", autoComplete: "off" },
};

export function CitizenForm({
  slug,
  initial,
  customFieldDefs,
}: {
  slug: string;
  initial?: CitizenFormValues;
  customFieldDefs: CustomFieldDef[];
}) {
  const router = useRouter();
  const editing = !!initial?.id;
  const [version, setVersion] = useState(initial?.version);
  const {
    formRef,
    isPending: pending,
    fieldErrors,
    failure,
    error,
    onSubmit,
    submit,
  } = useForm({
    action: async (
      _prev: Awaited<ReturnType<typeof createCitizenAction>> | null,
      input: ReturnType<typeof citizenInputFromForm>,
    ) => {
      const result = editing ? await updateCitizenAction(slug, input) : await createCitizenAction(slug, input);
      if (result.ok) {
        router.push(`/${slug}/citizens/${result.data.id}`);
        router.refresh();
      }
      return result;
    },
    initialState: null,
    schema: editing ? updateCitizenSchema : createCitizenSchema,
    read: citizenInputFromForm,
  });
  const errors = fieldErrors ?? {};

  const conflict = failure?.code === "CONFLICT";
  const field = (name: string) => ({
    id: name,
    name,
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? `${name}-error` : undefined,
  });

  return (
    <form ref={formRef} noValidate onSubmit={onSubmit} className="flex flex-col gap-8">
      {initial?.id ? <input type="hidden" name="id" value={initial.id} /> : null}
      {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}

      {conflict ? (
        <div
          role="alert"
          className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900 dark:border-amber-400/30 dark:bg-amber-400/10 dark:text-amber-100"
        >
          <p className="font-medium">Someone else changed this record after you opened it.</p>
          <p className="mt-1">
            Reload to see their version (your edits here are discarded), or keep your edits and save them over theirs.
          </p>
          <div className="mt-3 flex flex-wrap gap-2">
            <Button size="sm" variant="secondary" onClick={() => window.location.reload()}>
              Reload their version
            </Button>
            <Button
              size="sm"
              variant="danger"
              onClick={() => {
                const current = Number((failure?.details as { currentVersion?: number } | undefined)?.currentVersion);
                if (Number.isInteger(current)) {
                  setVersion(current);
                  // The same edits on the version now on file (the hidden field re-renders later).
                  if (formRef.current) {
                    const data = new FormData(formRef.current);
                    data.set("version", String(current));
                    submit(citizenInputFromForm(data));
                  }
                }
              }}
            >
              Keep my edits and save
            </Button>
          </div>
        </div>
      ) : (
        <FormAlert
          error={error ?? (Object.keys(errors).length ? "Some fields need attention: see the messages below." : null)}
        />
      )}

      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-base font-semibold text-foreground">Name</legend>
        <div>
          <Label htmlFor="firstName">First name</Label>
          <Input
            {...field("firstName")}
            defaultValue={initial?.firstName}
            required
            className="mt-1.5"
            autoComplete="off"
          />
          <FieldError id="firstName-error" messages={errors.firstName} />
        </div>
        <div>
          <Label htmlFor="lastName">Last name</Label>
          <Input
            {...field("lastName")}
            defaultValue={initial?.lastName}
            required
            className="mt-1.5"
            autoComplete="off"
          />
          <FieldError id="lastName-error" messages={errors.lastName} />
        </div>
      </fieldset>

      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-1 text-base font-semibold text-foreground">Personal details</legend>
        <p className="text-sm text-muted-foreground sm:col-span-2">
          Stored encrypted. {editing ? "Leave a field blank to keep what is on file." : ""}
        </p>
        {(Object.keys(PII_LABELS) as PiiFieldName[]).map((name) => {
          const meta = PII_LABELS[name];
          const onFile = initial?.pii?.[name];
          return (
            <div key={name}>
              <Label htmlFor={name}>{meta.label}</Label>
              <Input
                {...field(name)}
                type={meta.type}
                autoComplete={meta.autoComplete}
                placeholder={onFile ? `On file: ${onFile}` : undefined}
                className="mt-1.5"
              />
              {onFile ? (
                <label className="mt-1.5 inline-flex items-center gap-2 text-xs text-muted-foreground">
                  <input type="checkbox" name={`clear.${name}`} className="size-4 accent-brand-600" /> Remove the{" "}
                  {meta.label.toLowerCase()} on file
                </label>
              ) : null}
              <FieldError id={`${name}-error`} messages={errors[name]} />
            </div>
          );
        })}
      </fieldset>

      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-base font-semibold text-foreground">Address</legend>
        {(
          [
            ["addressLine1", "Street and number", initial?.addressLine1],
            ["addressLine2", "Address line 2", initial?.addressLine2],
            ["postalCode", "Postal code", initial?.postalCode],
            ["city", "City", initial?.city],
            ["country", "Country", initial?.country],
          ] as const
        ).map(([name, label, value]) => (
          <div key={name}>
            <Label htmlFor={name}>{label}</Label>
            <Input {...field(name)} defaultValue={value ?? ""} className="mt-1.5" />
            <FieldError id={`${name}-error`} messages={errors[name]} />
          </div>
        ))}
        <div>
          <Label htmlFor="preferredLanguage">Preferred language</Label>
          <Select {...field("preferredLanguage")} defaultValue={initial?.preferredLanguage ?? "en"} className="mt-1.5">
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {new Intl.DisplayNames(["en"], { type: "language" }).of(l) ?? l}
              </option>
            ))}
          </Select>
        </div>
      </fieldset>

      <fieldset className="flex flex-col gap-3">
        <legend className="mb-2 text-base font-semibold text-foreground">Consent</legend>
        {CONSENT_PURPOSES.map((purpose) => {
          const current = initial?.consents?.[purpose];
          return (
            <div
              key={purpose}
              className="grid gap-2 rounded-lg border border-border p-3 sm:grid-cols-[1fr_10rem_10rem_10rem] sm:items-center"
            >
              <span className="text-sm font-medium text-foreground" id={`consent-${purpose}-label`}>
                {CONSENT_LABELS[purpose]}
              </span>
              <Select
                name={`consent.${purpose}`}
                aria-labelledby={`consent-${purpose}-label`}
                defaultValue={current ? (current.granted ? "granted" : "withdrawn") : ""}
                className="h-9"
              >
                <option value="">Not recorded</option>
                <option value="granted">Granted</option>
                <option value="withdrawn">Withdrawn</option>
              </Select>
              <Input
                type="date"
                name={`consent.${purpose}.at`}
                aria-label={`${CONSENT_LABELS[purpose]}: date`}
                defaultValue={current?.at ?? ""}
                className="h-9"
              />
              <Select
                name={`consent.${purpose}.source`}
                aria-label={`${CONSENT_LABELS[purpose]}: source`}
                defaultValue={current?.source ?? "form"}
                className="h-9"
              >
                {CONSENT_SOURCES.map((s) => (
                  <option key={s} value={s}>
                    {s.replace("_", " ")}
                  </option>
                ))}
              </Select>
              <FieldError
                id={`consent-${purpose}-error`}
                messages={
                  errors[`consents.${purpose}.at`] ??
                  errors[`consents.${purpose}`] ??
                  (errors.consents && purpose ? undefined : undefined)
                }
              />
            </div>
          );
        })}
        <FieldError id="consents-error" messages={errors.consents} />
      </fieldset>

      {customFieldDefs.length > 0 ? (
        <fieldset className="grid gap-4 sm:grid-cols-2">
          <legend className="mb-2 text-base font-semibold text-foreground">More details</legend>
          {customFieldDefs.map((def) => {
            const name = `cf.${def.key}`;
            const value = initial?.customFields?.[def.key];
            const err = errors[`customFields.${def.key}`];
            const common = {
              id: name,
              name,
              "aria-invalid": err ? true : undefined,
              "aria-describedby": err ? `${name}-error` : undefined,
            };
            return (
              <div key={def.key}>
                <Label htmlFor={name}>
                  {def.label}
                  {def.required ? <span aria-hidden="true"> *</span> : null}
                </Label>
                {def.type === "SELECT" ? (
                  <Select {...common} defaultValue={typeof value === "string" ? value : ""} className="mt-1.5">
                    <option value="">—</option>
                    {def.options.map((o) => (
                      <option key={o}>{o}</option>
                    ))}
                  </Select>
                ) : def.type === "BOOLEAN" ? (
                  <Select {...common} defaultValue={value === true ? "true" : "false"} className="mt-1.5">
                    <option value="false">No</option>
                    <option value="true">Yes</option>
                  </Select>
                ) : (
                  <Input
                    {...common}
                    type={def.type === "NUMBER" ? "number" : def.type === "DATE" ? "date" : "text"}
                    step={def.type === "NUMBER" ? "any" : undefined}
                    defaultValue={value === undefined || value === null ? "" : String(value)}
                    className="mt-1.5"
                  />
                )}
                <FieldError id={`${name}-error`} messages={err} />
              </div>
            );
          })}
        </fieldset>
      ) : null}

      <fieldset className="flex flex-col gap-4">
        <legend className="mb-2 text-base font-semibold text-foreground">Tags and notes</legend>
        <div>
          <Label htmlFor="tags">Tags</Label>
          <Input
            {...field("tags")}
            defaultValue={initial?.tags.join(", ") ?? ""}
            placeholder="housing, elderly"
            className="mt-1.5"
            aria-describedby="tags-help"
          />
          <p id="tags-help" className="mt-1 text-xs text-muted-foreground">
            Separate tags with commas.
          </p>
          <FieldError id="tags-error" messages={errors.tags} />
        </div>
        <div>
          <Label htmlFor="notes">Notes</Label>
          <textarea
            {...field("notes")}
            defaultValue={initial?.notes ?? ""}
            rows={5}
            className="mt-1.5 block w-full rounded-lg border border-border bg-surface px-3 py-2 text-base text-foreground shadow-sm sm:text-sm"
          />
          <FieldError id="notes-error" messages={errors.notes} />
        </div>
      </fieldset>

      <div className="flex gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? <SpinnerIcon className="size-4" /> : null}
          {editing ? "Save changes" : "Create citizen"}
        </Button>
        <Button variant="ghost" onClick={() => router.back()}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
