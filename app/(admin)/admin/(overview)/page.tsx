import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { StatCard } from "@/components/dashboard/stat-card";
import { formatNumber, resolveLocale } from "@/components/dashboard/format";
import { AlertIcon, ArrowRightIcon, BuildingIcon, ShieldIcon, UsersIcon } from "@/components/ui/icons";
import { getPlatformStats } from "@/lib/admin/stats";
import { requirePlatformAdmin } from "@/lib/auth/platform-guard";

export const metadata: Metadata = { title: "Overview" };

export default async function AdminOverviewPage() {
  await requirePlatformAdmin();
  const [stats, requestHeaders] = await Promise.all([getPlatformStats(), headers()]);
  const locale = resolveLocale(requestHeaders.get("accept-language"));

  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-foreground">Platform overview</h1>
        <p className="mt-1 text-sm text-muted-foreground">
          Every organisation and account on this Civitas installation.
        </p>
      </div>

      <section aria-labelledby="platform-stats-heading">
        <h2 id="platform-stats-heading" className="sr-only">
          Key figures
        </h2>
        <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <StatCard
            label="Tenants"
            value={formatNumber(stats.tenants, locale)}
            hint="Organisations"
            Icon={BuildingIcon}
          />
          <StatCard label="Users" value={formatNumber(stats.users, locale)} hint="Staff accounts" Icon={UsersIcon} />
          <StatCard
            label="Disabled users"
            value={formatNumber(stats.disabledUsers, locale)}
            hint={stats.disabledUsers > 0 ? "Cannot sign in until enabled" : "No account is disabled"}
            Icon={AlertIcon}
            tone={stats.disabledUsers > 0 ? "warning" : "default"}
          />
          <StatCard
            label="Platform admins"
            value={formatNumber(stats.platformAdmins, locale)}
            hint="Enabled accounts with admin rights"
            Icon={ShieldIcon}
          />
        </dl>
      </section>

      <ul className="grid gap-4 sm:grid-cols-2">
        <NavCard
          href="/admin/tenants"
          title="Tenants"
          body="Search organisations, see their members and, with a recorded reason, their data."
        />
        <NavCard
          href="/admin/users"
          title="Users"
          body="Search accounts, see their last sign-in, disable or enable them."
        />
      </ul>
    </div>
  );
}

function NavCard({ href, title, body }: { href: string; title: string; body: string }) {
  return (
    <li>
      <Link
        href={href}
        className="group flex h-full flex-col gap-1 rounded-xl border border-border bg-surface p-5 shadow-sm hover:bg-surface-muted/60"
      >
        <span className="flex items-center gap-2 font-semibold text-foreground">
          {title}
          <ArrowRightIcon className="size-4 text-muted-foreground group-hover:text-foreground" />
        </span>
        <span className="text-sm text-muted-foreground">{body}</span>
      </Link>
    </li>
  );
}
