// The guards every server action and route handler goes through (tests/integration/guards
// checks that each one does). They authenticate, resolve the tenant from the URL, check
// membership and permission, set the request context for logs and the database, and map
// errors: the wrapped function only does its job.
import "server-only";
import type { NextRequest } from "next/server";
import type { z } from "zod";
import {
  enrichLogContext,
  runWithLogContext,
  type LogContext,
  type TenantContext,
} from "@/lib/context/request-context";
import { parseInput, UnauthorizedError } from "@/lib/errors";
import { actionFailure, type ActionFailure } from "@/lib/errors/action";
import { withRequest } from "@/lib/http/with-request";
import type { TenantAccess } from "@/lib/tenants/types";
import { authorizeTenant } from "./authorize";
import type { Permission } from "./permissions";
import { requestMetaFrom } from "@/lib/context/request-meta";
import { headers } from "next/headers";
import { currentUser, type SessionUser } from "./session";

export type GuardedContext = TenantContext & { access: TenantAccess };

function contextFor(access: TenantAccess, requestId: string): GuardedContext {
  enrichLogContext({ tenantId: access.tenant.id, userId: access.user.id });
  return { tenantId: access.tenant.id, userId: access.user.id, role: access.role, requestId, access };
}

/**
 * Route handlers under a `[tenant]` segment: `export const GET = withTenant("case.read",
 * async (req, ctx, params) => …)`. The tenant comes from the URL, never from the body.
 */
export function withTenant<P extends { tenant: string }>(
  permission: Permission,
  handler: (req: NextRequest, ctx: GuardedContext, params: P) => Promise<Response>,
) {
  return withRequest<P>(async (req, { params, requestId }) => {
    const access = await authorizeTenant(await currentUser(), params.tenant, permission);
    return handler(req, contextFor(access, requestId), params);
  });
}

export type ActionResult<T> = { ok: true; data: T } | ActionFailure;

/**
 * Server actions for a tenant: `export const updateCase = tenantAction("case.update", schema,
 * (ctx, input) => updateCaseFn(ctx, input))`, called as `updateCase(tenantSlug, input)`.
 * Input (an object or FormData) is parsed with the shared zod schema; failures come back as
 * field errors, never as a thrown 500.
 */
export function tenantAction<S extends z.ZodType, T>(
  permission: Permission,
  schema: S,
  fn: (ctx: GuardedContext, input: z.infer<S>) => Promise<T>,
) {
  return (tenantSlug: string, input: unknown): Promise<ActionResult<T>> =>
    runGuardedAction(
      schema,
      input,
      async ({ requestId }) =>
        contextFor(await authorizeTenant(await currentUser(), tenantSlug, permission), requestId),
      fn,
    );
}

/**
 * The one body of every `{ ok, data } | failure` action guard (tenant, user, platform admin):
 * request context from the headers, then `authorize` (which throws when refused), then the
 * input (an object or FormData) parsed with the shared schema, then `fn`; any error becomes
 * an ActionFailure, never a thrown 500.
 */
export async function runGuardedAction<C, S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  authorize: (meta: LogContext) => Promise<C>,
  fn: (ctx: C, input: z.infer<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  const meta = requestMetaFrom(await headers());
  return runWithLogContext(meta, async () => {
    try {
      const ctx = await authorize(meta);
      const parsed = parseInput(schema, input instanceof FormData ? Object.fromEntries(input) : input);
      return { ok: true as const, data: await fn(ctx, parsed) };
    } catch (err) {
      return actionFailure(err, meta.requestId);
    }
  });
}

/**
 * Server actions about the signed-in user themself, outside any tenant (their sessions, their
 * password, creating a tenant, accepting an invitation): signed in, input parsed, errors mapped.
 */
export function userAction<S extends z.ZodType, T>(
  schema: S,
  fn: (user: SessionUser, input: z.infer<S>) => Promise<T>,
) {
  return (input: unknown): Promise<ActionResult<T>> => runGuardedAction(schema, input, signedInUser, fn);
}

/** The signed-in user, or UnauthorizedError; their id joins the log context. */
async function signedInUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) throw new UnauthorizedError();
  enrichLogContext({ userId: user.id });
  return user;
}

/**
 * useActionState-shaped actions for the signed-in user's own forms (change password): the form
 * owns its state type; a signed-out caller or an unexpected error comes back as `error`.
 */
export function userFormAction<S extends { error?: string }>(
  fn: (user: SessionUser, prev: S, formData: FormData) => Promise<S>,
) {
  return async (prev: S, formData: FormData): Promise<S> => {
    const meta = requestMetaFrom(await headers());
    return runWithLogContext(meta, async () => {
      try {
        const user = await currentUser();
        if (!user) throw new UnauthorizedError("Your session has ended: sign in again");
        enrichLogContext({ userId: user.id });
        return await fn(user, prev, formData);
      } catch (err) {
        return { error: actionFailure(err, meta.requestId).message } as S;
      }
    });
  };
}

/** Server actions anyone may call (sign-in): request context and error mapping only. */
export function publicAction<A extends unknown[], R>(fn: (...args: A) => Promise<R>) {
  return async (...args: A): Promise<R> => {
    const meta = requestMetaFrom(await headers());
    return runWithLogContext(meta, () => fn(...args));
  };
}

/** Public route handlers (health, readiness): request id, logs and error mapping. */
export const publicRoute = withRequest;
