"use client";

import { updateFormatSettingsAction } from "@/app/(dashboard)/[tenant]/settings/region/actions";
import { FormAlert } from "@/components/forms/form-alert";
import { useForm } from "@/components/forms/use-form";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { formatDate, formatDateTime, formatNumber, type FormatSettings } from "@/lib/format/format";
import { LOCALE_LABELS, SUPPORTED_LOCALES } from "@/lib/format/locales";
import { formatSettingsSchema } from "@/lib/tenants/schemas";

/** The tenant's language/region and time zone: the same zod schema in the browser and in the action. */
export function FormatSettingsForm({
  slug,
  settings,
  timeZones,
  sample,
}: {
  slug: string;
  settings: FormatSettings;
  timeZones: string[];
  /** The instant the examples show (the render's "now", so server and browser agree). */
  sample: string;
}) {
  const { formRef, state, isPending, fieldErrors, error, onSubmit } = useForm({
    action: (_prev: Awaited<ReturnType<typeof updateFormatSettingsAction>> | null, data: FormData) =>
      updateFormatSettingsAction(slug, data),
    initialState: null,
    schema: formatSettingsSchema,
  });
  const saved = state?.ok ? state.data : settings;
  const at = new Date(sample);
  const attrs = (name: string) => ({
    id: `format-${name}`,
    name,
    "aria-invalid": fieldErrors?.[name] ? true : undefined,
    "aria-describedby": fieldErrors?.[name] ? `format-${name}-error` : `format-${name}-hint`,
  });
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label="Region and format">
      <FormAlert error={error} success={state?.ok ? "Saved: every page now uses these settings." : null} />
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <Label htmlFor="format-locale">Language and region</Label>
          <Select {...attrs("locale")} defaultValue={settings.locale} className="mt-1.5">
            {SUPPORTED_LOCALES.map((l) => (
              <option key={l} value={l}>
                {LOCALE_LABELS[l]}
              </option>
            ))}
          </Select>
          <p id="format-locale-hint" className="mt-1 text-xs text-muted-foreground">
            How dates and numbers are written. The pages&apos; words stay in English.
          </p>
          <FieldError id="format-locale-error" messages={fieldErrors?.locale} />
        </div>
        <div>
          <Label htmlFor="format-timeZone">Time zone</Label>
          <Input {...attrs("timeZone")} defaultValue={settings.timeZone} list="format-time-zones" className="mt-1.5" />
          <datalist id="format-time-zones">
            {timeZones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
          <p id="format-timeZone-hint" className="mt-1 text-xs text-muted-foreground">
            A name such as Europe/Brussels: times are shown in it, with daylight saving time.
          </p>
          <FieldError id="format-timeZone-error" messages={fieldErrors?.timeZone} />
        </div>
      </div>
      <dl className="grid gap-1 rounded-lg border border-border bg-surface-muted p-3 text-sm sm:grid-cols-[auto_1fr] sm:gap-x-4">
        <dt className="text-muted-foreground">A date</dt>
        <dd className="text-foreground">{formatDate(at, saved)}</dd>
        <dt className="text-muted-foreground">A date and time</dt>
        <dd className="text-foreground">{formatDateTime(at, saved)}</dd>
        <dt className="text-muted-foreground">A number</dt>
        <dd className="text-foreground">{formatNumber(1234567, saved)}</dd>
      </dl>
      <Button type="submit" className="self-start" disabled={isPending}>
        {isPending ? "Saving…" : "Save"}
      </Button>
    </form>
  );
}
