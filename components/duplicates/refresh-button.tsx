"use client";
// "Find duplicates now": runs the finder on demand (the nightly job does it otherwise) and says
// what it found in a live region.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { refreshDuplicatesAction } from "@/app/(dashboard)/[tenant]/citizens/duplicates/actions";
import { Button } from "@/components/ui/button";
import { SpinnerIcon } from "@/components/ui/icons";

export function RefreshDuplicatesButton({ slug }: { slug: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const run = () => {
    if (pending) return;
    start(async () => {
      const r = await refreshDuplicatesAction(slug, {});
      if (r.ok) {
        setMessage({
          ok: true,
          text: `Found ${r.data.found} possible duplicate${r.data.found === 1 ? "" : "s"} in ${(r.data.milliseconds / 1000).toFixed(1)} s.`,
        });
        router.refresh();
      } else setMessage({ ok: false, text: r.message });
    });
  };
  return (
    <div className="flex flex-col items-end gap-1">
      <Button onClick={run} aria-disabled={pending}>
        {pending ? <SpinnerIcon className="size-4 animate-spin" aria-hidden /> : null}
        {pending ? "Searching…" : "Find duplicates now"}
      </Button>
      <p
        role="status"
        className={message?.ok === false ? "text-sm text-red-700 dark:text-red-300" : "text-sm text-muted-foreground"}
      >
        {message?.text ?? ""}
      </p>
    </div>
  );
}
