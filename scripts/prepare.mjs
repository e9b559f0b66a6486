// Makes a fresh checkout runnable: generates the Prisma client when it is missing or older
// than prisma/schema.prisma. Cheap when nothing changed, so every entry script calls it.
import { existsSync, statSync } from "node:fs";
import { spawnSync } from "node:child_process";

const schema = "prisma/schema.prisma";
const marker = "lib/generated/prisma/client.ts";
const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync(schema).mtimeMs;
if (stale) {
  const r = spawnSync(process.execPath, ["scripts/prisma-generate.mjs"], { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
