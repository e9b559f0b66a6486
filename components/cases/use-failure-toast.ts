"use client";
// How a refused quick change (status, assignee) is reported: the control has already rolled
// back; the toast says why in the server's words. A version conflict offers to reload the page,
// which brings the other person's change and the current version.
import { useRouter } from "next/navigation";
import { useCallback } from "react";
import { useToast } from "@/components/ui/toast";
import type { ActionFailure } from "@/lib/errors/action";

export function useFailureToast(): (failure: ActionFailure, title: string) => void {
  const toast = useToast();
  const router = useRouter();
  return useCallback(
    (failure: ActionFailure, title: string) => {
      if (failure.code === "CONFLICT") {
        toast({
          tone: "error",
          title: "Someone else changed this case",
          description: `${title}. ${failure.message}`,
          action: { label: "Reload", onClick: () => router.refresh() },
        });
      } else if (failure.code === "WRITE_OUTCOME_UNKNOWN") {
        // The control shows the old value again, but the change may be in: look before redoing it.
        toast({
          tone: "error",
          title: "May not have been saved",
          description: failure.message,
          action: { label: "Reload to check", onClick: () => router.refresh() },
        });
      } else {
        toast({ tone: "error", title, description: failure.message });
      }
    },
    [toast, router],
  );
}
