// Schema-engine adapter over a PGlite instance (see engine-adapter.ts for why it is wrapped).
import type { PGlite, Transaction } from "@electric-sql/pglite";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { engineAdapterFactory } from "./engine-adapter";
import { retypeCharFields } from "./engine-char-columns";

export function pgliteEngineAdapterFactory(db: PGlite): SqlMigrationAwareDriverAdapterFactory {
  return engineAdapterFactory(new PrismaPGlite(withCharColumnsAsText(db)), async (script) => {
    await db.exec(script);
  });
}

/**
 * A view of `db` whose query results get the `"char"` fix (engine-char-columns.ts). Methods are bound to
 * the real instance because PGlite keeps its state in private (#) fields.
 */
function withCharColumnsAsText<T extends PGlite | Transaction>(db: T): T {
  return new Proxy(db, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (property === "query") {
        return (...args: Parameters<T["query"]>) =>
          (target.query as (...a: unknown[]) => Promise<unknown>)(...args).then(retypeCharFields);
      }
      if (property === "transaction") {
        return <R>(callback: (tx: Transaction) => Promise<R>) =>
          (target as PGlite).transaction((tx) => callback(withCharColumnsAsText(tx)));
      }
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
