"use client";
// The case's status with the moves the workflow allows from it (lib/cases/workflow.ts). The badge
// changes the moment a button is pressed (useOptimistic); if the server refuses, it falls back by
// itself when the transition ends, and a toast says why.
import { useOptimistic, useRef, useTransition } from "react";
import { changeStatusAction } from "@/app/(dashboard)/[tenant]/cases/actions";
import { CaseStatusBadge } from "@/components/dashboard/case-badges";
import { Button } from "@/components/ui/button";
import { SpinnerIcon } from "@/components/ui/icons";
import { TRANSITIONS } from "@/lib/cases/workflow";
import type { CaseStatus } from "@/lib/generated/prisma/enums";
import { useCaseState } from "./case-state";
import { statusName, transitionLabel } from "./labels";
import { useFailureToast } from "./use-failure-toast";

export function StatusControl({ slug }: { slug: string }) {
  const { current, accept } = useCaseState();
  const [status, setOptimisticStatus] = useOptimistic(current.status);
  const [pending, startTransition] = useTransition();
  const reportFailure = useFailureToast();
  const groupRef = useRef<HTMLDivElement>(null);

  function move(to: CaseStatus) {
    // The pressed button disappears (the moves change with the status): keep focus in the control.
    groupRef.current?.focus();
    startTransition(async () => {
      setOptimisticStatus(to);
      const result = await changeStatusAction(slug, { id: current.id, version: current.version, status: to });
      if (result.ok) startTransition(() => accept(result.data));
      else reportFailure(result, `Could not mark it ${statusName(to).toLowerCase()}`);
    });
  }

  return (
    <div
      ref={groupRef}
      tabIndex={-1}
      role="group"
      aria-label="Status"
      // Busy until the server has answered: assistive technology (and a test about to reload)
      // can tell an optimistic badge from a saved one.
      aria-busy={pending}
      className="flex flex-wrap items-center gap-2 rounded-lg outline-offset-4"
    >
      {/* Announces the new status as soon as it shows, and again if it falls back. */}
      <span aria-live="polite" aria-atomic="true" className="inline-flex items-center gap-2">
        <span className="sr-only">Status:</span>
        <CaseStatusBadge status={status} />
        {pending ? (
          <>
            <SpinnerIcon className="size-4 text-muted-foreground" />
            <span className="sr-only">saving</span>
          </>
        ) : null}
      </span>
      {TRANSITIONS[status].map((to) => (
        <Button
          key={to}
          size="sm"
          variant={to === "RESOLVED" ? "primary" : "secondary"}
          disabled={pending}
          onClick={() => move(to)}
        >
          {transitionLabel(status, to)}
        </Button>
      ))}
    </div>
  );
}
