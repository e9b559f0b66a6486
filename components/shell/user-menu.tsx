import Link from "next/link";
import { signOutAction } from "@/app/(auth)/sign-out/actions";
import { ChevronDownIcon, SignOutIcon } from "@/components/ui/icons";
import type { TenantAccess } from "@/lib/tenants/types";
import { FocusIntoPopover } from "./focus-into-popover";

const roleLabels: Record<TenantAccess["role"], string> = {
  OWNER: "Owner",
  ADMIN: "Admin",
  MEMBER: "Member",
  VIEWER: "Viewer",
  COMPLIANCE: "Compliance",
};

function initials(name: string, email: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? `${parts[0]![0]}${parts.at(-1)![0]}` : (parts[0] ?? email).slice(0, 2);
  return letters.toUpperCase();
}

type Props = { user: TenantAccess["user"]; role: TenantAccess["role"]; slug: string; platformAdmin?: boolean };

const itemClass =
  "flex w-full items-center gap-2 rounded-lg px-3 py-2 text-left text-sm font-medium hover:bg-surface-muted";

/**
 * Account details and sign out in a native popover: Escape, click-outside and focus order come
 * from the browser; the one client piece moves focus into the menu when it opens.
 */
export function UserMenu({ user, role, slug, platformAdmin }: Props) {
  return (
    <div>
      <button
        type="button"
        popoverTarget="user-menu"
        className="flex items-center gap-1.5 rounded-full p-1 text-muted-foreground hover:bg-surface-muted hover:text-foreground"
      >
        <span
          aria-hidden="true"
          className="flex size-8 items-center justify-center rounded-full bg-brand-600 text-xs font-semibold text-white"
        >
          {initials(user.name, user.email)}
        </span>
        <span className="sr-only">Account: {user.name || user.email}</span>
        <ChevronDownIcon className="hidden size-4 sm:block" />
      </button>
      {/* No display utilities on the popover itself: they would override the browser's hiding. */}
      <div
        id="user-menu"
        popover="auto"
        className="fixed inset-auto top-15 right-3 m-0 w-72 max-w-[calc(100vw-1.5rem)] rounded-xl border border-border bg-surface p-0 text-foreground shadow-lg"
      >
        <div className="border-b border-border px-4 py-3">
          <p className="truncate text-sm font-medium">{user.name}</p>
          <p className="truncate text-sm text-muted-foreground">{user.email}</p>
          <p className="mt-1 text-xs text-muted-foreground">Role: {roleLabels[role]}</p>
        </div>
        <nav aria-label="Account" className="border-b border-border p-2">
          <Link href={`/${slug}/settings/security`} className={itemClass}>
            Security and sessions
          </Link>
          <Link href="/new" className={itemClass}>
            New organisation
          </Link>
          {platformAdmin ? (
            <Link href="/admin" className={itemClass}>
              Platform admin
            </Link>
          ) : null}
        </nav>
        <form action={signOutAction} className="p-2">
          <button type="submit" className={itemClass}>
            <SignOutIcon className="size-4 text-muted-foreground" />
            Sign out
          </button>
        </form>
      </div>
      <FocusIntoPopover id="user-menu" />
    </div>
  );
}
