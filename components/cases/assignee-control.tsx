"use client";
// Quick reassignment from the case header: the picker shows the new assignee at once
// (useOptimistic) and falls back, with a toast, if the server refuses.
import { useOptimistic, useTransition } from "react";
import { assignCaseAction } from "@/app/(dashboard)/[tenant]/cases/actions";
import { SpinnerIcon } from "@/components/ui/icons";
import { Select } from "@/components/ui/select";
import { useCaseState } from "./case-state";
import { assigneeOptions, type Assignee } from "./case-fields";
import { useFailureToast } from "./use-failure-toast";

export function AssigneeControl({
  slug,
  assignees,
  currentAssignee,
}: {
  slug: string;
  assignees: Assignee[];
  currentAssignee: Assignee | null;
}) {
  const { current, accept } = useCaseState();
  const [assigneeId, setOptimisticAssignee] = useOptimistic(current.assigneeId ?? "");
  const [pending, startTransition] = useTransition();
  const reportFailure = useFailureToast();

  function change(next: string) {
    // Not `disabled` while saving: that would throw keyboard focus out of the picker.
    if (pending) return;
    startTransition(async () => {
      setOptimisticAssignee(next);
      const result = await assignCaseAction(slug, { id: current.id, version: current.version, assigneeId: next });
      if (result.ok) startTransition(() => accept(result.data));
      else reportFailure(result, next ? "Could not reassign the case" : "Could not unassign the case");
    });
  }

  return (
    <span className="inline-flex items-center gap-2">
      <Select
        aria-label="Assignee"
        value={assigneeId}
        onChange={(e) => change(e.target.value)}
        aria-busy={pending || undefined}
        className="h-8 w-56 max-w-full"
      >
        <option value="">Unassigned</option>
        {assigneeOptions(assignees, assigneeId, currentAssignee).map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </Select>
      {pending ? <SpinnerIcon className="size-4 text-muted-foreground" /> : null}
    </span>
  );
}
