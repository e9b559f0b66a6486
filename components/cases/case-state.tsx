"use client";
// The newest known state of the case on its page, shared by the status buttons, the assignee
// picker and the details form. Every change bumps the case's version and each control must send
// the version it builds on; a control that succeeded hands the returned snapshot here, so the
// next change from any control carries the new version at once, before the page has refreshed.
// Versions only grow, so whichever of the page's props and the last answer is newer wins.
import { createContext, use, useCallback, useMemo, useState } from "react";
import type { CaseSnapshot } from "@/lib/cases/snapshot";

type CaseState = { current: CaseSnapshot; accept: (snapshot: CaseSnapshot) => void };

const CaseStateContext = createContext<CaseState | null>(null);

export function CaseStateProvider({ snapshot, children }: { snapshot: CaseSnapshot; children: React.ReactNode }) {
  const [latest, setLatest] = useState<CaseSnapshot | null>(null);
  const current = latest && latest.id === snapshot.id && latest.version > snapshot.version ? latest : snapshot;
  const accept = useCallback(
    (next: CaseSnapshot) => setLatest((prev) => (prev && prev.version >= next.version ? prev : next)),
    [],
  );
  const value = useMemo(() => ({ current, accept }), [current, accept]);
  return <CaseStateContext value={value}>{children}</CaseStateContext>;
}

export function useCaseState(): CaseState {
  const state = use(CaseStateContext);
  if (!state) throw new Error("useCaseState() needs a <CaseStateProvider> above it");
  return state;
}
