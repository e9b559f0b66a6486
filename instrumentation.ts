// Runs once when a server instance starts. Hooks the Node HTTP server (peer address, request
// id, access log: lib/context/http-request-hook.ts), validates the configuration (a bad
// value stops the process with a message naming the variable) and opens the database, which
// for the embedded database also migrates and, on first start, seeds it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installHttpRequestHook } = await import("./lib/context/http-request-hook");
  installHttpRequestHook();
  const { startServer } = await import("./lib/server/start");
  await startServer();
  // The in-app job worker (lib/jobs), unless JOBS_WORKER=off.
  const { startInAppWorker } = await import("./lib/jobs/start");
  await startInAppWorker();
}

/** A page render failed: an unreachable database gets its one structured log line. */
export async function onRequestError(
  err: unknown,
  request: { path: string; headers: Record<string, string | string[] | undefined> },
) {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { reportRenderError } = await import("./lib/db/render-error");
  reportRenderError(err, request);
}
