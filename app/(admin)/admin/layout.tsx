import type { Metadata } from "next";
import { AdminShell } from "@/components/admin/admin-shell";
import { requirePlatformAdmin } from "@/lib/auth/platform-guard";

export const metadata: Metadata = {
  title: { template: "%s · Civitas admin", default: "Civitas admin" },
  // Nothing here is for search engines, even if a crawler got past the guard.
  robots: { index: false, follow: false },
};

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  // Signed out → sign-in; signed in but not an enabled platform admin → 404. Each page checks
  // again: Next renders layouts and pages in parallel, so a page cannot rely on this one.
  const { admin } = await requirePlatformAdmin();
  return <AdminShell admin={admin}>{children}</AdminShell>;
}
