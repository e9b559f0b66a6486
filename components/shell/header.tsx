import { MobileNav } from "@/components/shell/mobile-nav";
import { Sidebar } from "@/components/shell/sidebar";
import { TenantSwitcher } from "@/components/shell/tenant-switcher";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { UserMenu } from "@/components/shell/user-menu";
import type { TenantAccess } from "@/lib/tenants/types";

export function Header({ access }: { access: TenantAccess }) {
  const { tenant, memberships, user, role } = access;
  return (
    <header className="sticky top-0 z-30 flex h-16 shrink-0 items-center gap-2 border-b border-border bg-surface/95 px-4 backdrop-blur sm:gap-3 sm:px-6 lg:px-8">
      <MobileNav>
        <Sidebar slug={tenant.slug} tenantName={tenant.name} role={role} />
      </MobileNav>
      <TenantSwitcher current={tenant} memberships={memberships} />
      <div className="ml-auto flex shrink-0 items-center gap-2 sm:gap-3">
        {/* On phones the toggle lives in the navigation drawer to leave room for the name. */}
        <ThemeToggle className="hidden sm:block" />
        <UserMenu user={user} role={role} slug={tenant.slug} platformAdmin={user.platformAdmin} />
      </div>
    </header>
  );
}
