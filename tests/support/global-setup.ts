// Applies migrations once to the PostgreSQL test database (as its owner) before the
// integration tests run. With no DATABASE_URL there is nothing to do: each test file
// migrates its own in-memory PGlite.
import { Client } from "pg";
import { applyMigrations } from "../../lib/db/migrations/apply-migrations";
import { createPgRunner } from "../../lib/db/migrations/pg-runner";

export default async function globalSetup(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    process.stdout.write("\n[integration] no DATABASE_URL: using embedded PGlite (in memory, one per test file)\n");
    return;
  }
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { applied } = await applyMigrations(createPgRunner(client));
    process.stdout.write(`\n[integration] PostgreSQL ${client.database}: ${applied.length} migration(s) applied\n`);
  } finally {
    await client.end();
  }
}
