"use client";
// After Stripe Checkout sends the browser back, the payment's webhooks are accepted at once but
// applied by the job queue a moment later: the page re-renders itself from the server a few
// times so the new plan and credits appear without a manual reload. Bounded (5 × 2 s), because
// the page cannot tell which of Stripe's events are still on their way.
import { useRouter } from "next/navigation";
import { useEffect } from "react";

const TRIES = 5;
const EVERY_MS = 2_000;

export function RefreshAfterCheckout() {
  const router = useRouter();
  useEffect(() => {
    let tries = 0;
    const timer = window.setInterval(() => {
      tries += 1;
      router.refresh();
      if (tries >= TRIES) window.clearInterval(timer);
    }, EVERY_MS);
    return () => window.clearInterval(timer);
  }, [router]);
  return null;
}
