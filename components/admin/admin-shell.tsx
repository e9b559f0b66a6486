import Link from "next/link";
import { AdminNav } from "@/components/admin/admin-nav";
import { SkipLink } from "@/components/shell/skip-link";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { Badge } from "@/components/ui/badge";
import { Logo } from "@/components/ui/logo";
import type { PlatformAdminUser } from "@/lib/admin/types";

/**
 * The platform admin frame: deliberately plainer than the tenant shell (no tenant, no
 * sidebar), with a badge so nobody mistakes it for an organisation's workspace. The nav sits
 * in its own row on phones and beside the title from `md` up.
 */
export function AdminShell({ admin, children }: { admin: PlatformAdminUser; children: React.ReactNode }) {
  return (
    <>
      <SkipLink />
      <div className="flex min-h-dvh flex-col">
        <header className="sticky top-0 z-30 border-b border-border bg-surface/95 backdrop-blur">
          <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 sm:px-6 lg:px-8">
            <Link href="/admin" aria-label="Civitas admin: overview" className="flex items-center gap-2 rounded-lg">
              <Logo showWordmark={false} />
              <span className="text-lg font-semibold tracking-tight text-foreground">Civitas admin</span>
            </Link>
            <Badge tone="violet" className="hidden sm:inline-flex">
              Platform
            </Badge>
            <nav aria-label="Admin" className="order-last w-full md:order-none md:ml-4 md:w-auto">
              <AdminNav />
            </nav>
            <div className="ml-auto flex items-center gap-3">
              <span className="hidden max-w-56 truncate text-sm text-muted-foreground lg:inline" title={admin.email}>
                {admin.email}
              </span>
              <ThemeToggle />
              <Link href="/" className="rounded text-sm font-medium text-brand-700 hover:underline dark:text-brand-300">
                Back to Civitas
              </Link>
            </div>
          </div>
        </header>
        {/* tabIndex lets the skip link move focus here; it is a landmark, not a control. */}
        <main
          id="main-content"
          tabIndex={-1}
          className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 outline-none sm:px-6 lg:px-8"
        >
          {children}
        </main>
      </div>
    </>
  );
}
