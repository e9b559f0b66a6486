// The tenant-owned models, known synchronously at test-definition time (test.each needs
// them before any database is open). A client constructed with an adapter does not connect
// until first used, so this touches no database.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { buildModelMap, runtimeDataModelOf, tenantOwnedModels } from "../../lib/db/tenant-models";

export function tenantOwnedModelNames(): string[] {
  const client = new PrismaClient({
    adapter: new PrismaPg({ connectionString: "postgresql://unused@127.0.0.1:1/unused" }),
  });
  return tenantOwnedModels(buildModelMap(runtimeDataModelOf(client))).map((m) => m.name);
}
