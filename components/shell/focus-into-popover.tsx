"use client";
// A native popover opens without moving focus (issue #13: the account menu did), so a
// keyboard user had to tab through the page to reach it. On open this focuses the popover's
// first link or button; Escape and light dismiss still come from the browser, which then
// returns focus to the invoking button.
import { useEffect } from "react";

export function FocusIntoPopover({ id }: { id: string }) {
  useEffect(() => {
    const popover = document.getElementById(id);
    if (!popover) return;
    const onToggle = (event: Event) => {
      if ((event as ToggleEvent).newState !== "open") return;
      popover.querySelector<HTMLElement>("a[href], button:not([disabled])")?.focus();
    };
    popover.addEventListener("toggle", onToggle);
    return () => popover.removeEventListener("toggle", onToggle);
  }, [id]);
  return null;
}
