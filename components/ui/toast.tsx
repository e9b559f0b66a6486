"use client";
// A tiny toast system for results that arrive after the user has moved on (an optimistic
// change the server refused, a background save). Wrap the app in <ToastProvider> (done in
// components/providers.tsx) and call `useToast()` anywhere below it:
//
//   const toast = useToast();
//   toast({ title: "Could not save", description: result.message, tone: "error",
//           action: { label: "Reload", onClick: () => router.refresh() } });
//
// Screen readers: the two live containers are rendered from the start (live regions that appear
// together with their text are often not announced); errors go to role="alert" (assertive), the
// rest to role="status" (polite). Toasts dismiss themselves after 6 s, but not while the pointer
// or keyboard focus is on them, so nobody loses a message (or its button) mid-read.
import { createContext, useCallback, useContext, useEffect, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import { AlertIcon, CloseIcon } from "@/components/ui/icons";

export type ToastTone = "error" | "success" | "info";

export type ToastOptions = {
  title: string;
  description?: string;
  tone: ToastTone;
  /** One follow-up button ("Reload", "Undo"); pressing it also dismisses the toast. */
  action?: { label: string; onClick: () => void };
};

type ToastItem = ToastOptions & { id: number };

const AUTO_DISMISS_MS = 6_000;
/** Older toasts make way so the stack never covers the page. */
const MAX_VISIBLE = 4;

const ToastContext = createContext<((options: ToastOptions) => void) | null>(null);

/** Returns `toast(options)`. Throws outside <ToastProvider>, so a missing provider is found early. */
export function useToast(): (options: ToastOptions) => void {
  const toast = useContext(ToastContext);
  if (!toast) throw new Error("useToast() needs a <ToastProvider> above it");
  return toast;
}

export function ToastProvider({ children }: { children: React.ReactNode }) {
  const [toasts, setToasts] = useState<ToastItem[]>([]);
  const nextId = useRef(0);

  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), []);
  const toast = useCallback((options: ToastOptions) => {
    const id = ++nextId.current;
    setToasts((all) => [...all, { ...options, id }].slice(-MAX_VISIBLE));
  }, []);

  const errors = toasts.filter((t) => t.tone === "error");
  const others = toasts.filter((t) => t.tone !== "error");

  return (
    <ToastContext value={toast}>
      {children}
      <div
        role="region"
        aria-label="Notifications"
        className="pointer-events-none fixed inset-x-0 bottom-0 z-50 flex flex-col items-center gap-2 p-4 sm:inset-x-auto sm:right-0 sm:items-end"
      >
        <div role="alert" aria-live="assertive" className="flex w-full flex-col items-center gap-2 sm:items-end">
          {errors.map((t) => (
            <Toast key={t.id} item={t} onDismiss={dismiss} />
          ))}
        </div>
        <div role="status" aria-live="polite" className="flex w-full flex-col items-center gap-2 sm:items-end">
          {others.map((t) => (
            <Toast key={t.id} item={t} onDismiss={dismiss} />
          ))}
        </div>
      </div>
    </ToastContext>
  );
}

const toneClasses: Record<ToastTone, string> = {
  error: "border-red-300 dark:border-red-400/40",
  success: "border-emerald-300 dark:border-emerald-400/40",
  info: "border-border",
};

const iconClasses: Record<ToastTone, string> = {
  error: "text-red-600 dark:text-red-300",
  success: "text-emerald-600 dark:text-emerald-300",
  info: "text-brand-600 dark:text-brand-300",
};

function Toast({ item, onDismiss }: { item: ToastItem; onDismiss: (id: number) => void }) {
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const paused = hovered || focused;

  // The timer restarts after a pause: a message someone just looked at gets its full time again.
  useEffect(() => {
    if (paused) return;
    const timer = setTimeout(() => onDismiss(item.id), AUTO_DISMISS_MS);
    return () => clearTimeout(timer);
  }, [paused, item.id, onDismiss]);

  const { action } = item;

  return (
    <div
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocused(false);
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape") onDismiss(item.id);
      }}
      className={cn(
        "pointer-events-auto flex w-full max-w-sm items-start gap-3 rounded-xl border bg-surface p-4 text-sm text-foreground shadow-lg",
        // Slides in only for people who have not asked for reduced motion.
        "motion-safe:transition motion-safe:duration-200 motion-safe:ease-out motion-safe:starting:translate-y-2 motion-safe:starting:opacity-0",
        toneClasses[item.tone],
      )}
    >
      {item.tone === "error" ? (
        <AlertIcon className={cn("mt-px size-5", iconClasses.error)} />
      ) : (
        <span
          aria-hidden="true"
          className={cn("mt-1.5 size-2.5 shrink-0 rounded-full bg-current", iconClasses[item.tone])}
        />
      )}
      <div className="min-w-0 flex-1">
        <p className="font-medium">{item.title}</p>
        {item.description ? <p className="mt-1 text-muted-foreground">{item.description}</p> : null}
        {action ? (
          <button
            type="button"
            onClick={() => {
              action.onClick();
              onDismiss(item.id);
            }}
            className="mt-2 rounded-md font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800 dark:text-brand-300 dark:hover:text-brand-200"
          >
            {action.label}
          </button>
        ) : null}
      </div>
      <button
        type="button"
        onClick={() => onDismiss(item.id)}
        aria-label={`Dismiss notification: ${item.title}`}
        className="-m-1 rounded-md p-1 text-muted-foreground hover:bg-surface-muted hover:text-foreground"
      >
        <CloseIcon className="size-4" />
      </button>
    </div>
  );
}
