"use client";
// Delete (to the trash), restore, and purge (erase for good, only from the trash).
import { useRouter } from "next/navigation";
import {
  deleteCitizenAction,
  purgeCitizenAction,
  restoreCitizenAction,
} from "@/app/(dashboard)/[tenant]/citizens/actions";
import { ConfirmActionButton } from "@/components/forms/confirm-action-button";

type Props = { slug: string; citizenId: string; name: string; deleted: boolean; canDelete: boolean; canPurge: boolean };

export function CitizenRecordActions({ slug, citizenId, name, deleted, canDelete, canPurge }: Props) {
  const router = useRouter();
  const after = (to: string) => (r: { ok: boolean }) => {
    if (r.ok) {
      router.push(to);
      router.refresh();
    }
  };
  if (!deleted) {
    return canDelete ? (
      <ConfirmActionButton
        label="Delete"
        confirmLabel="Move to trash"
        accessibleName={name}
        variant="secondary"
        run={() => deleteCitizenAction(slug, { id: citizenId })}
        onDone={after(`/${slug}/citizens`)}
      />
    ) : null;
  }
  return (
    <span className="inline-flex flex-wrap gap-2">
      {canDelete ? (
        <ConfirmActionButton
          label="Restore"
          confirmLabel="Restore record"
          accessibleName={name}
          run={() => restoreCitizenAction(slug, { id: citizenId })}
          onDone={after(`/${slug}/citizens/${citizenId}`)}
        />
      ) : null}
      {canPurge ? (
        <ConfirmActionButton
          label="Erase permanently"
          confirmLabel="Erase record and cases for good"
          accessibleName={name}
          variant="danger"
          run={() => purgeCitizenAction(slug, { id: citizenId })}
          onDone={after(`/${slug}/citizens?deleted=1`)}
        />
      ) : null}
    </span>
  );
}
