"use client";

import { useState } from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { ThemeProvider } from "@/components/shell/theme-provider";
import { ToastProvider } from "@/components/ui/toast";

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Pages arrive server-rendered; a short stale time stops an immediate client refetch.
        staleTime: 30_000,
        refetchOnWindowFocus: false,
      },
    },
  });
}

/** Client-side context for the whole app: data fetching cache, the theme preference, toasts. */
export function Providers({ children }: { children: React.ReactNode }) {
  // One client per browser session (lazy state), never shared between server requests.
  const [queryClient] = useState(makeQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <ThemeProvider>
        <ToastProvider>{children}</ToastProvider>
      </ThemeProvider>
    </QueryClientProvider>
  );
}
