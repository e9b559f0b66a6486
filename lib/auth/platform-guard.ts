// The guards of the platform admin area (app/(admin)/admin), the counterpart of
// lib/auth/guard.ts for people who run the platform rather than work in a tenant. Each one
// re-reads the user's row on every request (lib/admin/access-decision.ts decides): the
// session token says who someone is, never whether they are still an enabled platform admin.
//
//   requirePlatformAdmin()       pages and layouts: signed out → sign in; otherwise not an
//                                enabled admin → 404, so the area does not announce itself
//   platformAction(schema, fn)   server actions: parse, call, map errors (401 / 403 / fields)
//   withPlatformAdmin(handler)   route handlers, on withRequest: 401 / 403 as JSON
import "server-only";
import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import type { NextRequest } from "next/server";
import type { z } from "zod";
import { decidePlatformAccess, type PlatformAccessDecision } from "@/lib/admin/access-decision";
import { loadPlatformUser } from "@/lib/admin/platform-admin";
import type { PlatformAdminUser, PlatformContext } from "@/lib/admin/types";
import { enrichLogContext } from "@/lib/context/request-context";
import { ForbiddenError, UnauthorizedError } from "@/lib/errors";
import { withRequest } from "@/lib/http/with-request";
import { runGuardedAction, type ActionResult } from "./guard";
import { currentUser } from "./session";
import { currentRequestId } from "./tenant-access";

export type { PlatformContext };

async function decide(): Promise<PlatformAccessDecision> {
  const user = await currentUser();
  return decidePlatformAccess(user?.id, user ? await loadPlatformUser(user.id) : null);
}

/** The same decision as an error, for actions and route handlers. */
async function authorizePlatformAdmin(): Promise<PlatformAdminUser> {
  const decision = await decide();
  if (decision.kind === "sign_in") throw new UnauthorizedError();
  if (decision.kind === "denied") throw new ForbiddenError();
  enrichLogContext({ userId: decision.admin.id, actorType: "platform_admin" });
  return decision.admin;
}

/**
 * For the admin layout and pages. `cache` lets the layout and the page of one request share
 * the look-up; each request still reads the row afresh.
 */
export const requirePlatformAdmin = cache(async (): Promise<PlatformContext & { admin: PlatformAdminUser }> => {
  const decision = await decide();
  if (decision.kind === "sign_in") redirect(`/sign-in?callbackUrl=${encodeURIComponent("/admin")}`);
  if (decision.kind === "denied") notFound();
  // A page render's context is the HTTP request's record: its audit events (a cross-tenant
  // read) carry the access line's request id, IP and browser.
  enrichLogContext({ userId: decision.admin.id, actorType: "platform_admin" });
  return { adminId: decision.admin.id, requestId: await currentRequestId(), admin: decision.admin };
});

/**
 * Server actions of the admin area: `export const disableUser = platformAction(schema,
 * (ctx, input) => setUserDisabled(ctx, input))`, called with an object or FormData.
 */
export function platformAction<S extends z.ZodType, T>(
  schema: S,
  fn: (ctx: PlatformContext, input: z.infer<S>) => Promise<T>,
) {
  // The request meta carries IP and browser too, not just the id: admin actions are audited with them.
  return (input: unknown): Promise<ActionResult<T>> =>
    runGuardedAction(
      schema,
      input,
      async ({ requestId }) => ({ adminId: (await authorizePlatformAdmin()).id, requestId }),
      fn,
    );
}

/** Route handlers for platform admins: `export const GET = withPlatformAdmin(async (req, ctx) => …)`. */
export function withPlatformAdmin<P = Record<string, never>>(
  handler: (req: NextRequest, ctx: PlatformContext, params: P) => Promise<Response>,
) {
  return withRequest<P>(async (req, { params, requestId }) => {
    const admin = await authorizePlatformAdmin();
    return handler(req, { adminId: admin.id, requestId }, params);
  });
}
