import Link from "next/link";
import { Logo } from "@/components/ui/logo";
import { SidebarNav } from "@/components/shell/sidebar-nav";
import type { Role } from "@/lib/generated/prisma/enums";

/**
 * Brand, navigation and the organisation in view; shared by the desktop column and the drawer.
 * All of it sits in the nav landmark so no sidebar content floats outside a landmark.
 */
export function Sidebar({ slug, tenantName, role }: { slug: string; tenantName: string; role: Role }) {
  return (
    <nav aria-label="Main" className="flex h-full flex-col">
      <div className="flex h-16 shrink-0 items-center border-b border-border px-5">
        <Link href={`/${slug}`} aria-label={`Civitas: ${tenantName} dashboard`} className="rounded-lg">
          <Logo />
        </Link>
      </div>
      <SidebarNav slug={slug} role={role} />
      <p className="mt-auto border-t border-border px-5 py-4 text-xs text-muted-foreground">
        <span className="block font-medium text-foreground">{tenantName}</span>
        Citizen records workspace
      </p>
    </nav>
  );
}
