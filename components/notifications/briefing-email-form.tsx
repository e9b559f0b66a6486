"use client";
// The member's own switch for the daily briefing email: one checkbox, saved with the shared
// schema (lib/ai/features/briefing/schemas.ts) through the notifications page's action.
import { setBriefingEmailOptInAction } from "@/app/(dashboard)/[tenant]/settings/notifications/actions";
import { FormAlert } from "@/components/forms/form-alert";
import { useForm } from "@/components/forms/use-form";
import { Button } from "@/components/ui/button";
import { SpinnerIcon } from "@/components/ui/icons";
import { briefingEmailOptInSchema } from "@/lib/ai/features/briefing/schemas";

export function BriefingEmailForm({ slug, on }: { slug: string; on: boolean }) {
  const { formRef, state, isPending, error, onSubmit } = useForm({
    action: (_prev: Awaited<ReturnType<typeof setBriefingEmailOptInAction>> | null, data: FormData) =>
      setBriefingEmailOptInAction(slug, data),
    initialState: null,
    schema: briefingEmailOptInSchema,
  });
  const saved = state?.ok
    ? state.data.emailBriefing
      ? "You will get the daily briefing by email."
      : "You will no longer get the daily briefing by email."
    : null;
  return (
    <form
      ref={formRef}
      onSubmit={onSubmit}
      noValidate
      className="flex flex-col gap-4"
      aria-label="Daily briefing email"
    >
      <FormAlert error={error} success={saved} />
      <input type="hidden" name="emailBriefing" value="false" />
      <label className="flex items-start gap-2 text-sm text-foreground">
        <input
          type="checkbox"
          name="emailBriefing"
          value="true"
          defaultChecked={on}
          aria-describedby="briefing-email-hint"
          className="mt-0.5 size-4 rounded border-border accent-brand-600"
        />
        Email me the daily briefing
      </label>
      <p id="briefing-email-hint" className="-mt-2 text-xs text-muted-foreground">
        One email a day, after the briefing is written (the time is set in the AI settings). You stop getting it if you
        leave the organisation or lose access to its dashboard.
      </p>
      <div>
        <Button type="submit" size="sm" disabled={isPending}>
          {isPending ? <SpinnerIcon className="size-4" /> : null}
          Save
        </Button>
      </div>
    </form>
  );
}
