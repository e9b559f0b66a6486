// Schema-engine adapter over a node-postgres pool (see engine-adapter.ts for why it is wrapped).
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { Pool, PoolClient } from "pg";
import { engineAdapterFactory } from "./engine-adapter";
import { retypeCharFields } from "./engine-char-columns";

type AnyQuery = (...args: unknown[]) => unknown;

/** The pool stays owned by the caller: end it yourself after the engine is freed. */
export function pgEngineAdapterFactory(pool: Pool): SqlMigrationAwareDriverAdapterFactory {
  // Every physical connection the pool opens gets the "char" fix, whether the adapter queries
  // through pool.query or through a checked-out client inside a transaction.
  pool.on("connect", (client) => patchCharColumns(client));
  return engineAdapterFactory(new PrismaPg(pool), async (script) => {
    await pool.query(script); // no parameters → simple-query protocol, whole script at once
  });
}

function patchCharColumns(client: PoolClient): void {
  const query = client.query as unknown as AnyQuery;
  const patched: AnyQuery = function (this: unknown, ...args) {
    const last = args.at(-1);
    if (typeof last === "function") {
      // Callback style, used by pool.query internally.
      args[args.length - 1] = (error: unknown, result: unknown) =>
        last(error, error ? result : retypeCharFields(result));
      return query.apply(this, args);
    }
    const returned = query.apply(this, args);
    return returned instanceof Promise ? returned.then(retypeCharFields) : returned;
  };
  (client as unknown as { query: AnyQuery }).query = patched;
}
