"use client";

import { ThemeProvider } from "@/components/shell/theme-provider";
import { ToastProvider } from "@/components/ui/toast";

/**
 * Client-side context for the whole app: the theme preference and toasts. The data-fetching
 * cache is not here: only tenant pages use it, and it is mounted there (components/query-provider).
 */
export function Providers({ children }: { children: React.ReactNode }) {
  return (
    <ThemeProvider>
      <ToastProvider>{children}</ToastProvider>
    </ThemeProvider>
  );
}
