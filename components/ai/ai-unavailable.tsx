// Why an AI feature is not offered here, in words a person can act on: the plan does not include
// it (upgrade), the organisation turned it off (AI settings, for those who may change them), or
// AI is not configured on this installation. Server-renderable: no client code is loaded for a
// feature the tenant does not have.
import Link from "next/link";
import type { AiDeniedReason } from "@/lib/ai/access/decide";

type Props = {
  title: string;
  reason: AiDeniedReason;
  message: string;
  /** Where the person can change it: billing for "plan", AI settings for "disabled"; none otherwise. */
  href?: string | null;
};

const LINK_LABEL: Record<AiDeniedReason, string | null> = {
  plan: "See plans and billing",
  disabled: "Open AI settings",
  not_configured: null,
};

export function AiUnavailable({ title, reason, message, href }: Props) {
  const label = LINK_LABEL[reason];
  return (
    <section
      aria-label={title}
      className="rounded-xl border border-dashed border-border bg-surface p-4 text-sm text-muted-foreground"
    >
      <p className="font-medium text-foreground">{title}</p>
      <p className="mt-1">{message}</p>
      {href && label ? (
        <Link href={href} className="mt-2 inline-block font-medium text-brand-700 hover:underline dark:text-brand-300">
          {label}
        </Link>
      ) : null}
    </section>
  );
}
