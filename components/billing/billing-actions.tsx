"use client";
// The billing page's buttons: upgrade, buy a credit pack, manage the subscription. Each opens a
// Stripe page; the attempt id is made once per visit, so a double click opens the same session.
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { openPortalAction, startCheckoutAction } from "@/app/(dashboard)/[tenant]/settings/billing/actions";
import type { CreditPack } from "@/lib/billing/credit-packs";

type Props = {
  tenantSlug: string;
  canUpgrade: boolean;
  upgradeLabel: string;
  hasCustomer: boolean;
  packs: readonly CreditPack[];
  priceOf: Record<string, string>;
};

export function BillingActions({ tenantSlug, canUpgrade, upgradeLabel, hasCustomer, packs, priceOf }: Props) {
  const [attempt] = useState(() => crypto.randomUUID());
  const [pending, startTransition] = useTransition();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const go = (key: string, run: () => Promise<{ ok: true; data: { url: string } } | { ok: false; message: string }>) =>
    startTransition(async () => {
      setBusy(key);
      setError(null);
      const result = await run();
      if (result.ok) {
        window.location.assign(result.data.url);
        return;
      }
      setBusy(null);
      setError(result.message);
    });

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap gap-3">
        {canUpgrade ? (
          <Button
            type="button"
            disabled={pending}
            onClick={() => go("plan", () => startCheckoutAction(tenantSlug, { kind: "plan", plan: "PRO", attempt }))}
          >
            {busy === "plan" ? "Opening checkout…" : upgradeLabel}
          </Button>
        ) : null}
        {hasCustomer ? (
          <Button
            type="button"
            variant="secondary"
            disabled={pending}
            onClick={() => go("portal", () => openPortalAction(tenantSlug, { attempt }))}
          >
            {busy === "portal" ? "Opening…" : "Manage subscription, payment methods and invoices"}
          </Button>
        ) : null}
      </div>
      <div>
        <h3 className="text-sm font-semibold text-foreground">Buy credits</h3>
        <ul className="mt-2 flex flex-wrap gap-3">
          {packs.map((p) => (
            <li key={p.id}>
              <Button
                type="button"
                variant="secondary"
                disabled={pending}
                onClick={() => go(p.id, () => startCheckoutAction(tenantSlug, { kind: "pack", pack: p.id, attempt }))}
              >
                {busy === p.id ? "Opening checkout…" : `Buy ${p.name} (${priceOf[p.id]})`}
              </Button>
            </li>
          ))}
        </ul>
      </div>
      <p role="alert" aria-live="assertive" className="text-sm text-red-700 empty:hidden dark:text-red-300">
        {error}
      </p>
    </div>
  );
}
