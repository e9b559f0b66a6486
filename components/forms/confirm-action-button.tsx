"use client";
// A button for a destructive or weighty action (remove, revoke, leave): the first press asks
// "are you sure?" in place, the second runs the server action. Errors show beside it.
//
// Keyboard users keep their place (issue #13): asking moves focus to Cancel (the safe choice;
// a second Enter never deletes), Cancel or Escape returns it to the button that asked, a
// pending action is aria-disabled rather than disabled (a disabled button drops focus to
// <body>), and when the action removes this control from the page focus goes to `focusAfter`
// (a CSS selector) or else the page's main region.
import { useEffect, useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { SpinnerIcon } from "@/components/ui/icons";
import type { ActionResult } from "@/lib/auth/guard";

type Props = {
  label: string;
  confirmLabel: string;
  /** Names the thing acted on, for screen readers ("Remove Jane Doe"). */
  accessibleName?: string;
  run: () => Promise<ActionResult<unknown>>;
  onDone?: (result: ActionResult<unknown>) => void;
  variant?: "danger" | "secondary";
  /** Where focus goes when a successful action takes this control off the page. */
  focusAfter?: string;
};

/** Focus for after the control is gone: the named element, else the main region. */
function focusFallback(selector: string | undefined) {
  const target =
    (selector ? document.querySelector<HTMLElement>(selector) : null) ?? document.getElementById("main-content");
  if (!target) return;
  if (!target.hasAttribute("tabindex") && !target.matches("a[href],button,input,select,textarea"))
    target.setAttribute("tabindex", "-1");
  target.focus();
}

export function ConfirmActionButton({
  label,
  confirmLabel,
  accessibleName,
  run,
  onDone,
  variant = "secondary",
  focusAfter,
}: Props) {
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const trigger = useRef<HTMLButtonElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  // What to focus after the next render: set by the event that changed the view.
  const focusNext = useRef<"cancel" | "trigger" | null>(null);

  useEffect(() => {
    if (focusNext.current === "cancel") cancel.current?.focus();
    if (focusNext.current === "trigger") trigger.current?.focus();
    focusNext.current = null;
  }, [asking]);

  function stopAsking() {
    if (pending) return;
    focusNext.current = "trigger";
    setAsking(false);
    setError(null);
  }

  function confirm() {
    if (pending) return;
    startTransition(async () => {
      const result = await run();
      if (result.ok) {
        focusNext.current = "trigger";
        setAsking(false);
        setError(null);
      } else setError(result.message);
      onDone?.(result);
      if (result.ok) {
        // The row may be re-rendered without this control, or the page replaced: for ten
        // seconds, whenever focus has fallen to <body>, put it back somewhere sensible. Three
        // seconds was shorter than a navigation to the list on a loaded machine (the e2e saw
        // focus left on <body>); the check is one comparison every 250 ms.
        let tries = 0;
        const timer = setInterval(() => {
          tries += 1;
          if (!document.activeElement || document.activeElement === document.body) focusFallback(focusAfter);
          if (tries >= 40) clearInterval(timer);
        }, 250);
      }
    });
  }

  return (
    <span
      className="inline-flex flex-wrap items-center justify-end gap-2"
      onKeyDown={(e) => {
        if (asking && e.key === "Escape" && !pending) {
          e.stopPropagation();
          stopAsking();
        }
      }}
    >
      {asking ? (
        <>
          <Button
            size="sm"
            variant="danger"
            onClick={confirm}
            aria-disabled={pending || undefined}
            aria-label={accessibleName ? `${confirmLabel}: ${accessibleName}` : undefined}
          >
            {pending ? <SpinnerIcon className="size-4" /> : null}
            {confirmLabel}
          </Button>
          <Button ref={cancel} size="sm" variant="ghost" onClick={stopAsking} aria-disabled={pending || undefined}>
            Cancel
          </Button>
        </>
      ) : (
        <Button
          ref={trigger}
          size="sm"
          variant={variant}
          onClick={() => {
            focusNext.current = "cancel";
            setAsking(true);
          }}
          aria-label={accessibleName ? `${label} ${accessibleName}` : undefined}
        >
          {label}
        </Button>
      )}
      {error ? (
        <span role="alert" className="w-full text-right text-sm text-red-700 dark:text-red-300">
          {error}
        </span>
      ) : null}
    </span>
  );
}
