// Prisma 7 reads its CLI settings from here. Only `prisma generate` runs through the CLI in
// this project: migrations run through scripts/db/migrate.ts (offline, WASM schema engine).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
