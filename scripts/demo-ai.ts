// `npm run dev:demo-ai`: the app with the offline demo model, for a newcomer without an
// Anthropic key. Starts the local Anthropic wire server (tests/support/anthropic-server.ts) in
// demo mode on a free port, then `next dev` with ANTHROPIC_BASE_URL pointing at it, AI_DEMO=1
// (the UI badges answers "Demo AI — offline") and a dummy key. The app makes the same SDK
// calls as in production; only the endpoint answering them differs.
//
//   npm run dev:demo-ai                    app + demo model (extra arguments go to next dev)
//   npm run dev:demo-ai -- --wire-only     only the demo model (for e2e or another app process);
//                                          AI_DEMO_PORT picks its port (default: a free one)
//   AI_DEMO_CHUNK_DELAY_MS                 pause between streamed chunks (default 15; the e2e
//                                          tests slow it down so a person can cancel halfway)
import { spawn } from "node:child_process";
import { startAnthropicServer } from "../tests/support/anthropic-server";

async function main() {
  const args = process.argv.slice(2);
  const wireOnly = args.includes("--wire-only");
  const nextArgs = args.filter((a) => a !== "--wire-only");
  const port = process.env.AI_DEMO_PORT ? Number(process.env.AI_DEMO_PORT) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`AI_DEMO_PORT=${process.env.AI_DEMO_PORT}: expected a port number (0-65535)`);
    process.exit(2);
  }
  const delay = process.env.AI_DEMO_CHUNK_DELAY_MS ? Number(process.env.AI_DEMO_CHUNK_DELAY_MS) : undefined;
  if (delay !== undefined && (!Number.isInteger(delay) || delay < 0 || delay > 10_000)) {
    console.error(`AI_DEMO_CHUNK_DELAY_MS=${process.env.AI_DEMO_CHUNK_DELAY_MS}: expected milliseconds (0-10000)`);
    process.exit(2);
  }
  const wire = await startAnthropicServer({ port, demoChunkDelayMs: delay });
  console.log(`[demo-ai] offline demo model (Anthropic wire protocol) at ${wire.url}`);
  if (wireOnly) {
    console.log(`[demo-ai] start the app with: AI_DEMO=1 ANTHROPIC_BASE_URL=${wire.url} npm run dev`);
    const stop = () => void wire.close().then(() => process.exit(0));
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    return;
  }
  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    AI_DEMO: "1",
    ANTHROPIC_BASE_URL: wire.url,
    // A real key in the environment would be sent to the demo server: replace it.
    ANTHROPIC_API_KEY: "demo-offline-key",
  };
  const next = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "dev", ...nextArgs], {
    stdio: "inherit",
    env,
  });
  const forward = (signal: NodeJS.Signals) => () => next.kill(signal);
  process.on("SIGINT", forward("SIGINT"));
  process.on("SIGTERM", forward("SIGTERM"));
  next.on("exit", (code) => {
    void wire.close().then(() => process.exit(code ?? 0));
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
