"use client";
// Saved views of a list (citizens or cases): open one (a link with its parameters), save the
// current filters under a name (optionally shared with the organisation), delete your own.
// Each list has its own pair of actions, guarded by that list's read permission.
import Link from "next/link";
import { useState, useTransition } from "react";
import { deleteCasesViewAction, saveCasesViewAction } from "@/app/(dashboard)/[tenant]/cases/actions";
import { deleteCitizensViewAction, saveCitizensViewAction } from "@/app/(dashboard)/[tenant]/citizens/actions";
import { Button } from "@/components/ui/button";
import { CloseIcon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import type { SavedViewResource } from "@/lib/saved-views/schemas";
import type { SavedViewItem } from "@/lib/saved-views/types";

const ACTIONS = {
  citizens: { save: saveCitizensViewAction, remove: deleteCitizensViewAction },
  cases: { save: saveCasesViewAction, remove: deleteCasesViewAction },
} satisfies Record<SavedViewResource, unknown>;

type Props = {
  slug: string;
  resource: SavedViewResource;
  allLabel: string;
  views: SavedViewItem[];
  current: Record<string, string>;
  activeViewId?: string;
  /** From lib/saved-views/access.ts: the role may keep views of this list, and share them. */
  canSave: boolean;
  canShare: boolean;
};

export function SavedViews({ slug, resource, allLabel, views, current, activeViewId, canSave, canShare }: Props) {
  const actions = ACTIONS[resource];
  const basePath = `/${slug}/${resource}`;
  const [name, setName] = useState("");
  const [shared, setShared] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [pending, startTransition] = useTransition();
  const hasFilters = Object.keys(current).length > 0;
  // The open view stands out (aria-current says it to screen readers, this to the eye).
  const pill = (active: boolean) =>
    active
      ? "border-brand-600 bg-brand-50 font-medium text-brand-800 dark:border-brand-300 dark:bg-brand-400/15 dark:text-brand-200"
      : "border-border";

  return (
    <div className="flex flex-wrap items-center gap-2">
      <span className="text-sm font-medium text-muted-foreground">Views:</span>
      <Link
        href={basePath}
        className={`rounded-full border px-3 py-1 text-sm hover:bg-surface-muted ${pill(!activeViewId && !hasFilters)}`}
        aria-current={!activeViewId && !hasFilters ? "page" : undefined}
      >
        {allLabel}
      </Link>
      {views.map((v) => (
        <span
          key={v.id}
          className={`inline-flex items-center rounded-full border text-sm ${pill(activeViewId === v.id)}`}
        >
          <Link
            href={`${basePath}?${new URLSearchParams({ ...v.query, view: v.id })}`}
            className="rounded-l-full py-1 pr-2 pl-3 hover:bg-surface-muted"
            aria-current={activeViewId === v.id ? "page" : undefined}
          >
            {v.name}
            {v.shared ? <span className="text-muted-foreground"> · shared</span> : null}
          </Link>
          {v.mine ? (
            <button
              type="button"
              aria-label={`Delete view ${v.name}`}
              className="rounded-r-full py-1 pr-2 pl-1 text-muted-foreground hover:text-red-600"
              onClick={() => startTransition(async () => void (await actions.remove(slug, { id: v.id })))}
            >
              <CloseIcon className="size-3.5" />
            </button>
          ) : null}
        </span>
      ))}
      {canSave && hasFilters && !saving ? (
        <Button size="sm" variant="ghost" onClick={() => setSaving(true)}>
          Save this view
        </Button>
      ) : null}
      {saving ? (
        <form
          className="flex flex-wrap items-center gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            startTransition(async () => {
              const result = await actions.save(slug, { name, shared: canShare && shared, query: current });
              if (result.ok) {
                setSaving(false);
                setName("");
                setError(null);
              } else setError(result.fieldErrors?.name?.[0] ?? result.message);
            });
          }}
        >
          <label htmlFor="view-name" className="sr-only">
            View name
          </label>
          <Input
            id="view-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="View name"
            className="h-8 w-44"
            autoFocus
            maxLength={60}
          />
          {canShare ? (
            <label className="inline-flex items-center gap-1.5 text-sm">
              <input
                type="checkbox"
                checked={shared}
                onChange={(e) => setShared(e.target.checked)}
                className="size-4 accent-brand-600"
              />{" "}
              Share with the team
            </label>
          ) : null}
          <Button size="sm" type="submit" disabled={pending}>
            Save
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setSaving(false)}>
            Cancel
          </Button>
          {error ? (
            <span role="alert" className="text-sm text-red-700 dark:text-red-300">
              {error}
            </span>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}
