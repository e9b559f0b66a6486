// The Anthropic wire server of the AI benchmarks (scripts/bench/ai.ts) in a process of its own,
// like the real provider: the parent scripts each reply over IPC ({ script } → { scripted }),
// and hears when a client closed its connection early ({ closed: epoch ms, high resolution }).
import { performance } from "node:perf_hooks";
import { startAnthropicServer, type ScriptedReply } from "../../tests/support/anthropic-server";

async function main() {
  const wire = await startAnthropicServer({ apiKey: process.env.BENCH_AI_KEY });
  process.on("message", (m: { script?: ScriptedReply }) => {
    if (m.script) {
      wire.script(m.script);
      process.send?.({ scripted: true });
    }
  });
  process.on("disconnect", () => void wire.close().then(() => process.exit(0)));
  process.send?.({ url: wire.url });
  for (let n = 1; ; n++) {
    const request = await wire.nextRequest(n);
    void request.clientClosed.then((t) => process.send?.({ closed: performance.timeOrigin + t }));
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
