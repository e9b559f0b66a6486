"use client";
// The side-by-side review: which record to keep, then each field's value from either record
// (personal fields masked, as on the record page). Merge asks for confirmation; "Not a
// duplicate" dismisses the pair for good. Keyboard: one radio group per row, labelled by the
// field's name; errors are announced.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { dismissDuplicateAction, mergeCitizensAction } from "@/app/(dashboard)/[tenant]/citizens/duplicates/actions";
import { ConfirmActionButton } from "@/components/forms/confirm-action-button";
import { Button } from "@/components/ui/button";
import { MERGE_FIELDS, MERGE_FIELD_LABELS, type MergeField } from "@/lib/citizens/duplicates/schemas";
import { mergePicks, type Side } from "./merge-picks";

export type ReviewSide = {
  id: string;
  version: number;
  name: string;
  cases: number;
  tags: string[];
  values: Record<MergeField, string | null>;
};

export function MergeForm({ slug, a, b }: { slug: string; a: ReviewSide; b: ReviewSide }) {
  const router = useRouter();
  const sides = { a, b };
  const [keep, setKeep] = useState<Side>(b.cases > a.cases ? "b" : "a");
  // Only the fields the person chose; every other field follows the record that stays (its value,
  // or the other's where it has none), also after "which record stays" changes. Defaulting to
  // side "a" gave the kept record the other's name whenever it happened to be "b" (ids decide
  // the sides), and the e2e failed on it half the time.
  const [chosen, setChosen] = useState<Partial<Record<MergeField, Side>>>({});
  const [error, setError] = useState<string | null>(null);
  const [dismissing, startDismiss] = useTransition();
  const other: Side = keep === "a" ? "b" : "a";
  const picks = mergePicks(keep, { a: a.values, b: b.values }, chosen);

  const merge = () => {
    const kept = sides[keep];
    const merged = sides[other];
    const choices = Object.fromEntries(MERGE_FIELDS.map((f) => [f, picks[f] === keep ? "kept" : "merged"]));
    return mergeCitizensAction(slug, {
      keptId: kept.id,
      mergedId: merged.id,
      keptVersion: kept.version,
      mergedVersion: merged.version,
      choices,
    });
  };
  const dismiss = () =>
    startDismiss(async () => {
      const r = await dismissDuplicateAction(slug, { citizenAId: a.id, citizenBId: b.id });
      if (r.ok) router.push(`/${slug}/citizens/duplicates?dismissed=1`);
      else setError(r.message);
    });

  return (
    <div className="flex flex-col gap-6">
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 font-medium text-foreground">Which record stays?</legend>
        {(["a", "b"] as const).map((s) => (
          <label key={s} className="flex items-center gap-2 text-sm text-foreground">
            <input type="radio" name="keep" value={s} checked={keep === s} onChange={() => setKeep(s)} />
            Keep {sides[s].name} ({sides[s].cases} case{sides[s].cases === 1 ? "" : "s"})
          </label>
        ))}
        <p className="text-sm text-muted-foreground">
          The other record becomes a tombstone: its cases move to the record that stays, and both records’ tags,
          consents (the latest decision per purpose) and notes are kept. The merge can be undone for 30 days.
        </p>
      </fieldset>

      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Choose each field’s value</caption>
          <thead className="text-muted-foreground">
            <tr>
              <th scope="col" className="py-2 pr-4 font-medium">
                Field
              </th>
              <th scope="col" className="py-2 pr-4 font-medium">
                {a.name}
              </th>
              <th scope="col" className="py-2 font-medium">
                {b.name}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {MERGE_FIELDS.map((f) => {
              const same = (a.values[f] ?? "") === (b.values[f] ?? "");
              return (
                <tr key={f} role="radiogroup" aria-label={MERGE_FIELD_LABELS[f]}>
                  <th scope="row" className="py-2 pr-4 font-medium text-foreground">
                    {MERGE_FIELD_LABELS[f]}
                  </th>
                  {(["a", "b"] as const).map((s) => (
                    <td key={s} className="py-2 pr-4">
                      <label className="flex items-center gap-2 text-foreground">
                        <input
                          type="radio"
                          name={`pick-${f}`}
                          value={s}
                          checked={picks[f] === s}
                          disabled={same}
                          onChange={() => setChosen((p) => ({ ...p, [f]: s }))}
                          aria-label={`${MERGE_FIELD_LABELS[f]} from ${sides[s].name}`}
                        />
                        <span className={sides[s].values[f] ? "" : "text-muted-foreground"}>
                          {sides[s].values[f] ?? "—"}
                        </span>
                      </label>
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
      <div className="flex flex-wrap items-start gap-3">
        <ConfirmActionButton
          label="Merge"
          confirmLabel={`Merge into ${sides[keep].name}`}
          accessibleName={`${a.name} and ${b.name}`}
          variant="danger"
          run={merge}
          onDone={(r) => {
            if (r.ok) {
              const data = r.data as { mergeId: string };
              router.push(`/${slug}/citizens/duplicates?merged=${data.mergeId}`);
            }
          }}
        />
        <Button variant="secondary" onClick={() => !dismissing && dismiss()} aria-disabled={dismissing}>
          {dismissing ? "Saving…" : "Not a duplicate"}
        </Button>
      </div>
    </div>
  );
}
