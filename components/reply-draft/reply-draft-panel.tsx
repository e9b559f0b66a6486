"use client";
// Drafts a reply to the citizen with AI (streamed), in their preferred language or another one
// picked here, in the organisation's tone (AI settings). The person edits the draft, then saves
// it as a note on the case (the normal audited note) or copies it; nothing is sent to anyone.
// Streaming, cancelled, error with retry, 402 with the billing link and not-configured states;
// the credits used are shown after each call.
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { addNoteAction } from "@/app/(dashboard)/[tenant]/cases/actions";
import { DemoAiBadge } from "@/components/ai/demo-ai-badge";
import { useAiStream } from "@/components/ai/use-ai-stream";
import { textareaClasses } from "@/components/cases/field-styles";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FieldError } from "@/components/ui/field-error";
import { SpinnerIcon } from "@/components/ui/icons";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { REPLY_LANGUAGE_LABELS, REPLY_LANGUAGES } from "@/lib/ai/config/schemas";
import { AiErrorAlert } from "@/components/ai/ai-error-alert";

type Props = {
  tenantSlug: string;
  caseId: string;
  /** The citizen's preferred language (any of the citizen form's), preselected when supported. */
  citizenLanguage: string;
  demo?: boolean;
};

const NOTE_MAX = 5000;

export function ReplyDraftPanel({ tenantSlug, caseId, citizenLanguage, demo = false }: Props) {
  const { state, start, cancel, retry } = useAiStream();
  const router = useRouter();
  const ids = useId();
  const supported = (REPLY_LANGUAGES as readonly string[]).includes(citizenLanguage);
  // "" = let the server decide (the organisation's default language).
  const [language, setLanguage] = useState(supported ? citizenLanguage : "");
  const [edited, setEdited] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string[] | null>(null);
  const [saving, startSaving] = useTransition();
  const url = `/api/tenants/${encodeURIComponent(tenantSlug)}/cases/${encodeURIComponent(caseId)}/reply-draft`;
  const streaming = state.status === "streaming";
  const value = edited ?? state.text;
  const hasDraft = value.trim() !== "" && !streaming;

  function draft() {
    setEdited(null);
    setNotice(null);
    setSaveError(null);
    start(url, language ? { language } : {});
  }

  function save() {
    setNotice(null);
    setSaveError(null);
    startSaving(async () => {
      const result = await addNoteAction(tenantSlug, { id: caseId, body: value });
      if (result.ok) {
        setEdited("");
        setNotice("Saved as a note on the case.");
        router.refresh();
      } else setSaveError(result.fieldErrors?.body ?? [result.message]);
    });
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setNotice("Copied to the clipboard.");
    } catch {
      setNotice("Could not copy: select the text and copy it yourself.");
    }
  }

  return (
    <Card aria-labelledby={`${ids}-heading`}>
      <CardHeader>
        <CardTitle id={`${ids}-heading`} className="flex flex-wrap items-center gap-2">
          AI reply draft
          {demo ? <DemoAiBadge /> : null}
        </CardTitle>
        <CardDescription>
          A suggestion written by AI from this case. Check and edit it; it is saved only as a note, never sent.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <div className="flex flex-wrap items-end gap-3">
          <div>
            <Label htmlFor={`${ids}-language`}>Language</Label>
            <Select
              id={`${ids}-language`}
              className="mt-1.5"
              value={language}
              onChange={(e) => setLanguage(e.target.value)}
              disabled={streaming}
            >
              {supported ? null : <option value="">Organisation default</option>}
              {REPLY_LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {REPLY_LANGUAGE_LABELS[l]}
                  {l === citizenLanguage ? " (citizen's language)" : ""}
                </option>
              ))}
            </Select>
          </div>
          {streaming ? (
            <Button variant="secondary" size="sm" onClick={cancel}>
              Cancel
            </Button>
          ) : state.status === "error" && state.error?.code !== "AI_NOT_CONFIGURED" ? (
            <Button size="sm" onClick={retry}>
              Retry
            </Button>
          ) : (
            <Button size="sm" onClick={draft} disabled={state.error?.code === "AI_NOT_CONFIGURED"}>
              {state.status === "idle" ? "Draft a reply" : "Draft again"}
            </Button>
          )}
        </div>

        {state.status !== "idle" || value ? (
          <div>
            <Label htmlFor={`${ids}-text`}>Reply draft</Label>
            <textarea
              id={`${ids}-text`}
              rows={10}
              value={value}
              readOnly={streaming}
              aria-busy={streaming}
              maxLength={NOTE_MAX}
              onChange={(e) => setEdited(e.target.value)}
              aria-invalid={saveError ? true : undefined}
              aria-describedby={saveError ? `${ids}-error` : undefined}
              className={textareaClasses("mt-1.5")}
              placeholder={streaming ? "Writing…" : undefined}
            />
            <FieldError id={`${ids}-error`} messages={saveError ?? undefined} />
          </div>
        ) : null}

        {state.status === "cancelled" ? (
          <p className="text-sm text-muted-foreground">Cancelled. The text so far can still be edited.</p>
        ) : null}
        {state.status === "error" && state.error ? <AiErrorAlert error={state.error} /> : null}
        {state.creditsUsed !== null && !streaming ? (
          <p className="text-xs text-muted-foreground">
            {state.creditsUsed} {state.creditsUsed === 1 ? "credit" : "credits"} used
            {state.balance !== null ? ` · ${state.balance} left` : ""}
          </p>
        ) : null}
        <p aria-live="polite" className="text-sm text-muted-foreground empty:hidden">
          {notice}
        </p>

        {hasDraft ? (
          <div className="flex flex-wrap gap-2">
            <Button size="sm" onClick={save} disabled={saving}>
              {saving ? <SpinnerIcon className="size-4" /> : null}
              Save as note
            </Button>
            <Button size="sm" variant="secondary" onClick={() => void copy()}>
              Copy
            </Button>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
