// Asks the WASM schema engine for the SQL that takes a live (shadow) database to the state
// described by schema.prisma. We use `diff` against the already-migrated shadow database
// rather than `createMigration`, which would replay the migrations itself through the
// adapter and need a shadow-database factory we deliberately do not give it.
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { createSchemaEngine, type EngineLog } from "./schema-engine";

export interface SchemaFile {
  path: string;
  content: string;
}

/** Returns the migration script, or null when the database already matches the schema. */
export async function diffDatabaseToSchema(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  schemaFiles: SchemaFile[],
  log?: EngineLog,
): Promise<string | null> {
  const engine = await createSchemaEngine(schemaFiles, adapterFactory, log);
  try {
    const result = await engine.diff({
      // "schemaDatasource" = the database behind the engine's adapter, i.e. the shadow.
      from: { tag: "schemaDatasource", files: schemaFiles, configDir: process.cwd() },
      to: { tag: "schemaDatamodel", files: schemaFiles },
      script: true,
      exitCode: true, // 2 when there is a difference, 0 when in sync
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.exitCode === 2 ? (result.stdout ?? "") : null;
  } finally {
    engine.free();
  }
}
