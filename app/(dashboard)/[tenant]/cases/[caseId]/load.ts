// The case behind a URL segment, for the case layout, page and metadata (cached: one read per
// request). A malformed id, a deleted citizen's case and another tenant's case id all look the
// same: Next's not-found page with status 404, never 403.
import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requireTenantAccess } from "@/lib/auth/tenant-access";
import { getCase } from "@/lib/cases/read";
import { NotFoundError } from "@/lib/errors";

export const loadCase = cache(async (slug: string, caseId: string) => {
  const access = await requireTenantAccess(slug);
  try {
    return await getCase({ tenantId: access.tenant.id }, caseId);
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
});
