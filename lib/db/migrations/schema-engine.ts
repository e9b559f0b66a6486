// Loads Prisma's WASM schema engine. Prisma 7's CLI would download a native engine for
// `migrate`, which this machine (and CI) cannot do; the WASM build ships in npm and talks
// to the database through a driver adapter instead.
//
// The package's entry point does `import * as wasm from "./schema_engine_bg.wasm"` (ESM
// wasm integration), which Node cannot load, so we instantiate the .wasm ourselves and hand
// it to the JS glue exactly as that entry point would.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";

type Glue = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");

let glue: Promise<Glue> | undefined;

function loadGlue(): Promise<Glue> {
  glue ??= (async () => {
    const bg: Glue = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    // The .wasm is not in the package's `exports`, so find it next to the glue file.
    const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg });
    const exports = instance.exports as unknown as { __wbindgen_start(): void };
    (bg as unknown as { __wbg_set_wasm(w: unknown): void }).__wbg_set_wasm(exports);
    exports.__wbindgen_start();
    return bg;
  })();
  return glue;
}

// The glue reports a Rust panic through this global just before the WASM instance traps.
// Without it the process dies on a TypeError that hides the message; the trap itself
// surfaces as an uncaught "RuntimeError: unreachable", not as a rejected promise, so the
// message is written out right here. Prisma Client installs its own registry; keep that one.
const panicHost = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void } };
panicHost.PRISMA_WASM_PANIC_REGISTRY ??= {
  set_message(message) {
    process.stderr.write(`Prisma schema engine panicked: ${message}\n`);
  },
};

export type EngineLog = (message: string) => void;

/** Creates a schema engine bound to `adapterFactory` for the given Prisma schema files. */
export async function createSchemaEngine(
  schemaFiles: { path: string; content: string }[],
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  log: EngineLog = () => {},
): Promise<SchemaEngine> {
  const { SchemaEngine: Engine } = await loadGlue();
  return Engine.new(
    { datamodels: schemaFiles.map((f) => [f.path, f.content] as [string, string]) },
    log,
    bindMigrationAwareSqlAdapterFactory(adapterFactory),
  );
}
