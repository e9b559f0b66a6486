"use client";
// One interpreted filter as a chip: "Status: Open (any)". Selecting it opens an editor in place
// (a choice list or a text/day field; Enter in the field applies, Escape cancels and gives focus back to the
// chip); × removes it and moves focus to the next chip's neighbour the browser picks (the list).
import { useEffect, useId, useRef, useState } from "react";
import { CloseIcon } from "@/components/ui/icons";
import { chipDisplay, type ChipField } from "./chip-fields";

type Props = {
  field: ChipField;
  value: string;
  problem?: string;
  onChange: (value: string) => void;
  onRemove: () => void;
};

const inputClasses =
  "h-8 rounded-md border border-border bg-surface px-2 text-sm text-foreground focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500";

export function FilterChip({ field, value, problem, onChange, onRemove }: Props) {
  const ids = useId();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(value);
  const editorRef = useRef<HTMLInputElement & HTMLSelectElement>(null);
  const chipRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (editing) editorRef.current?.focus();
  }, [editing]);

  function close(apply: boolean) {
    if (apply) onChange(draft.trim());
    setEditing(false);
    requestAnimationFrame(() => chipRef.current?.focus());
  }

  if (editing)
    return (
      <form
        className="flex items-center gap-1 rounded-full border border-brand-500 bg-surface py-0.5 pr-1 pl-3"
        onSubmit={(e) => {
          e.preventDefault();
          close(true);
        }}
        onKeyDown={(e) => {
          if (e.key === "Escape") {
            e.preventDefault();
            close(false);
          } else if (e.key === "Enter" && e.target === editorRef.current) {
            // A select does not submit its form on Enter: apply from the editor either way.
            e.preventDefault();
            close(true);
          }
        }}
      >
        <label htmlFor={`${ids}-edit`} className="text-sm font-medium text-foreground">
          {field.label}
        </label>
        {field.kind === "choice" ? (
          <select
            id={`${ids}-edit`}
            ref={editorRef}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            className={inputClasses}
          >
            {field.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        ) : (
          <input
            id={`${ids}-edit`}
            ref={editorRef}
            type={field.kind === "day" ? "date" : "text"}
            value={draft}
            maxLength={200}
            onChange={(e) => setDraft(e.target.value)}
            className={inputClasses}
          />
        )}
        <button
          type="submit"
          className="rounded-full px-2 py-1 text-xs font-medium text-brand-700 hover:bg-surface-muted dark:text-brand-300"
        >
          Apply
        </button>
        <button
          type="button"
          onClick={() => close(false)}
          className="rounded-full px-2 py-1 text-xs text-muted-foreground hover:bg-surface-muted"
        >
          Cancel
        </button>
      </form>
    );

  return (
    <span
      className={`inline-flex items-center rounded-full border text-sm ${
        problem
          ? "border-red-400 bg-red-50 text-red-900 dark:border-red-400/50 dark:bg-red-400/10 dark:text-red-200"
          : "border-border bg-surface-muted text-foreground"
      }`}
    >
      <button
        ref={chipRef}
        type="button"
        onClick={() => {
          setDraft(value);
          setEditing(true);
        }}
        aria-describedby={problem ? `${ids}-problem` : undefined}
        className="rounded-l-full py-1 pr-1 pl-3 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
        title={`Change ${field.label.toLowerCase()}`}
      >
        <span className="font-medium">{field.label}:</span> {chipDisplay(field, value)}
      </button>
      {problem ? (
        <span id={`${ids}-problem`} className="sr-only">
          {problem}
        </span>
      ) : null}
      <button
        type="button"
        onClick={onRemove}
        aria-label={`Remove ${field.label.toLowerCase()} filter`}
        className="rounded-r-full p-1.5 text-muted-foreground hover:text-foreground focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
      >
        <CloseIcon className="size-3.5" />
      </button>
    </span>
  );
}
