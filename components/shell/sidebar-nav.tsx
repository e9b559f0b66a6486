"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { HomeIcon, LockIcon, UsersIcon } from "@/components/ui/icons";
import { cn } from "@/components/ui/cn";

type NavItem = { href: string; label: string; Icon: typeof HomeIcon; exact?: boolean };

// Only pages that exist are linked; add Citizens, Cases, etc. here as their routes land.
function navItems(slug: string): NavItem[] {
  return [
    { href: `/${slug}`, label: "Dashboard", Icon: HomeIcon, exact: true },
    { href: `/${slug}/settings/members`, label: "Members", Icon: UsersIcon },
    { href: `/${slug}/settings/security`, label: "Security", Icon: LockIcon },
  ];
}

function isActive(pathname: string, item: NavItem) {
  return item.exact ? pathname === item.href : pathname === item.href || pathname.startsWith(`${item.href}/`);
}

/** The primary navigation links; a client component only to mark the current page. */
export function SidebarNav({ slug }: { slug: string }) {
  const pathname = usePathname();

  return (
    <ul className="flex flex-col gap-1 px-3 py-4">
      {navItems(slug).map((item) => {
        const active = isActive(pathname, item);
        return (
          <li key={item.href}>
            <Link
              href={item.href}
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
