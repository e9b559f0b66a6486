// `npm run db:seed`: creates the demo tenant, its staff and a realistic data set in the
// configured database (DATABASE_URL, or the embedded one). Safe to run twice.
import { getConfig } from "../../lib/config";
import { connectPglite, connectPostgres } from "../../lib/db/connect";
import { seedDemo, DEMO_PASSWORD, DEMO_USERS } from "../../lib/db/seed/demo";
import { enforceKeyCheck } from "../../lib/crypto/key-check";
import { runAsSystem } from "../../lib/context/request-context";

async function main() {
  const config = getConfig();
  const handle = config.DATABASE_URL
    ? connectPostgres({ ...config, DATABASE_URL: config.DATABASE_URL })
    : await connectPglite(config);
  try {
    await enforceKeyCheck(handle.db); // records the key the seed writes with, or refuses
    const summary = await runAsSystem("seed", () => seedDemo(handle.db));
    if (summary.skipped) {
      console.log("Demo tenant already present; nothing to do.");
    } else {
      console.log(`Seeded tenant "demo": ${summary.citizens} citizens, ${summary.cases} cases.`);
    }
    console.log(
      `Sign in as ${DEMO_USERS.map((u) => `${u.email} (${u.role})`).join(", ")} with password "${DEMO_PASSWORD}".`,
    );
  } finally {
    await handle.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
