// Timing and plan helpers for the benchmark.
import type { Client } from "pg";
import { performance } from "node:perf_hooks";

/** n: successful runs; error: the first failure's message, when a run failed (the variant then stops). */
export type Stats = { median: number; p95: number; n: number; error?: string };

export function stats(samples: number[], error?: string): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    s.length === 0 ? Number.NaN : s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
  return { median: at(0.5), p95: at(0.95), n: s.length, ...(error ? { error } : {}) };
}

/** Milliseconds, or the error (a query the app cannot serve, e.g. an expired transaction). */
async function once(fn: () => Promise<unknown>): Promise<number | Error> {
  const t0 = performance.now();
  try {
    await fn();
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
  return performance.now() - t0;
}

const describe = (err: Error) => {
  const code = (err as { code?: unknown }).code;
  const line =
    err.message
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean)
      .at(-1) ?? err.name;
  return `${typeof code === "string" ? `${code}: ` : ""}${line}`.slice(0, 160);
};

/**
 * Runs every variant `warmup` + `runs` times, round-robin (variant order rotating each round),
 * so drift in caches or the machine affects all variants alike. A query whose one probe round
 * is slow gets fewer runs, so the whole bench stays within its time budget; Stats.n says how
 * many were taken.
 */
export async function measureVariants(
  variants: Record<string, () => Promise<unknown>>,
  opts: { warmup: number; runs: number; budgetMs: number },
): Promise<Record<string, Stats>> {
  const names = Object.keys(variants);
  const errors: Record<string, string | undefined> = {};
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const run = async (name: string, keep: boolean) => {
    if (errors[name]) return 0;
    const r = await once(variants[name]!);
    if (r instanceof Error) {
      errors[name] = describe(r);
      return 0;
    }
    if (keep) samples[name]!.push(r);
    return r;
  };
  let probe = 0;
  for (const name of names) probe += await run(name, false);
  const warmup = probe > 1_000 ? Math.min(3, opts.warmup) : opts.warmup;
  const runs = Math.max(10, Math.min(opts.runs, Math.floor(opts.budgetMs / Math.max(probe, 0.001))));
  for (let round = 0; round < warmup + runs; round++) {
    for (let k = 0; k < names.length; k++) await run(names[(round + k) % names.length]!, round >= warmup);
  }
  return Object.fromEntries(names.map((n) => [n, stats(samples[n]!, errors[n])]));
}

/** Top node, scan nodes (with their conditions) and execution time of an EXPLAIN ANALYZE. */
export function planSummary(lines: string[]): string[] {
  const out: string[] = [];
  const node = /\(cost=.*\(actual time=/;
  lines.forEach((line, i) => {
    const isNode = node.test(line);
    const isTop = isNode && out.length === 0;
    const isScan = isNode && /Scan/.test(line);
    if (isTop || isScan) {
      out.push(line.replace(/\s+\(cost=[^)]*\)/, ""));
      for (let j = i + 1; j < lines.length && !node.test(lines[j]!); j++) {
        if (
          /^\s*(Index Cond|Recheck Cond|Filter|Rows Removed by Filter|Buffers):/.test(lines[j]!) &&
          (isScan || /Buffers/.test(lines[j]!))
        )
          out.push(lines[j]!.replace(/^(\s*)/, "$1  "));
      }
    }
  });
  const exec = lines.find((l) => l.startsWith("Execution Time"));
  if (exec) out.push(exec);
  return out.slice(0, 14);
}

/** EXPLAIN (ANALYZE, BUFFERS) of `text`: as the owner (RLS bypassed), or as the app role with the tenant set (RLS on). */
export async function explain(
  owner: Client,
  text: string,
  values: unknown[],
  as: { appRole: string; tenantId: string; settings?: Record<string, string> } | null,
): Promise<string[]> {
  if (!as) {
    const { rows } = await owner.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, values);
    return rows.map((r) => r["QUERY PLAN"]);
  }
  await owner.query("BEGIN");
  try {
    await owner.query(`SET LOCAL ROLE ${as.appRole}`);
    await owner.query("SELECT set_config('app.tenant_id', $1, true)", [as.tenantId]);
    for (const [k, v] of Object.entries(as.settings ?? {}))
      await owner.query("SELECT set_config($1, $2, true)", [k, v]);
    const { rows } = await owner.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, values);
    return rows.map((r) => r["QUERY PLAN"]);
  } finally {
    await owner.query("ROLLBACK");
  }
}
