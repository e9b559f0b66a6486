// PostgreSQL's internal one-byte `"char"` type (pg_constraint.contype, pg_class.relkind, …).
// Both adapters reject it (UnsupportedNativeDataType), yet the engine's catalog queries read
// it and then insist on a Character value (reporting it as text makes the describer panic
// on PostgreSQL 18, whose NOT NULL constraints show up in pg_constraint). So the driver
// patch (retypeCharFields) disguises such columns as text for the adapter and remembers
// their positions, keyed by the rows array the adapter passes through untouched, and
// queryRawWithChars restores them as Character.
import { ColumnTypeEnum, type SqlQuery, type SqlResultSet, type Transaction } from "@prisma/driver-adapter-utils";

export const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
const charColumnsByRows = new WeakMap<object, number[]>();

/** Driver-level half: apply to every raw pg / PGlite query result (or array of results). */
export function retypeCharFields<R>(result: R): R {
  for (const one of Array.isArray(result) ? result : [result]) {
    const { fields, rows } = (one ?? {}) as { fields?: { dataTypeID: number }[]; rows?: unknown };
    if (!Array.isArray(fields)) continue;
    const positions: number[] = [];
    fields.forEach((field, index) => {
      if (field.dataTypeID === PG_CHAR_OID) {
        field.dataTypeID = PG_TEXT_OID;
        positions.push(index);
      }
    });
    if (positions.length > 0 && typeof rows === "object" && rows !== null) charColumnsByRows.set(rows, positions);
  }
  return result;
}

export async function queryRawWithChars(
  queryable: { queryRaw(query: SqlQuery): Promise<SqlResultSet> },
  query: SqlQuery,
): Promise<SqlResultSet> {
  const result = await queryable.queryRaw(query);
  for (const index of charColumnsByRows.get(result.rows) ?? []) result.columnTypes[index] = ColumnTypeEnum.Character;
  return result;
}

export function withCharsInTransaction(tx: Transaction): Transaction {
  const wrapped: Transaction = {
    provider: tx.provider,
    adapterName: tx.adapterName,
    options: tx.options,
    queryRaw: (query) => queryRawWithChars(tx, query),
    executeRaw: (query) => tx.executeRaw(query),
    commit: () => tx.commit(),
    rollback: () => tx.rollback(),
  };
  if (tx.createSavepoint) wrapped.createSavepoint = (name) => tx.createSavepoint!(name);
  if (tx.rollbackToSavepoint) wrapped.rollbackToSavepoint = (name) => tx.rollbackToSavepoint!(name);
  if (tx.releaseSavepoint) wrapped.releaseSavepoint = (name) => tx.releaseSavepoint!(name);
  return wrapped;
}
