// A second process for tests/integration/pglite-dir-lock.test.ts: opens the embedded database in
// the directory given as its argument, says "ready", and holds it until it is signalled.
import { openPglite } from "../../lib/db/migrations/open-pglite";

const dir = process.argv[2];
if (!dir) throw new Error("usage: hold-pglite-dir.ts <data dir>");
void openPglite(dir).then(
  () => {
    process.stdout.write("ready\n");
    setInterval(() => undefined, 60_000); // stay alive until killed
  },
  (error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  },
);
