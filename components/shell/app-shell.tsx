import { Header } from "@/components/shell/header";
import { Sidebar } from "@/components/shell/sidebar";
import { SkipLink } from "@/components/shell/skip-link";
import type { TenantAccess } from "@/lib/tenants/types";

/**
 * The signed-in frame: a fixed sidebar from `lg` up, a header with a navigation drawer below it,
 * and the page in <main>. Server component; only the interactive leaves are client code.
 */
export function AppShell({ access, children }: { access: TenantAccess; children: React.ReactNode }) {
  return (
    <>
      <SkipLink />
      <div className="min-h-dvh lg:grid lg:grid-cols-[16rem_minmax(0,1fr)]">
        <div className="hidden border-r border-border bg-surface lg:sticky lg:top-0 lg:block lg:h-dvh">
          <Sidebar slug={access.tenant.slug} tenantName={access.tenant.name} role={access.role} />
        </div>
        <div className="flex min-h-dvh min-w-0 flex-col">
          <Header access={access} />
          {/* tabIndex lets the skip link move focus here; it is a landmark, not a control. */}
          <main id="main-content" tabIndex={-1} className="flex-1 px-4 py-6 outline-none sm:px-6 lg:px-8">
            {children}
          </main>
        </div>
      </div>
    </>
  );
}
