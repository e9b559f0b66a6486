// The AI streaming benchmarks of `npm run bench` (no database needed), against the local
// Anthropic wire server (tests/support/anthropic-server.ts) in this process:
//   ai-cancel  a browser-like client aborts its fetch of an AI stream served by aiStreamResponse
//              on a plain node http server; app, wire server and client each in their own process
//              (scripts/bench/ai-app-server.ts, ai-wire-server.ts), as in production; measured: abort() → the wire server sees the upstream
//              socket close (median / p95 over BENCH_AI_RUNS ≥ 50 runs; target ≤ 100 ms)
//   ai-stream  time to first token and tokens/s: the SDK straight to the wire server vs the same
//              answer through streamText + aiStreamResponse + node http, read as the browser
//              reads it (fetch + decodeAiFrames), alternating in the same run; target: ≤ 5 ms
//              added to the first token. settle() is a no-op here (credits are measured apart).
import "./server-only-shim";
import { spawn } from "node:child_process";
import path from "node:path";
import { performance } from "node:perf_hooks";
import Anthropic from "@anthropic-ai/sdk";
import { decodeAiFrames } from "../../lib/ai/stream/protocol";
import type { ScriptedReply } from "../../tests/support/anthropic-server";
import { stats, type Stats } from "./measure";

const KEY = "bench-key";
const TOKENS = 200;
const chunks = Array.from({ length: TOKENS }, (_, i) => `t${i % 10} `);
const ask = {
  feature: "case_summary" as const,
  messages: [{ role: "user" as const, content: "Summarise" }],
  maxTokens: 1000,
};

type Child = { send: (m: unknown) => void; next: <T>(key: string) => Promise<T>; stop: () => void };

/** A bench process (tsx) that talks over IPC; next(key) resolves with the next message holding key. */
async function startChild(file: string, env: Record<string, string>): Promise<Child> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, file)], {
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const inbox: Array<Record<string, unknown>> = [];
  const waiting: Array<{ key: string; resolve: (v: unknown) => void }> = [];
  child.on("message", (m: Record<string, unknown>) => {
    const w = waiting.findIndex((x) => x.key in m);
    if (w === -1) return void inbox.push(m);
    const [x] = waiting.splice(w, 1);
    x!.resolve(m[x!.key]);
  });
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code) => reject(new Error(`bench process ${file} exited (${code})`))),
  );
  exited.catch(() => {});
  return {
    send: (m) => child.send(m as object),
    next: <T>(key: string) => {
      const i = inbox.findIndex((m) => key in m);
      if (i !== -1) return Promise.resolve(inbox.splice(i, 1)[0]![key] as T);
      return Promise.race([
        new Promise<T>((resolve) => waiting.push({ key, resolve: resolve as (v: unknown) => void })),
        exited,
      ]);
    },
    stop: () => child.kill(),
  };
}

/** Reads an AI stream like the browser hook: fetch, decode frames; times the first text frame. */
async function readApp(url: string, stopAfter?: number, controller = new AbortController()) {
  const t0 = performance.now();
  const res = await fetch(url, { signal: controller.signal });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let first = 0;
  let texts = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const r = decodeAiFrames(buffer + decoder.decode(value, { stream: true }));
    buffer = r.rest;
    for (const f of r.frames) {
      if (f.event !== "text") continue;
      if (texts++ === 0) first = performance.now();
      if (stopAfter !== undefined && texts >= stopAfter) return { t0, first, end: performance.now(), texts, reader };
    }
  }
  return { t0, first, end: performance.now(), texts, reader };
}

async function readSdk(client: Anthropic) {
  const t0 = performance.now();
  const stream = await client.messages.create({
    model: "claude-haiku-4-5",
    max_tokens: 1000,
    messages: ask.messages,
    stream: true,
  });
  let first = 0;
  let texts = 0;
  for await (const e of stream) {
    if (e.type === "content_block_delta" && e.delta.type === "text_delta" && texts++ === 0) first = performance.now();
  }
  return { t0, first, end: performance.now(), texts };
}

export type AiBenchResult = { name: string; lines: string[]; pass: boolean };

export async function runAiBenches(only: RegExp | null): Promise<AiBenchResult[]> {
  const want = (name: string) => !only || only.test(name);
  if (!want("ai-cancel") && !want("ai-stream")) return [];
  const runs = Math.max(50, Number(process.env.BENCH_AI_RUNS ?? 50));
  // Three processes, as in production: the provider (wire server), the app, the browser (here).
  const wire = await startChild("ai-wire-server.ts", { BENCH_AI_KEY: KEY });
  const wireUrl = await wire.next<string>("url");
  const app = await startChild("ai-app-server.ts", { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: wireUrl });
  const appUrl = `http://127.0.0.1:${await app.next<number>("port")}/`;
  const script = async (reply: ScriptedReply) => {
    wire.send({ script: reply });
    await wire.next("scripted");
  };
  const now = () => performance.timeOrigin + performance.now();
  const results: AiBenchResult[] = [];
  try {
    if (want("ai-cancel")) {
      const samples: number[] = [];
      let missed = 0;
      for (let i = 0; i < runs + 5; i++) {
        await script({ kind: "text", chunks, delayMs: 5 });
        const controller = new AbortController();
        await readApp(appUrl, 3, controller);
        const t0 = now();
        controller.abort();
        const closed = await Promise.race([
          wire.next<number>("closed"),
          new Promise<number>((r) => setTimeout(() => r(Number.NaN), 2000)),
        ]);
        if (Number.isNaN(closed)) missed++;
        else if (i >= 5) samples.push(closed - t0);
      }
      const s = stats(samples);
      const pass = missed === 0 && s.p95 <= 100;
      results.push({
        name: "ai-cancel",
        pass,
        lines: [
          `ai-cancel: client abort → upstream socket closed: median ${s.median.toFixed(2)} ms, p95 ${s.p95.toFixed(2)} ms over ${s.n} runs${missed ? `, ${missed} never closed within 2 s` : ""} (target ≤ 100 ms) ${pass ? "pass" : "MISS"}`,
        ],
      });
    }
    if (want("ai-stream")) {
      const sdk = new Anthropic({ apiKey: KEY, baseURL: wireUrl, maxRetries: 0, logLevel: "off" });
      const ttft: Record<"sdk" | "app", number[]> = { sdk: [], app: [] };
      const tps: Record<"sdk" | "app", number[]> = { sdk: [], app: [] };
      for (let i = 0; i < runs + 5; i++) {
        for (const variant of i % 2 === 0 ? (["sdk", "app"] as const) : (["app", "sdk"] as const)) {
          await script({ kind: "text", chunks });
          const r = variant === "sdk" ? await readSdk(sdk) : await readApp(appUrl);
          if (r.texts !== TOKENS) throw new Error(`ai-stream ${variant}: ${r.texts} deltas, expected ${TOKENS}`);
          if (i < 5) continue;
          ttft[variant].push(r.first - r.t0);
          tps[variant].push(((TOKENS - 1) / Math.max(0.001, r.end - r.first)) * 1000);
        }
      }
      const f = (s: Stats) => `${s.median.toFixed(2)} ms (p95 ${s.p95.toFixed(2)})`;
      const [ts, ta] = [stats(ttft.sdk), stats(ttft.app)];
      const [ps, pa] = [stats(tps.sdk), stats(tps.app)];
      const added = ta.median - ts.median;
      const pass = added <= 5;
      results.push({
        name: "ai-stream",
        pass,
        lines: [
          `ai-stream: first token  SDK → wire ${f(ts)}   through the app ${f(ta)}   added ${added.toFixed(2)} ms (target ≤ 5 ms) ${pass ? "pass" : "MISS"}`,
          `ai-stream: tokens/s     SDK → wire ${ps.median.toFixed(0)}   through the app ${pa.median.toFixed(0)}   (${TOKENS} one-token deltas, no pause, median of ${ts.n} runs each)`,
        ],
      });
    }
  } finally {
    app.stop();
    wire.stop();
  }
  return results;
}
