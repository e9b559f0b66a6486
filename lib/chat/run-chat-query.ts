// Runs one SELECT the model wrote (issue 11 item 2, DESIGN.md invariant 12), behind two walls
// that each hold alone:
//   1. the SQL guard (lib/chat/sql-guard): PostgreSQL's own grammar, one SELECT over the chat
//      views with allow-listed functions, operators and casts;
//   2. the database: a READ ONLY transaction, tenant set like every tenant transaction, then
//      SET LOCAL ROLE civitas_chat (SELECT on the chat views only, migration
//      20261203130000_chat_views), search_path = chat, statement_timeout 2 s and
//      idle_in_transaction_session_timeout, so a slow or stuck statement is cancelled.
// The row cap is the server's: the checked statement is wrapped in
// `SELECT … FROM (…) AS chat_result LIMIT 101`, and `SELECT * FROM (…) AS chat_result LIMIT 101`
// is checked again (a statement that only parses alone cannot close the parenthesis early and
// escape the cap). Each row comes back as row_to_json text: every PostgreSQL type the views
// and functions produce (interval included, which Prisma cannot read) arrives as JSON, in the
// statement's own column order.
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { getDb } from "@/lib/db";
import { isUuid } from "@/lib/validation/uuid";
import { checkChatSql } from "./sql-guard/check-chat-sql";

export const CHAT_ROLE = "civitas_chat";
export const CHAT_ROW_CAP = 100;
export const CHAT_STATEMENT_TIMEOUT_MS = 2_000;
/** A transaction left idle (a stalled client) is ended by the server after this long. */
export const CHAT_IDLE_TIMEOUT_MS = 5_000;

export type ChatCell = string | number | boolean | null;
export type ChatRows = { columns: string[]; rows: ChatCell[][] };

export type ChatQueryResult =
  | ({ ok: true; sql: string; rowCount: number; truncated: boolean; ms: number } & ChatRows)
  /** refused: by the guard; timeout: over 2 s; failed: PostgreSQL refused it (bad cast, …). */
  | { ok: false; kind: "refused" | "timeout" | "failed"; reason: string; sql: string };

export async function runChatQuery(tenantId: string, sql: string): Promise<ChatQueryResult> {
  if (!isUuid(tenantId)) throw new Error("runChatQuery() needs a valid tenantId");
  const check = await checkChatSql(sql);
  if (!check.ok) return { ok: false, kind: "refused", reason: check.reason, sql };
  const inner = `(\n${check.sql}\n) AS chat_result LIMIT ${CHAT_ROW_CAP + 1}`;
  const recheck = await checkChatSql(`SELECT * FROM ${inner}`);
  if (!recheck.ok) return { ok: false, kind: "refused", reason: recheck.reason, sql: check.sql };

  const db = await getDb();
  const started = performance.now();
  let raw: { chat_row: string }[];
  try {
    raw = await db.forTenant({ tenantId }).$tenantTransaction(
      async (tx) => {
        // The tenant is set (as the app role) before the switch: the chat role may not call
        // set_config at all. Every setting is LOCAL: COMMIT/ROLLBACK restores the connection.
        await tx.$executeRawUnsafe("SET LOCAL transaction_read_only = on");
        await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = ${CHAT_STATEMENT_TIMEOUT_MS}`);
        await tx.$executeRawUnsafe(`SET LOCAL idle_in_transaction_session_timeout = ${CHAT_IDLE_TIMEOUT_MS}`);
        await tx.$executeRawUnsafe("SET LOCAL search_path = chat");
        await tx.$executeRawUnsafe("SET LOCAL TimeZone = 'UTC'");
        await tx.$executeRawUnsafe(`SET LOCAL ROLE ${CHAT_ROLE}`);
        // Extended protocol (Prisma prepares it): exactly one statement, whatever the text holds.
        return tx.$queryRawUnsafe<{ chat_row: string }[]>(
          `SELECT row_to_json(chat_result.*)::text AS chat_row FROM ${inner}`,
        );
      },
      { timeout: CHAT_STATEMENT_TIMEOUT_MS + 3_000 },
    );
  } catch (err) {
    const failure = databaseFailure(err);
    if (!failure) throw err;
    return { ...failure, sql: check.sql };
  }
  const ms = Math.round(performance.now() - started);
  const truncated = raw.length > CHAT_ROW_CAP;
  const kept = (truncated ? raw.slice(0, CHAT_ROW_CAP) : raw).map(
    (r) => JSON.parse(r.chat_row) as Record<string, unknown>,
  );
  const { columns, rows } = toChatRows(kept);
  return { ok: true, sql: check.sql, columns, rows, rowCount: rows.length, truncated, ms };
}

/** A statement PostgreSQL refused or cancelled, told in words the model and a person can use. */
function databaseFailure(err: unknown): { ok: false; kind: "timeout" | "failed"; reason: string } | undefined {
  if (!(err instanceof Prisma.PrismaClientKnownRequestError) || err.code !== "P2010") return undefined;
  // Prisma puts PostgreSQL's SQLSTATE and message into its own: "Code: `57014`. Message: `…`".
  const found = /Code: `([^`]*)`\. Message: `([\s\S]*)`\s*$/.exec(err.message);
  const [code, message] = [found?.[1] ?? "", (found?.[2] ?? "").trim()];
  if (code === "57014" || /statement timeout/i.test(message)) {
    return { ok: false, kind: "timeout", reason: `The query ran longer than ${CHAT_STATEMENT_TIMEOUT_MS / 1000} s.` };
  }
  return { ok: false, kind: "failed", reason: `PostgreSQL refused the query: ${message || "unknown error"}` };
}

/** Rows as cells in column order; nested JSON values (none of the views has one) become text. */
export function toChatRows(raw: Record<string, unknown>[]): ChatRows {
  const columns = raw[0] ? Object.keys(raw[0]) : [];
  return { columns, rows: raw.map((row) => columns.map((c) => toCell(row[c]))) };
}

export function toCell(value: unknown): ChatCell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "boolean" || typeof value === "number") return value;
  return JSON.stringify(value);
}
