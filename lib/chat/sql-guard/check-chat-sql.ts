// The chat's SQL guard (issue 11 item 2, DESIGN.md invariant 12): the model's SQL is parsed by
// PostgreSQL's own grammar (libpg_query 15, the production server's version, compiled to WASM)
// and allowed only if it is exactly one SELECT over the chat views using allow-listed
// functions, operators and casts. No regex ever judges SQL here: comments, dollar quoting and
// unicode escapes are resolved by the parser, and the guard sees the names PostgreSQL will see.
import { loadModule, parseSync } from "libpg-query";
import { MAX_CHAT_SQL_LENGTH } from "./limits";
import { collectCteNames, GuardRefusal, walk } from "./walk";

export type ChatSqlCheck = { ok: true; sql: string } | { ok: false; reason: string };

export { MAX_CHAT_SQL_LENGTH };

let loading: Promise<void> | undefined;

type ParseResult = { stmts?: { stmt: unknown; stmt_location?: number; stmt_len?: number }[] };

export async function checkChatSql(sql: string): Promise<ChatSqlCheck> {
  if (typeof sql !== "string" || sql.trim() === "") return { ok: false, reason: "The SQL is empty." };
  if (sql.length > MAX_CHAT_SQL_LENGTH) {
    return { ok: false, reason: `The SQL is longer than ${MAX_CHAT_SQL_LENGTH} characters.` };
  }
  if (sql.includes("\0")) return { ok: false, reason: "The SQL contains a NUL character." };
  await (loading ??= loadModule());
  let tree: ParseResult;
  try {
    tree = parseSync(sql) as ParseResult;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, reason: `The SQL is not valid PostgreSQL: ${message}.` };
  }
  const stmts = tree.stmts ?? [];
  if (stmts.length !== 1) {
    return {
      ok: false,
      reason:
        stmts.length === 0
          ? "The SQL has no statement."
          : `The SQL has ${stmts.length} statements; only one SELECT is allowed.`,
    };
  }
  const [only] = stmts;
  if (!only || !(only.stmt && typeof only.stmt === "object" && "SelectStmt" in only.stmt)) {
    const type = only?.stmt && typeof only.stmt === "object" ? Object.keys(only.stmt)[0] : "unknown";
    return { ok: false, reason: `Only SELECT is allowed; this is ${String(type).replace(/Stmt$/, "").toUpperCase()}.` };
  }
  try {
    walk(only.stmt, collectCteNames(only.stmt));
  } catch (err) {
    if (err instanceof GuardRefusal) return { ok: false, reason: err.message };
    throw err;
  }
  return { ok: true, sql: statementText(sql, only.stmt_location ?? 0, only.stmt_len ?? 0) };
}

/** The one statement's own text: no trailing `;` or comment. Offsets are UTF-8 bytes. */
function statementText(sql: string, location: number, length: number): string {
  const bytes = Buffer.from(sql, "utf8");
  const end = length > 0 ? location + length : bytes.length;
  return bytes.subarray(location, end).toString("utf8").trim();
}
