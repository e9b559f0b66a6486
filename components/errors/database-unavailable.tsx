"use client";
// What a page shows when the server could not reach the database: not an error the person
// caused, and not "signed out" (the session cookie is untouched). It retries by itself every
// few seconds until the page loads; each failed retry mounts it afresh, restarting the count.
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { SpinnerIcon } from "@/components/ui/icons";

const RETRY_EVERY_S = 5;

export function DatabaseUnavailable({ retry }: { retry: () => void }) {
  const [left, setLeft] = useState(RETRY_EVERY_S);

  useEffect(() => {
    let remaining = RETRY_EVERY_S;
    const tick = setInterval(() => {
      remaining -= 1;
      if (remaining > 0) return setLeft(remaining);
      remaining = RETRY_EVERY_S;
      setLeft(remaining);
      retry();
    }, 1_000);
    return () => clearInterval(tick);
  }, [retry]);

  return (
    <div role="alert" className="mx-auto flex max-w-lg flex-col items-center gap-3 py-16 text-center">
      <SpinnerIcon className="size-8 text-muted-foreground" />
      <h1 className="text-xl font-semibold text-foreground">We can&apos;t reach the database — retrying</h1>
      <p className="text-sm text-muted-foreground">
        You are still signed in and nothing you saved before is lost. Trying again in{" "}
        <span className="tabular-nums">{left}</span> s.
      </p>
      <Button className="mt-2" variant="secondary" onClick={() => retry()}>
        Try now
      </Button>
    </div>
  );
}
