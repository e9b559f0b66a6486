// The outage classifier on the embedded database's own errors (kept out of the unit project:
// starting PGlite takes seconds). A closed PGlite is an outage; a query it rejects is not.
import { PGlite } from "@electric-sql/pglite";
import { classifyDatabaseError } from "@/lib/db/unavailable";

async function caught(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  throw new Error("expected a failure");
}

test("PGlite: closed database is an outage; a syntax error is not", async () => {
  const pglite = new PGlite();
  const syntax = await caught(() => pglite.query("SELEKT 1"));
  await pglite.close();
  const closed = await caught(() => pglite.query("SELECT 1"));
  expect(classifyDatabaseError(closed)).toEqual({ kind: "connect", code: "PGLITE_CLOSED" });
  expect(classifyDatabaseError(syntax)).toBeNull();
});
