// The gate in front of every tenant page: signed in, and a member of the tenant in the URL.
// A tenant the user does not belong to answers 404 (never 403): its existence is not shown.
import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { requireUserOrRedirect } from "./session";
import { resolveTenantAccess } from "@/lib/tenants/access";
import type { TenantAccess } from "@/lib/tenants/types";
import type { TenantContext } from "@/lib/context/request-context";
import { enrichLogContext } from "@/lib/context/request-context";
import { REQUEST_ID_HEADER, requestIdFrom } from "@/lib/context/request-id";

// `cache` makes the layout and the page of one request share a single look-up.
export const requireTenantAccess = cache(async (slug: string): Promise<TenantAccess> => {
  const user = await requireUserOrRedirect(`/${slug}`);
  const access = await resolveTenantAccess(user, slug);
  if (!access) notFound();
  enrichLogContext({ tenantId: access.tenant.id, userId: user.id });
  return access;
});

export async function currentRequestId(): Promise<string> {
  const h = await headers();
  return h.get(REQUEST_ID_HEADER) ?? requestIdFrom(h);
}

/** The request context business functions take, for the tenant in the URL. */
export async function tenantContext(slug: string): Promise<TenantContext> {
  const access = await requireTenantAccess(slug);
  return { tenantId: access.tenant.id, userId: access.user.id, role: access.role, requestId: await currentRequestId() };
}
