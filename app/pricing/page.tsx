import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { PricingTable } from "@/components/billing/pricing-table";
import { resolveLocale } from "@/components/dashboard/format";
import { SkipLink } from "@/components/shell/skip-link";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { buttonClasses } from "@/components/ui/button";
import { Logo } from "@/components/ui/logo";

export const metadata: Metadata = { title: "Pricing" };

/**
 * The public pricing page (issue #12 item 1): the plans and credit packs from the one table the
 * server enforces. Prices are monthly, in euros, through Stripe; AI use is paid in credits.
 */
export default async function PricingPage() {
  const locale = resolveLocale((await headers()).get("accept-language"));
  return (
    <>
      <SkipLink />
      <header className="border-b border-border bg-surface/80 backdrop-blur">
        <div className="mx-auto flex h-16 max-w-6xl items-center gap-4 px-4 sm:px-6">
          <Link href="/" aria-label="Civitas home page" className="rounded-lg">
            <Logo />
          </Link>
          <div className="ml-auto flex items-center gap-2 sm:gap-3">
            <ThemeToggle />
            <Link href="/sign-in" className={buttonClasses({ size: "sm" })}>
              Sign in
            </Link>
          </div>
        </div>
      </header>
      <main id="main-content" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-12 outline-none sm:px-6">
        <h1 className="text-3xl font-semibold tracking-tight text-foreground">Pricing</h1>
        <p className="mt-3 max-w-2xl text-muted-foreground">
          Every plan includes the records, casework and audit trail. AI features spend credits (1 credit = $0.001 of
          model use), and each plan grants credits every month. Plans are billed monthly in euros through Stripe; an
          organisation&apos;s owner or admin upgrades, downgrades or cancels on its billing page.
        </p>
        <div className="mt-10">
          <PricingTable locale={locale} />
        </div>
      </main>
    </>
  );
}
