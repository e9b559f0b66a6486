"use client";

import { useId } from "react";
import { MonitorIcon, MoonIcon, SunIcon } from "@/components/ui/icons";
import { cn } from "@/components/ui/cn";
import { useTheme } from "@/components/shell/theme-provider";
import type { Theme } from "@/components/shell/theme";

const options: Array<{ value: Theme; label: string; Icon: typeof SunIcon }> = [
  { value: "light", label: "Light", Icon: SunIcon },
  { value: "dark", label: "Dark", Icon: MoonIcon },
  { value: "system", label: "System", Icon: MonitorIcon },
];

/**
 * Light / dark / system as a native radio group: arrow keys, focus and the checked state come
 * from the browser, and screen readers announce "Theme, Dark, radio button, 2 of 3".
 */
export function ThemeToggle({ className }: { className?: string }) {
  const { theme, setTheme } = useTheme();
  // Unique per instance: the toggle can be on screen twice (header and mobile drawer).
  const name = useId();

  return (
    <fieldset className={cn("min-w-0", className)}>
      <legend className="sr-only">Theme</legend>
      <div className="inline-flex rounded-lg border border-border bg-surface p-0.5">
        {options.map(({ value, label, Icon }) => (
          <label
            key={value}
            title={label}
            className={cn(
              "relative inline-flex size-8 items-center justify-center rounded-md text-muted-foreground hover:text-foreground",
              "has-[:checked]:bg-surface-muted has-[:checked]:text-foreground",
              // The real input is transparent, so its focus ring is drawn on the label.
              "has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-1 has-[:focus-visible]:outline-ring",
            )}
          >
            <input
              type="radio"
              name={name}
              value={value}
              aria-label={label}
              checked={theme === value}
              onChange={() => setTheme(value)}
              // Transparent but covering the label, so pointer clicks land on the input itself.
              className="absolute inset-0 z-10 m-0 size-full cursor-pointer appearance-none opacity-0"
            />
            <Icon className="size-4" />
          </label>
        ))}
      </div>
    </fieldset>
  );
}
