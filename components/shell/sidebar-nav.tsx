"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import {
  BuildingIcon,
  ChatIcon,
  DocumentIcon,
  FolderIcon,
  GlobeIcon,
  HistoryIcon,
  HomeIcon,
  LockIcon,
  CoinsIcon,
  SparklesIcon,
  UsersIcon,
} from "@/components/ui/icons";
import { can } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/enums";
import { cn } from "@/components/ui/cn";

type NavItem = { href: string; label: string; Icon: typeof HomeIcon; exact?: boolean };

// Only pages that exist are linked, and only those the role may open (the same permission
// table the server checks: lib/auth/permissions.ts).
function navItems(slug: string, role: Role): NavItem[] {
  const items: Array<NavItem | false> = [
    { href: `/${slug}`, label: "Dashboard", Icon: HomeIcon, exact: true },
    { href: `/${slug}/citizens`, label: "Citizens", Icon: UsersIcon },
    { href: `/${slug}/cases`, label: "Cases", Icon: FolderIcon },
    can(role, "audit.read") && { href: `/${slug}/audit`, label: "Audit log", Icon: HistoryIcon },
    { href: `/${slug}/settings/members`, label: "Members", Icon: BuildingIcon },
    can(role, "custom_field.manage") && {
      href: `/${slug}/settings/fields`,
      label: "Custom fields",
      Icon: DocumentIcon,
    },
    can(role, "ai_settings.manage") && { href: `/${slug}/settings/ai`, label: "AI settings", Icon: SparklesIcon },
    can(role, "tenant.update") && {
      href: `/${slug}/settings/region`,
      label: "Region and format",
      Icon: GlobeIcon,
    },
    can(role, "billing.read") && { href: `/${slug}/settings/billing`, label: "Plan and credits", Icon: CoinsIcon },
    can(role, "dashboard.read") && {
      href: `/${slug}/settings/notifications`,
      label: "Notifications",
      Icon: ChatIcon,
    },
    { href: `/${slug}/settings/security`, label: "Security", Icon: LockIcon },
  ];
  return items.filter((i): i is NavItem => !!i);
}

function isActive(pathname: string, item: NavItem) {
  return item.exact ? pathname === item.href : pathname === item.href || pathname.startsWith(`${item.href}/`);
}

/** The primary navigation links; a client component only to mark the current page. */
export function SidebarNav({ slug, role }: { slug: string; role: Role }) {
  const pathname = usePathname();

  return (
    <ul className="flex flex-col gap-1 px-3 py-4">
      {navItems(slug, role).map((item) => {
        const active = isActive(pathname, item);
        return (
          <li key={item.href}>
            {/* No prefetch: every tenant page is rendered per request (session, tenant, CSP nonce), so
                prefetching the 11 links rendered 11 pages on the server for each page viewed
                (measured in the e2e server's access log: most of its requests). */}
            <Link
              href={item.href}
              prefetch={false}
              aria-current={active ? "page" : undefined}
              className={cn(
                "flex items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium transition-colors",
                active
                  ? "bg-brand-50 text-brand-800 dark:bg-brand-400/15 dark:text-brand-200"
                  : "text-muted-foreground hover:bg-surface-muted hover:text-foreground",
              )}
            >
              <item.Icon className="size-5" />
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
