"use client";
// Undo of a merge (restores both records exactly; refused with the reason when it cannot).
import { useRouter } from "next/navigation";
import { undoMergeAction } from "@/app/(dashboard)/[tenant]/citizens/duplicates/actions";
import { ConfirmActionButton } from "@/components/forms/confirm-action-button";

export function UndoMergeButton({ slug, mergeId, name }: { slug: string; mergeId: string; name: string }) {
  const router = useRouter();
  return (
    <ConfirmActionButton
      label="Undo merge"
      confirmLabel="Restore both records"
      accessibleName={`the merge of ${name}`}
      run={() => undoMergeAction(slug, { mergeId })}
      onDone={(r) => {
        if (r.ok) {
          router.push(`/${slug}/citizens/duplicates?undone=1`);
          router.refresh();
        }
      }}
      focusAfter="h1"
    />
  );
}
