// One page-title pattern for every tenant page (issue #13 item 10): "Cases – Gemeente Gent",
// which the root layout's template completes to "Cases – Gemeente Gent · Civitas".
import "server-only";
import type { Metadata } from "next";
import { requireTenantAccess } from "@/lib/auth/tenant-access";

export async function tenantTitle(slug: string, page: string): Promise<Metadata> {
  const access = await requireTenantAccess(slug); // cached: the page's own look-up
  return { title: `${page} – ${access.tenant.name}` };
}

/** generateMetadata for a page whose title is a fixed word ("Security"). */
export const tenantMetadata =
  (page: string) =>
  async ({ params }: { params: Promise<{ tenant: string }> }): Promise<Metadata> =>
    tenantTitle((await params).tenant, page);
