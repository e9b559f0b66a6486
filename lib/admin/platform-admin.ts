// Reading a platform admin's standing from the database. The guards call loadPlatformUser on
// every request; business functions that change or reveal something call
// assertPlatformAdmin inside their own transaction, so a context built before the admin was
// demoted or disabled cannot be replayed into a write (defence in depth behind the guard).
import "server-only";
import { getDb } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import type { PlatformRole } from "@/lib/generated/prisma/enums";
import { decidePlatformAccess, type PlatformUserRow } from "./access-decision";
import type { PlatformContext } from "./types";
import { isUuid } from "@/lib/validation/uuid";

export async function loadPlatformUser(userId: string): Promise<PlatformUserRow | null> {
  // A malformed id (an old or forged token) is nobody, not a database error.
  if (!isUuid(userId)) return null;
  const db = await getDb();
  return db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, platformRole: true, disabledAt: true },
  });
}

/** Any client that runs tagged raw queries: the db, a transaction, a tenant transaction. */
export type RawReader = {
  $queryRaw<T = unknown>(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<T>;
};

type Row = { id: string; email: string; name: string; platform_role: PlatformRole; disabled_at: Date | null };

/** Throws ForbiddenError unless `ctx.adminId` is, right now, an enabled platform admin. */
export async function assertPlatformAdmin(tx: RawReader, ctx: PlatformContext): Promise<void> {
  if (!isUuid(ctx.adminId)) throw new ForbiddenError("Only platform admins can do this");
  const rows = await tx.$queryRaw<Row[]>`
    SELECT id, email, name, platform_role::text AS platform_role, disabled_at FROM users WHERE id = ${ctx.adminId}::uuid`;
  const row = rows[0];
  const decision = decidePlatformAccess(
    ctx.adminId,
    row
      ? { id: row.id, email: row.email, name: row.name, platformRole: row.platform_role, disabledAt: row.disabled_at }
      : null,
  );
  if (decision.kind !== "allow") throw new ForbiddenError("Only platform admins can do this");
}
