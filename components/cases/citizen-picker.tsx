"use client";
// Whom a new case is for, chosen in the form: search as you type over the citizens list's own
// query (pickCitizenAction), as a WAI-ARIA combobox: arrows move through the suggestions, Enter
// chooses, Escape closes the list. The choice travels as the hidden citizenId field the shared
// schema checks; "Change" goes back to searching.
import { useEffect, useId, useRef, useState } from "react";
import { pickCitizenAction } from "@/app/(dashboard)/[tenant]/cases/actions";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { FieldError } from "@/components/ui/field-error";
import { SpinnerIcon } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { CitizenChoice } from "@/lib/citizens/pick";

/** How long typing pauses before a search is sent: one query per word, not per key. */
const DEBOUNCE_MS = 200;

type Search = { q: string; status: "idle" | "loading" | "done" | "error"; items: CitizenChoice[]; message?: string };

export function CitizenPicker({
  slug,
  idPrefix,
  errors,
  onPicked,
}: {
  slug: string;
  idPrefix: string;
  errors?: string[];
  onPicked?: () => void;
}) {
  const listId = useId();
  const inputId = `${idPrefix}-citizen`;
  const inputRef = useRef<HTMLInputElement>(null);
  const changeRef = useRef<HTMLButtonElement>(null);
  const [text, setText] = useState("");
  const [search, setSearch] = useState<Search>({ q: "", status: "idle", items: [] });
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [chosen, setChosen] = useState<CitizenChoice | null>(null);
  const [focusAfterChoice, setFocusAfterChoice] = useState<"change" | "input" | null>(null);

  const q = text.trim();
  useEffect(() => {
    if (!q) return;
    let current = true;
    const timer = setTimeout(async () => {
      setSearch((s) => ({ ...s, q, status: "loading" }));
      const result = await pickCitizenAction(slug, { q }).catch(() => null);
      if (!current) return;
      if (result?.ok) setSearch({ q, status: "done", items: result.data });
      else
        setSearch({ q, status: "error", items: [], message: result?.message ?? "The search did not work: try again." });
      setActive(-1);
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [q, slug]);

  // Focus follows the choice: to "Change" once chosen, back to the search when changing.
  useEffect(() => {
    if (focusAfterChoice === "change") changeRef.current?.focus();
    if (focusAfterChoice === "input") inputRef.current?.focus();
  }, [focusAfterChoice]);

  const items = q && search.q === q ? search.items : [];
  const expanded = open && !!q && (search.status === "done" || search.status === "error");
  const invalid = !!errors?.length;

  function choose(citizen: CitizenChoice) {
    setChosen(citizen);
    setOpen(false);
    setFocusAfterChoice("change");
    onPicked?.();
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      setOpen(true);
      if (items.length === 0) return;
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (i + step + items.length) % items.length);
    } else if (event.key === "Enter") {
      // Enter picks the highlighted suggestion; it never submits the half-filled form.
      event.preventDefault();
      const pick = items[active] ?? (items.length === 1 ? items[0] : undefined);
      if (pick) choose(pick);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      setOpen(false);
    }
  }

  if (chosen) {
    return (
      <div>
        <input type="hidden" name="citizenId" value={chosen.id} />
        <p className="text-sm font-medium text-foreground">For</p>
        <div className="mt-1.5 flex flex-wrap items-center gap-3">
          <span className="text-sm text-foreground" id={`${inputId}-chosen`}>
            {chosen.name}
            {chosen.city ? <span className="text-muted-foreground"> · {chosen.city}</span> : null}
          </span>
          <Button
            ref={changeRef}
            type="button"
            variant="secondary"
            size="sm"
            aria-describedby={`${inputId}-chosen`}
            onClick={() => {
              setChosen(null);
              setFocusAfterChoice("input");
            }}
          >
            Change citizen
          </Button>
        </div>
      </div>
    );
  }

  return (
    <div className="relative">
      <input type="hidden" name="citizenId" value="" />
      <Label htmlFor={inputId}>For which citizen</Label>
      <p id={`${inputId}-hint`} className="mt-0.5 text-sm text-muted-foreground">
        Type part of their name, then choose them from the list.
      </p>
      <div className="relative mt-1.5">
        <Input
          ref={inputRef}
          id={inputId}
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
          aria-invalid={invalid || undefined}
          aria-describedby={[`${inputId}-hint`, invalid ? `${inputId}-error` : undefined].filter(Boolean).join(" ")}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onKeyDown={onKeyDown}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
        />
        {q && search.status === "loading" ? (
          <SpinnerIcon className="absolute top-3 right-3 size-4 text-muted-foreground" aria-hidden="true" />
        ) : null}
      </div>
      <ul
        id={listId}
        role="listbox"
        aria-label="Matching citizens"
        hidden={!expanded}
        className="absolute z-20 mt-1 max-h-72 w-full overflow-auto rounded-lg border border-border bg-surface py-1 shadow-lg"
      >
        {items.map((c, i) => (
          <li
            key={c.id}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            // mousedown, not click: the input's blur would close the list first.
            onMouseDown={(e) => {
              e.preventDefault();
              choose(c);
            }}
            className={cn(
              "cursor-pointer px-3 py-2 text-sm text-foreground",
              i === active
                ? "bg-brand-50 text-brand-800 dark:bg-brand-400/15 dark:text-brand-200"
                : "hover:bg-surface-muted",
            )}
          >
            {c.name}
            {c.city ? <span className="text-muted-foreground"> · {c.city}</span> : null}
          </li>
        ))}
      </ul>
      {/* Announced as results arrive; also the visible "nobody found" and error text. */}
      <p role="status" className="mt-1 text-sm text-muted-foreground">
        {expanded && search.status === "done"
          ? items.length === 0
            ? `No citizen matches “${q}”.`
            : `${items.length === 1 ? "1 citizen matches" : `${items.length} citizens match`}: use the arrow keys to choose.`
          : ""}
        {expanded && search.status === "error" ? search.message : ""}
      </p>
      <FieldError id={`${inputId}-error`} messages={errors} />
    </div>
  );
}
