"use client";

import { useEffect } from "react";
import { Button } from "@/components/ui/button";
import { AlertIcon } from "@/components/ui/icons";
import { DatabaseUnavailable } from "@/components/errors/database-unavailable";
import { isDatabaseUnavailableDigest } from "@/lib/errors/unavailable-digest";

type Props = {
  error: unknown;
  /** Re-fetches the segment from the server and re-renders it (Next 16). */
  retry?: () => void;
  /** Re-renders without re-fetching; the fallback when retry is not provided. */
  reset: () => void;
};

export default function DashboardError({ error, retry, reset }: Props) {
  // Server errors reach the client without their message (by design); the digest is what
  // matches the server log line, so it is worth showing to someone reporting the problem.
  const digest = error instanceof Error && "digest" in error ? String(error.digest) : undefined;

  useEffect(() => {
    console.error(error);
  }, [error]);

  // The database could not be reached: say so and keep retrying, instead of "went wrong".
  if (isDatabaseUnavailableDigest(error)) return <DatabaseUnavailable retry={retry ?? reset} />;

  return (
    <div role="alert" className="mx-auto flex max-w-lg flex-col items-center gap-3 py-16 text-center">
      <span className="flex size-12 items-center justify-center rounded-full bg-red-50 text-red-700 dark:bg-red-400/10 dark:text-red-300">
        <AlertIcon className="size-6" />
      </span>
      <h1 className="text-xl font-semibold text-foreground">Something went wrong</h1>
      <p className="text-sm text-muted-foreground">
        This page could not be loaded. Try again; if it keeps happening, contact your administrator.
      </p>
      {digest ? (
        <p className="text-xs text-muted-foreground">
          Reference: <code className="font-mono">{digest}</code>
        </p>
      ) : null}
      <Button className="mt-2" onClick={() => (retry ?? reset)()}>
        Try again
      </Button>
    </div>
  );
}
