// `npm run worker`: the job worker as its own process, for scale-out (run web instances with
// JOBS_WORKER=off and as many of these as the queues need). PostgreSQL only: the embedded
// database belongs to one process, so there the worker always runs inside the app.
// SIGTERM/SIGINT stop it gracefully: no new jobs are fetched, running handlers get up to 10 s
// to finish (unfinished ones are retried by another worker when they expire), then it exits 0.
import { getConfig } from "../lib/config";
import { getDatabase } from "../lib/db";
import { stopBoss } from "../lib/jobs/boss";
import { startWorker } from "../lib/jobs/worker";
import { logger } from "../lib/log/logger";

async function main(): Promise<void> {
  if (!getConfig().DATABASE_URL) {
    process.stderr.write(
      "npm run worker needs DATABASE_URL: on the embedded database the worker runs inside the app (npm run dev).\n",
    );
    process.exit(2);
  }
  await startWorker();
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "job worker stopping");
    await stopBoss(10_000);
    await (await getDatabase()).close();
    logger.info("job worker stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((err) => {
  logger.fatal({ err }, "job worker failed to start");
  process.exit(1);
});
