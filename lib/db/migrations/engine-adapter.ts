// Shapes a Prisma driver-adapter factory for the schema engine's needs:
//  - executeScript sends the whole script in one call (adapter-pg splits on every ";",
//    which cuts DO $$ … $$ bodies in half; pglite-prisma-adapter does not await it);
//  - `"char"` columns come back as Character (engine-char-columns.ts);
//  - connectToShadowDb refuses: we create, migrate and drop shadow databases ourselves
//    (shadow-database.ts), because the adapters' own versions drop the database while a
//    pool is still connected and apply migrations with the broken executeScript.
import {
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlDriverAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import { queryRawWithChars, withCharsInTransaction } from "./engine-char-columns";
import { MigrationError } from "./migration-errors";

export type ScriptExecutor = (script: string) => Promise<void>;

export function engineAdapterFactory(
  inner: SqlDriverAdapterFactory,
  executeScript: ScriptExecutor,
): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    async connect() {
      return withExecuteScript(await inner.connect(), executeScript);
    },
    async connectToShadowDb() {
      throw new MigrationError(
        "The schema engine asked for a shadow database of its own; Civitas migrates shadow databases itself. " +
          "Use diff against the already-migrated shadow database instead.",
      );
    },
  };
}

function withExecuteScript(adapter: SqlDriverAdapter, executeScript: ScriptExecutor): SqlDriverAdapter {
  const wrapped: SqlDriverAdapter = {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => queryRawWithChars(adapter, query),
    executeRaw: (query) => adapter.executeRaw(query),
    startTransaction: async (isolationLevel) => withCharsInTransaction(await adapter.startTransaction(isolationLevel)),
    dispose: () => adapter.dispose(),
    async executeScript(script) {
      try {
        await executeScript(script);
      } catch (error) {
        throw toDriverAdapterError(error);
      }
    },
  };
  if (adapter.getConnectionInfo) wrapped.getConnectionInfo = () => adapter.getConnectionInfo!();
  return wrapped;
}

/** PostgreSQL errors (pg and PGlite share the field names) become errors the engine can report. */
function toDriverAdapterError(error: unknown): unknown {
  const e = error as {
    code?: unknown;
    severity?: unknown;
    message?: unknown;
    detail?: string;
    column?: string;
    hint?: string;
  };
  if (typeof e?.code !== "string" || typeof e.message !== "string") return error;
  return new DriverAdapterError({
    kind: "postgres",
    code: e.code,
    severity: typeof e.severity === "string" ? e.severity : "ERROR",
    message: e.message,
    detail: e.detail,
    column: e.column,
    hint: e.hint,
  });
}
