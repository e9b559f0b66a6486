"use client";

import { useState } from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";

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

/**
 * The data-fetching cache, for the signed-in tenant pages only (live updates, the import
 * screen): mounted in the tenant layout rather than the root one so the landing, sign-in and
 * admin pages do not ship @tanstack/react-query (issue #14 item 3, page weight). The layout
 * stays mounted while a person moves between tenant pages, so the cache lives as long as before.
 */
export function QueryProvider({ children }: { children: React.ReactNode }) {
  // One client per browser session (lazy state), never shared between server requests.
  const [queryClient] = useState(makeQueryClient);
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
