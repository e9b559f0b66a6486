// The admin area's one way past the memberships table's row-level security: membership counts
// per tenant and per user for its lists. It is explicit (the platform_directory policy only
// answers when app.platform_directory is set for the transaction, and only for reading) and
// only the admin pages call it, behind requirePlatformAdmin. A tenant's member list itself is
// read through readTenantAsPlatformAdmin (read-tenant.ts), which records an audit event.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getDb } from "@/lib/db";

type Db = Awaited<ReturnType<typeof getDb>>;

/** Runs `read` in one transaction that may count every tenant's memberships. */
export async function readPlatformDirectory<T>(read: (db: Db) => Prisma.PrismaPromise<T>): Promise<T> {
  const db = await getDb();
  const [, result] = await db.$transaction([
    db.$executeRaw`SELECT set_config('app.platform_directory', 'on', true)`,
    read(db),
  ]);
  return result;
}
