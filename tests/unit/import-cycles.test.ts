// No module in lib/ may import itself back through a chain of imports (static, `export … from`
// or dynamic `import()`). A cycle makes evaluation order decide which export is still
// undefined when it is first used, and it hid that lib/db/index.ts and lib/db/tenant-read.ts
// each needed a piece of the other. Type-only imports count too: they are one step away from
// becoming value imports.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const ROOT = process.cwd();
const SKIP = new Set(["generated", "node_modules"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return SKIP.has(e.name) ? [] : sourceFiles(full);
    return /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

function resolve(from: string, spec: string): string | null {
  const base = spec.startsWith("@/")
    ? path.join(ROOT, spec.slice(2))
    : spec.startsWith(".")
      ? path.join(path.dirname(from), spec)
      : null;
  if (!base) return null;
  for (const c of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")])
    if (existsSync(c) && statSync(c).isFile()) return c;
  return null;
}

const IMPORT = /(?:import|export)\s[^'";]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function findCycles(files: string[]): string[] {
  const known = new Set(files);
  const graph = new Map(
    files.map((f) => [
      f,
      [...readFileSync(f, "utf8").matchAll(IMPORT)]
        .map((m) => resolve(f, m[1] ?? m[2] ?? ""))
        .filter((r): r is string => !!r && known.has(r)),
    ]),
  );
  const cycles: string[] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, "open");
    stack.push(file);
    for (const dep of graph.get(file) ?? []) {
      if (state.get(dep) === "open")
        cycles.push([...stack.slice(stack.indexOf(dep)), dep].map((p) => path.relative(ROOT, p)).join(" → "));
      else if (!state.has(dep)) visit(dep);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const f of files) if (!state.has(f)) visit(f);
  return cycles;
}

test("lib/ has no import cycles", () => {
  expect(findCycles(sourceFiles(path.join(ROOT, "lib")))).toEqual([]);
});
