// Runs once when a server instance starts. Validates the configuration (a bad value stops the
// process with a message naming the variable) and opens the database, which for the embedded
// database also migrates and, on first start, seeds it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./lib/server/start");
  await startServer();
}
