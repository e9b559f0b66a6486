"use client";
// Follows the tenant's event stream (/api/tenants/[tenant]/events) and refreshes what is on the
// screen when someone else changes a case or citizen: TanStack Query keys of the kind that
// changed are invalidated and the server components re-render (router.refresh), so dashboard
// counts and the lists update without a reload. Events carry ids only; the data is refetched
// through the guarded queries. Reconnects with backoff (1 s · 2ⁿ, max 30 s) and stays closed
// while the tab is hidden, refreshing once when it comes back.
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect } from "react";

type TenantEventFrame = { id: string; type: string; ids: string[] };

/** Several events in a burst (a bulk edit) cause one refresh, not one each. */
const REFRESH_DEBOUNCE_MS = 250;

export function useTenantEvents(tenantSlug: string): void {
  const router = useRouter();
  const queryClient = useQueryClient();

  useEffect(() => {
    let source: EventSource | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let refreshTimer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let stopped = false;
    const kinds = new Set<string>();

    const refresh = () => {
      clearTimeout(refreshTimer);
      refreshTimer = setTimeout(() => {
        for (const kind of kinds) void queryClient.invalidateQueries({ queryKey: [kind] });
        if (kinds.size === 0) void queryClient.invalidateQueries();
        kinds.clear();
        router.refresh();
      }, REFRESH_DEBOUNCE_MS);
    };

    const close = () => {
      source?.close();
      source = null;
      clearTimeout(retryTimer);
    };

    const open = () => {
      if (stopped || source || document.visibilityState === "hidden") return;
      const es = new EventSource(`/api/tenants/${encodeURIComponent(tenantSlug)}/events`);
      source = es;
      es.onopen = () => {
        attempt = 0;
      };
      es.addEventListener("tenant", (e) => {
        const event = JSON.parse((e as MessageEvent<string>).data) as TenantEventFrame;
        // "case.status_changed" → the "cases" keys; "citizen.updated" → "citizens".
        kinds.add(`${event.type.split(".")[0]}s`);
        refresh();
      });
      // The server could not tell what this tab missed: refetch everything.
      es.addEventListener("resync", refresh);
      // The session or membership ended: stop; the next navigation shows sign-in or 404.
      es.addEventListener("end", () => {
        stopped = true;
        close();
      });
      // EventSource retries on its own after a network error, but not after an HTTP error
      // (401/404/503 close it for good): reconnect ourselves, with backoff, quietly.
      es.onerror = () => {
        if (es.readyState !== EventSource.CLOSED) return;
        close();
        const delay = Math.min(30_000, 1000 * 2 ** attempt++);
        retryTimer = setTimeout(open, delay);
      };
    };

    const onVisibility = () => {
      if (document.visibilityState === "hidden") close();
      else if (!source && !stopped) {
        refresh(); // what changed while hidden
        open();
      }
    };

    open();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      stopped = true;
      document.removeEventListener("visibilitychange", onVisibility);
      clearTimeout(refreshTimer);
      close();
    };
  }, [tenantSlug, router, queryClient]);
}
