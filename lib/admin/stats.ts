// The headline numbers on the admin overview page. Global models only.
import "server-only";
import { getDb } from "@/lib/db";
import type { PlatformStats } from "./types";

export async function getPlatformStats(): Promise<PlatformStats> {
  const db = await getDb();
  const [tenants, users, disabledUsers, platformAdmins] = await Promise.all([
    db.tenant.count(),
    db.user.count(),
    db.user.count({ where: { disabledAt: { not: null } } }),
    db.user.count({ where: { platformRole: "ADMIN", disabledAt: null } }),
  ]);
  return { tenants, users, disabledUsers, platformAdmins };
}
