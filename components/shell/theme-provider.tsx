"use client";

import { createContext, use, useCallback, useLayoutEffect, useMemo, useSyncExternalStore } from "react";
import { THEME_STORAGE_KEY, applyTheme, readStoredTheme, watchSystemTheme, type Theme } from "@/components/shell/theme";

type ThemeContextValue = { theme: Theme; setTheme: (theme: Theme) => void };

const ThemeContext = createContext<ThemeContextValue | null>(null);

// localStorage is the single source of truth (the pre-paint script reads it too), so React
// subscribes to it instead of copying it into state: other tabs stay in sync via "storage".
const listeners = new Set<() => void>();

function subscribe(onChange: () => void) {
  listeners.add(onChange);
  const onStorage = (event: StorageEvent) => {
    if (event.key === THEME_STORAGE_KEY) onChange();
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener("storage", onStorage);
  };
}

// The server cannot know the preference; "system" is what the markup assumes, and React
// switches to the stored value right after hydration without a mismatch.
const getServerSnapshot = (): Theme => "system";

export function ThemeProvider({ children }: { children: React.ReactNode }) {
  const theme = useSyncExternalStore(subscribe, readStoredTheme, getServerSnapshot);

  // Layout effect, not effect: it runs before paint. The pre-paint script already set the class
  // on a full load; this re-applies it after development's Strict Mode remount resets <html>,
  // and applies changes made here or in another tab.
  useLayoutEffect(() => {
    applyTheme(theme);
    if (theme !== "system") return;
    return watchSystemTheme(() => applyTheme("system"));
  }, [theme]);

  const setTheme = useCallback((next: Theme) => {
    try {
      window.localStorage.setItem(THEME_STORAGE_KEY, next);
    } catch {
      // Storage unavailable: the choice still applies to this page view.
    }
    applyTheme(next);
    for (const listener of listeners) listener();
  }, []);

  const value = useMemo(() => ({ theme, setTheme }), [theme, setTheme]);
  return <ThemeContext value={value}>{children}</ThemeContext>;
}

export function useTheme(): ThemeContextValue {
  const value = use(ThemeContext);
  if (!value) throw new Error("useTheme must be used inside <ThemeProvider>");
  return value;
}
