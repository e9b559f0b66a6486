"use client";
// Quick tag edits on a citizen: the change shows at once (useOptimistic) and is rolled back,
// with a message, when the server refuses (e.g. someone else edited the record meanwhile).
import { useOptimistic, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { setTagsAction } from "@/app/(dashboard)/[tenant]/citizens/actions";
import { useToast } from "@/components/ui/toast";
import { CloseIcon } from "@/components/ui/icons";

export function TagEditor({
  slug,
  citizenId,
  version: initialVersion,
  tags: initialTags,
  editable,
}: {
  slug: string;
  citizenId: string;
  version: number;
  tags: string[];
  editable: boolean;
}) {
  const [tags, setTags] = useState(initialTags);
  const [version, setVersion] = useState(initialVersion);
  const [optimisticTags, setOptimisticTags] = useOptimistic(tags);
  const [error, setError] = useState<string | null>(null);
  const [, startTransition] = useTransition();
  const inputRef = useRef<HTMLInputElement>(null);
  const toast = useToast();
  const router = useRouter();

  function save(next: string[]) {
    setError(null);
    startTransition(async () => {
      setOptimisticTags(next);
      const result = await setTagsAction(slug, { id: citizenId, version, tags: next });
      if (result.ok) {
        setTags(result.data.tags);
        setVersion(result.data.version);
      } else {
        // The optimistic value falls away at the end of the transition: the old tags return.
        if (result.code === "CONFLICT") {
          toast({
            tone: "error",
            title: "Tags not saved",
            description: "Someone else changed this record meanwhile.",
            action: { label: "Reload", onClick: () => router.refresh() },
          });
        } else if (result.code === "WRITE_OUTCOME_UNKNOWN") {
          toast({
            tone: "error",
            title: "Tags may not have been saved",
            description: result.message,
            action: { label: "Reload to check", onClick: () => router.refresh() },
          });
        } else {
          toast({ tone: "error", title: "Tags not saved", description: result.message });
          setError(result.fieldErrors?.tags?.[0] ?? null);
        }
      }
    });
  }

  return (
    <div className="flex flex-col gap-2">
      <ul className="flex flex-wrap gap-1.5" aria-label="Tags">
        {optimisticTags.length === 0 ? <li className="text-sm text-muted-foreground">No tags</li> : null}
        {optimisticTags.map((tag) => (
          <li
            key={tag}
            className="inline-flex items-center gap-1 rounded-md bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700 ring-1 ring-slate-500/20 ring-inset dark:bg-slate-400/10 dark:text-slate-300"
          >
            {tag}
            {editable ? (
              <button
                type="button"
                aria-label={`Remove tag ${tag}`}
                className="rounded hover:text-red-600"
                onClick={() => save(optimisticTags.filter((t) => t !== tag))}
              >
                <CloseIcon className="size-3" />
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {editable ? (
        <form
          className="flex gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            const value = inputRef.current?.value.trim().toLowerCase() ?? "";
            if (!value || optimisticTags.includes(value)) return;
            if (value.length > 40) return setError("A tag is at most 40 characters");
            if (inputRef.current) inputRef.current.value = "";
            save([...optimisticTags, value]);
          }}
        >
          <label htmlFor="add-tag" className="sr-only">
            Add a tag
          </label>
          <input
            id="add-tag"
            ref={inputRef}
            placeholder="Add a tag"
            maxLength={40}
            className="h-8 w-40 rounded-lg border border-border bg-surface px-2 text-sm"
          />
          <button
            type="submit"
            className="h-8 rounded-lg border border-border px-3 text-sm font-medium hover:bg-surface-muted"
          >
            Add
          </button>
        </form>
      ) : null}
      <p role="alert" className="text-sm text-red-700 empty:hidden dark:text-red-300">
        {error}
      </p>
    </div>
  );
}
