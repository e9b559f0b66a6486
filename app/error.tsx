"use client";
// Errors of a layout below the root (the tenant layout checks the session and the membership
// before any page boundary exists): an unreachable database gets the retrying notice; anything
// else the plain "went wrong" with its reference.
import { DatabaseUnavailable } from "@/components/errors/database-unavailable";
import { Button } from "@/components/ui/button";
import { isDatabaseUnavailableDigest } from "@/lib/errors/unavailable-digest";

type Props = { error: unknown; retry?: () => void; reset: () => void };

export default function RootError({ error, retry, reset }: Props) {
  const again = retry ?? reset;
  if (isDatabaseUnavailableDigest(error)) {
    return (
      <main className="flex min-h-dvh items-center justify-center px-4">
        <DatabaseUnavailable retry={again} />
      </main>
    );
  }
  const digest = error instanceof Error && "digest" in error ? String(error.digest) : undefined;
  return (
    <main role="alert" className="flex min-h-dvh flex-col items-center justify-center gap-3 px-4 text-center">
      <h1 className="text-xl font-semibold text-foreground">Something went wrong</h1>
      <p className="text-sm text-muted-foreground">
        This page could not be loaded. Try again; if it keeps happening, contact your administrator.
      </p>
      {digest ? (
        <p className="text-xs text-muted-foreground">
          Reference: <code className="font-mono">{digest}</code>
        </p>
      ) : null}
      <Button className="mt-2" onClick={() => again()}>
        Try again
      </Button>
    </main>
  );
}
