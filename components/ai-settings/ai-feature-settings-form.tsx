"use client";

import { useFormatNumber } from "@/components/format/format-provider";
import { updateAiFeatureConfigAction } from "@/app/(dashboard)/[tenant]/settings/ai/actions";
import { FormAlert } from "@/components/forms/form-alert";
import { useForm } from "@/components/forms/use-form";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import {
  AI_MODEL_LABELS,
  AI_MODELS,
  aiFeatureSettingsSchema,
  MAX_TOKENS_MAX,
  MAX_TOKENS_MIN,
  PROMPT_ADDITIONS_MAX,
  REPLY_LANGUAGE_LABELS,
  REPLY_LANGUAGES,
  REPLY_TONES,
  type AiFeatureSettings,
} from "@/lib/ai/config/schemas";

/** One feature's settings form: the same zod schema in the browser and in the action. */
export function AiFeatureSettingsForm({ slug, settings }: { slug: string; settings: AiFeatureSettings }) {
  const count = useFormatNumber();
  const f = settings.feature;
  const { formRef, state, isPending, fieldErrors, error, onSubmit } = useForm({
    action: (_prev: Awaited<ReturnType<typeof updateAiFeatureConfigAction>> | null, data: FormData) =>
      updateAiFeatureConfigAction(slug, data),
    initialState: null,
    schema: aiFeatureSettingsSchema,
  });
  const id = (name: string) => `ai-${f}-${name}`;
  const attrs = (name: string) => ({
    id: id(name),
    name,
    "aria-invalid": fieldErrors?.[name] ? true : undefined,
    "aria-describedby": fieldErrors?.[name] ? `${id(name)}-error` : `${id(name)}-hint`,
  });
  const err = (name: string) => <FieldError id={`${id(name)}-error`} messages={fieldErrors?.[name]} />;
  const hint = (name: string, text: string) => (
    <p id={`${id(name)}-hint`} className="mt-1 text-xs text-muted-foreground">
      {text}
    </p>
  );
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label={`${f} settings`}>
      <FormAlert error={error} success={state?.ok ? "Settings saved." : null} />
      <input type="hidden" name="feature" value={f} />
      {/* An unticked checkbox sends nothing: this hidden "false" comes first, a ticked box overrides it. */}
      <input type="hidden" name="enabled" value="false" />
      <label className="flex items-center gap-2 text-sm text-foreground">
        <input
          type="checkbox"
          name="enabled"
          value="true"
          defaultChecked={settings.enabled}
          className="size-4 rounded border-border accent-brand-600"
        />
        Enabled for this organisation
      </label>
      <div className="grid gap-4 sm:grid-cols-3">
        <div>
          <Label htmlFor={id("model")}>Model</Label>
          <Select {...attrs("model")} defaultValue={settings.model} className="mt-1.5">
            {AI_MODELS.map((m) => (
              <option key={m} value={m}>
                {AI_MODEL_LABELS[m]}
              </option>
            ))}
          </Select>
          {hint("model", "Larger models cost more credits per call.")}
          {err("model")}
        </div>
        <div>
          <Label htmlFor={id("maxTokens")}>Max output tokens</Label>
          <Input {...attrs("maxTokens")} inputMode="numeric" defaultValue={settings.maxTokens} className="mt-1.5" />
          {hint("maxTokens", `${MAX_TOKENS_MIN}–${count(MAX_TOKENS_MAX)}`)}
          {err("maxTokens")}
        </div>
        <div>
          <Label htmlFor={id("temperature")}>Temperature</Label>
          <Input {...attrs("temperature")} inputMode="decimal" defaultValue={settings.temperature} className="mt-1.5" />
          {hint("temperature", "0 = most predictable, 1 = most varied.")}
          {err("temperature")}
        </div>
        <div>
          <Label htmlFor={id("monthlyCreditLimit")}>Monthly credit limit</Label>
          <Input
            {...attrs("monthlyCreditLimit")}
            inputMode="numeric"
            defaultValue={settings.monthlyCreditLimit ?? ""}
            className="mt-1.5"
          />
          {hint("monthlyCreditLimit", "For the whole organisation; empty = no limit.")}
          {err("monthlyCreditLimit")}
        </div>
        <div>
          <Label htmlFor={id("perUserMonthlyCreditLimit")}>Per person monthly limit</Label>
          <Input
            {...attrs("perUserMonthlyCreditLimit")}
            inputMode="numeric"
            defaultValue={settings.perUserMonthlyCreditLimit ?? ""}
            className="mt-1.5"
          />
          {hint("perUserMonthlyCreditLimit", "Empty = no limit.")}
          {err("perUserMonthlyCreditLimit")}
        </div>
        {settings.feature === "briefing" ? (
          <>
            <div>
              <Label htmlFor={id("timeOfDay")}>Briefing time</Label>
              <Input {...attrs("timeOfDay")} type="time" defaultValue={settings.timeOfDay} className="mt-1.5" />
              {hint("timeOfDay", "Written within 15 minutes after this time, about the previous day.")}
              {err("timeOfDay")}
            </div>
            <div>
              <Label htmlFor={id("timeZone")}>Time zone</Label>
              <Input {...attrs("timeZone")} defaultValue={settings.timeZone} className="mt-1.5" />
              {hint("timeZone", "An IANA name, e.g. Europe/Amsterdam; days are counted in this zone.")}
              {err("timeZone")}
            </div>
            <div className="sm:col-span-3">
              <input type="hidden" name="viaBatch" value="false" />
              <label className="flex items-start gap-2 text-sm text-foreground">
                <input
                  type="checkbox"
                  name="viaBatch"
                  value="true"
                  defaultChecked={settings.viaBatch}
                  aria-describedby={`${id("viaBatch")}-hint`}
                  className="mt-0.5 size-4 rounded border-border accent-brand-600"
                />
                Write the scheduled briefing through the batch service, at half the price per token
              </label>
              {hint(
                "viaBatch",
                "The batch service answers within 24 hours, usually within minutes, so the briefing can appear later than the time above. Credits are charged in whole numbers, so a briefing that costs less than one credit costs one either way. If a batch fails or expires, the briefing is written at the normal price instead. “Generate now” always uses the normal price.",
              )}
            </div>
          </>
        ) : null}
        {settings.feature === "reply_draft" ? (
          <>
            <div>
              <Label htmlFor={id("tone")}>Tone</Label>
              <Select {...attrs("tone")} defaultValue={settings.tone} className="mt-1.5">
                {REPLY_TONES.map((t) => (
                  <option key={t} value={t}>
                    {t.charAt(0).toUpperCase() + t.slice(1)}
                  </option>
                ))}
              </Select>
              {err("tone")}
            </div>
            <div>
              <Label htmlFor={id("defaultLanguage")}>Default language</Label>
              <Select {...attrs("defaultLanguage")} defaultValue={settings.defaultLanguage} className="mt-1.5">
                {REPLY_LANGUAGES.map((l) => (
                  <option key={l} value={l}>
                    {REPLY_LANGUAGE_LABELS[l]}
                  </option>
                ))}
              </Select>
              {err("defaultLanguage")}
            </div>
          </>
        ) : null}
      </div>
      <div>
        <Label htmlFor={id("promptAdditions")}>Extra instructions</Label>
        <textarea
          {...attrs("promptAdditions")}
          defaultValue={settings.promptAdditions}
          rows={3}
          className="mt-1.5 w-full rounded-lg border border-border bg-surface px-3 py-2 text-sm text-foreground shadow-sm focus-visible:outline-2 focus-visible:outline-brand-600"
        />
        {hint(
          "promptAdditions",
          `Up to ${count(PROMPT_ADDITIONS_MAX)} characters, sent to the model in a separate, marked block after Civitas's own instructions.`,
        )}
        {err("promptAdditions")}
      </div>
      <div>
        <Button type="submit" disabled={isPending}>
          {isPending ? "Saving…" : "Save"}
        </Button>
      </div>
    </form>
  );
}
