"use client";
// "New case" from a pasted letter or email (or a .txt/.eml file): the AI reads it and pre-fills
// the forms, the person reviews every value. Who wrote it is never assumed: existing citizens
// who may be the writer are offered with the reason (same email, same phone, similar name) next
// to "a new citizen", and nothing is preselected. A new citizen is created through the normal
// citizen form action, then the case through the normal case form (both with their shared
// schemas); until the person submits them, nothing is stored.
import { useId, useRef, useState, useSyncExternalStore } from "react";
import { createCitizenAction } from "@/app/(dashboard)/[tenant]/citizens/actions";
import { aiErrorFromBody, type AiStreamError } from "@/components/ai/ai-stream-reducer";
import { DemoAiBadge } from "@/components/ai/demo-ai-badge";
import type { Assignee } from "@/components/cases/case-fields";
import { textareaClasses } from "@/components/cases/field-styles";
import { NewCaseForm } from "@/components/cases/new-case-form";
import { FormAlert } from "@/components/forms/form-alert";
import { useForm } from "@/components/forms/use-form";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FieldError } from "@/components/ui/field-error";
import { SpinnerIcon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { IntakeResult } from "@/lib/ai/features/intake/extract-intake";
import { INTAKE_TEXT_MAX, intakeRequestSchema } from "@/lib/ai/features/intake/schemas";
import { createCitizenSchema } from "@/lib/citizens/schemas";
import { AiErrorAlert } from "@/components/ai/ai-error-alert";

type Props = { tenantSlug: string; assignees: Assignee[]; canCreateCitizen: boolean; demo?: boolean };

const REASON = { email: "same email", phone: "same phone", name: "similar name" } as const;
const CITIZEN_INPUTS = [
  ["firstName", "First name"],
  ["lastName", "Last name"],
  ["email", "Email"],
  ["phone", "Phone"],
  ["addressLine1", "Address"],
  ["postalCode", "Postal code"],
  ["city", "City"],
] as const;

const noSubscription = () => () => {};

export function IntakePanel({ tenantSlug, assignees, canCreateCitizen, demo = false }: Props) {
  const ids = useId();
  // The letter is read from the field when the button is pressed (uncontrolled): text pasted
  // while this lazily loaded panel was still hydrating is kept, and the button stays disabled
  // until hydration is done, so a press is never lost either.
  const letterRef = useRef<HTMLTextAreaElement>(null);
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<AiStreamError | null>(null);
  const [result, setResult] = useState<IntakeResult | null>(null);
  const [choice, setChoice] = useState<string | null>(null);
  const [citizen, setCitizen] = useState<{ id: string; name: string } | null>(null);
  const url = `/api/tenants/${encodeURIComponent(tenantSlug)}/intake`;

  async function read() {
    const input = intakeRequestSchema.safeParse({ text: letterRef.current?.value ?? "" });
    if (!input.success) {
      setError({ code: "VALIDATION_FAILED", message: input.error.issues[0]?.message ?? "Paste the letter or email" });
      return;
    }
    setLoading(true);
    setError(null);
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify(input.data),
      });
      const body: unknown = await response.json().catch(() => null);
      if (!response.ok) return setError(aiErrorFromBody(response.status, body));
      setResult((body as { intake: IntakeResult }).intake);
      setChoice(null);
      setCitizen(null);
    } catch (err) {
      setError({
        code: "NETWORK_ERROR",
        message: err instanceof Error ? `Network error: ${err.message}` : "Network error",
      });
    } finally {
      setLoading(false);
    }
  }

  async function upload(file: File | undefined) {
    if (!file) return;
    if (file.size > INTAKE_TEXT_MAX * 4) return setError({ code: "TOO_LARGE", message: "That file is too large." });
    const text = (await file.text()).slice(0, INTAKE_TEXT_MAX);
    if (letterRef.current) letterRef.current.value = text;
    setError(null);
  }

  const chosen = result?.matches.find((m) => m.id === choice);

  return (
    <Card aria-labelledby={`${ids}-heading`}>
      <CardHeader>
        <CardTitle id={`${ids}-heading`} className="flex flex-wrap items-center gap-2">
          Start from a letter or email
          {demo ? <DemoAiBadge /> : null}
        </CardTitle>
        <CardDescription>
          AI reads it and fills in the forms below; you check every value before anything is saved. National ID numbers
          are removed before the text is sent.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-5">
        <div>
          <Label htmlFor={`${ids}-letter`}>Letter or email</Label>
          <textarea
            id={`${ids}-letter`}
            rows={8}
            maxLength={INTAKE_TEXT_MAX}
            ref={letterRef}
            defaultValue=""
            className={textareaClasses("mt-1.5")}
            placeholder="Paste the text here…"
          />
          <Label htmlFor={`${ids}-file`} className="mt-3 block">
            Or open a .txt or .eml file
          </Label>
          <input
            id={`${ids}-file`}
            type="file"
            accept=".txt,.eml,text/plain,message/rfc822"
            onChange={(e) => void upload(e.target.files?.[0])}
            className="mt-1.5 block text-sm text-muted-foreground"
          />
        </div>
        {error ? <AiErrorAlert error={error} /> : null}
        <div>
          <Button onClick={() => void read()} disabled={!hydrated || loading || error?.code === "AI_NOT_CONFIGURED"}>
            {loading ? <SpinnerIcon className="size-4" /> : null}
            {error && error.code !== "AI_NOT_CONFIGURED" && error.code !== "VALIDATION_FAILED"
              ? "Retry"
              : result
                ? "Read it again"
                : "Read the letter"}
          </Button>
        </div>

        {result && !loading ? (
          <div className="flex flex-col gap-5 border-t border-border pt-5" aria-live="polite">
            <p className="text-xs text-muted-foreground">
              {result.creditsUsed} {result.creditsUsed === 1 ? "credit" : "credits"} used · {result.balance} left
              {result.redactions > 0 ? ` · ${result.redactions} national ID number(s) removed before sending` : ""}
            </p>
            {citizen ? null : (
              <fieldset className="flex flex-col gap-2">
                <legend className="text-sm font-medium text-foreground">Who wrote it?</legend>
                {result.matches.length === 0 ? (
                  <p className="text-sm text-muted-foreground">No existing citizen matches the letter.</p>
                ) : null}
                {result.matches.map((m) => (
                  <label key={m.id} className="flex items-center gap-2 text-sm">
                    <input
                      type="radio"
                      name={`${ids}-who`}
                      checked={choice === m.id}
                      onChange={() => setChoice(m.id)}
                    />
                    {m.name}
                    {m.city ? `, ${m.city}` : ""} <span className="text-muted-foreground">({REASON[m.reason]})</span>
                  </label>
                ))}
                {canCreateCitizen ? (
                  <label className="flex items-center gap-2 text-sm">
                    <input
                      type="radio"
                      name={`${ids}-who`}
                      checked={choice === "new"}
                      onChange={() => setChoice("new")}
                    />
                    A new citizen
                  </label>
                ) : null}
                {chosen ? (
                  <div>
                    <Button size="sm" onClick={() => setCitizen({ id: chosen.id, name: chosen.name })}>
                      Continue with {chosen.name}
                    </Button>
                  </div>
                ) : null}
              </fieldset>
            )}
            {choice === "new" && !citizen ? (
              <NewCitizenStep slug={tenantSlug} prefill={result.prefill.citizen} onCreated={setCitizen} />
            ) : null}
            {citizen ? (
              <section aria-label="The case" className="flex flex-col gap-3">
                <p className="text-sm">
                  Case for <span className="font-medium">{citizen.name}</span>{" "}
                  <button
                    type="button"
                    className="text-brand-700 underline underline-offset-2 dark:text-brand-300"
                    onClick={() => setCitizen(null)}
                  >
                    change
                  </button>
                </p>
                <NewCaseForm
                  slug={tenantSlug}
                  citizenId={citizen.id}
                  assignees={assignees}
                  cancelHref={`/${tenantSlug}/cases`}
                  initialValues={result.prefill.case}
                  idPrefix="intake-case"
                />
              </section>
            ) : null}
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}

function NewCitizenStep({
  slug,
  prefill,
  onCreated,
}: {
  slug: string;
  prefill: IntakeResult["prefill"]["citizen"];
  onCreated: (c: { id: string; name: string }) => void;
}) {
  const { formRef, isPending, fieldErrors, failure, onSubmit } = useForm({
    action: async (_prev: Awaited<ReturnType<typeof createCitizenAction>> | null, input: Record<string, unknown>) => {
      const result = await createCitizenAction(slug, input);
      if (result.ok) onCreated({ id: result.data.id, name: `${String(input.firstName)} ${String(input.lastName)}` });
      return result;
    },
    initialState: null,
    schema: createCitizenSchema,
    read: (data) => Object.fromEntries(data),
  });
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-label="New citizen" className="flex flex-col gap-3">
      <FormAlert error={failure?.message} />
      <div className="grid gap-3 sm:grid-cols-2">
        {CITIZEN_INPUTS.map(([name, label]) => (
          <div key={name}>
            <Label htmlFor={`intake-${name}`}>{label}</Label>
            <Input
              id={`intake-${name}`}
              name={name}
              defaultValue={prefill[name] ?? ""}
              aria-invalid={fieldErrors?.[name]?.length ? true : undefined}
              aria-describedby={fieldErrors?.[name]?.length ? `intake-${name}-error` : undefined}
              className="mt-1.5"
            />
            <FieldError id={`intake-${name}-error`} messages={fieldErrors?.[name]} />
          </div>
        ))}
      </div>
      <div>
        <Button type="submit" disabled={isPending}>
          {isPending ? <SpinnerIcon className="size-4" /> : null}
          Create citizen
        </Button>
      </div>
    </form>
  );
}
