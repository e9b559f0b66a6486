// The gate in front of every tenant page: signed in, and a member of the tenant in the URL.
// A tenant the user does not belong to answers 404 (never 403): its existence is not shown.
import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { requireUserOrRedirect } from "./session";
import { authorizeTenant } from "./authorize";
import { NotFoundError } from "@/lib/errors";
import type { TenantAccess } from "@/lib/tenants/types";
import type { TenantContext } from "@/lib/context/request-context";
import { currentLogContext, enrichLogContext } from "@/lib/context/request-context";
import { requestIdFrom } from "@/lib/context/request-id";

// `cache` makes the layout and the page of one request share a single look-up. Pages make the
// same decision as the guards (authorizeTenant); only the answers differ: a redirect to
// sign-in instead of a 401, Next's not-found page instead of a 404 body.
export const requireTenantAccess = cache(async (slug: string): Promise<TenantAccess> => {
  const user = await requireUserOrRedirect(`/${slug}`);
  const access = await authorizeTenant(user, slug, "tenant.read").catch((err: unknown) => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  });
  enrichLogContext({ tenantId: access.tenant.id, userId: user.id });
  return access;
});

/**
 * The request id of the current context: the guard's, or in a page render the HTTP hook's
 * request record (the access line's id). The headers only answer where neither exists.
 */
export async function currentRequestId(): Promise<string> {
  return currentLogContext()?.requestId ?? requestIdFrom(await headers());
}

/** The request context business functions take, for the tenant in the URL. */
export async function tenantContext(slug: string): Promise<TenantContext> {
  const access = await requireTenantAccess(slug);
  return { tenantId: access.tenant.id, userId: access.user.id, role: access.role, requestId: await currentRequestId() };
}
