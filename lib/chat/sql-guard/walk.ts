// Judges one parse tree (libpg_query's JSON) node by node. Every node type must be on
// ALLOWED_NODE_TYPES and pass its own check; an unknown node type anywhere is a refusal
// (default deny), so a PostgreSQL feature the guard has never heard of cannot slip through.
import {
  ALLOWED_EXPR_KINDS,
  ALLOWED_FUNCTIONS,
  ALLOWED_NODE_TYPES,
  ALLOWED_OPERATORS,
  ALLOWED_SQL_VALUE_FUNCTIONS,
  ALLOWED_TYPES,
} from "./allow-list";
import { CHAT_SCHEMA, CHAT_VIEW_NAMES } from "../views";

/** Thrown inside the walk; checkChatSql turns it into `{ ok: false, reason }`. */
export class GuardRefusal extends Error {}

type Body = Record<string, unknown>;

const refuse = (reason: string): never => {
  throw new GuardRefusal(reason);
};

/** Names from a list of String nodes (funcname, typeName.names, operator names). */
function names(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.map((item) => {
    const s = (item as { String?: { sval?: string } }).String;
    if (typeof s?.sval !== "string") refuse("The SQL uses a name the checker cannot read.");
    return s!.sval!;
  });
}

/** Drops the parser's own `pg_catalog.` prefix (extract, ::int); any other schema is refused. */
function unqualified(parts: string[], what: string): string {
  if (parts.length === 2 && parts[0] === "pg_catalog") return parts[1]!;
  if (parts.length !== 1) refuse(`The ${what} "${parts.join(".")}" is schema-qualified, which is not allowed.`);
  return parts[0]!;
}

function isSystemName(name: string): boolean {
  const n = name.toLowerCase();
  return n.startsWith("pg_") || n === "information_schema";
}

/** Collects every CTE name in the tree (so FROM may name them). pg_* names are refused. */
export function collectCteNames(node: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => collectCteNames(n, into));
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node as Body)) {
      if (key === "CommonTableExpr") {
        const name = (value as Body).ctename;
        if (typeof name === "string") {
          if (isSystemName(name)) refuse(`The WITH name "${name}" is reserved for system catalogs.`);
          into.add(name);
        }
      }
      collectCteNames(value, into);
    }
  }
  return into;
}

const NODE_CHECKS: Record<string, (body: Body, cteNames: Set<string>) => void> = {
  SelectStmt(body) {
    if (body.intoClause) refuse("SELECT … INTO creates a table; only plain SELECT is allowed.");
    if (body.lockingClause) refuse("Locking clauses (FOR UPDATE / FOR SHARE) are not allowed.");
    // A recursive CTE can run until the time limit (or past the row cap, since the recursion
    // happens before any LIMIT); no question over the three views needs one.
    if ((body.withClause as Body | undefined)?.recursive) refuse("WITH RECURSIVE is not allowed.");
  },
  RangeVar(body, cteNames) {
    const rel = String(body.relname ?? "");
    const schema = body.schemaname as string | undefined;
    if (body.catalogname) refuse(`"${body.catalogname}.${schema}.${rel}" names another database.`);
    if (isSystemName(rel) || (schema && isSystemName(schema))) {
      refuse(`System catalogs (${schema ? `${schema}.` : ""}${rel}) are not allowed; use the chat views.`);
    }
    if (schema !== undefined && schema !== CHAT_SCHEMA) {
      refuse(`Only the chat views may be read; "${schema}.${rel}" is outside the ${CHAT_SCHEMA} schema.`);
    }
    const isView = CHAT_VIEW_NAMES.has(rel);
    if (!isView && (schema !== undefined || !cteNames.has(rel))) {
      refuse(`"${rel}" is not one of the chat views (${[...CHAT_VIEW_NAMES].join(", ")}).`);
    }
  },
  FuncCall(body) {
    const name = unqualified(names(body.funcname), "function").toLowerCase();
    if (!ALLOWED_FUNCTIONS.has(name)) refuse(`The function ${name}() is not allowed.`);
    if (body.func_variadic) refuse("VARIADIC calls are not allowed.");
  },
  A_Expr(body) {
    const kind = String(body.kind);
    if (!ALLOWED_EXPR_KINDS.has(kind)) refuse(`The operator form ${kind.replace("AEXPR_", "")} is not allowed.`);
    // BETWEEN carries its own keyword as the "operator" name; its bounds are walked like any node.
    if (kind === "AEXPR_BETWEEN" || kind === "AEXPR_NOT_BETWEEN") return;
    const op = names(body.name);
    if (op.length !== 1) refuse(`The operator OPERATOR(${op.join(".")}) is not allowed.`);
    if (!ALLOWED_OPERATORS.has(op[0]!)) refuse(`The operator ${op[0]} is not allowed.`);
  },
  TypeCast(body) {
    const typeName = body.typeName as Body | undefined;
    const type = unqualified(names(typeName?.names), "type").toLowerCase();
    if (typeName?.arrayBounds) refuse("Casts to array types are not allowed.");
    if (!ALLOWED_TYPES.has(type)) refuse(`Casting to ${type} is not allowed.`);
  },
  SQLValueFunction(body) {
    if (!ALLOWED_SQL_VALUE_FUNCTIONS.has(String(body.op))) {
      refuse(`${String(body.op).replace("SVFOP_", "")} is not allowed (only current date and time).`);
    }
  },
  SubLink(body) {
    if (
      body.subLinkType !== "EXISTS_SUBLINK" &&
      body.subLinkType !== "EXPR_SUBLINK" &&
      body.subLinkType !== "ANY_SUBLINK"
    ) {
      refuse("This kind of subquery is not allowed (use EXISTS, IN or a scalar subquery).");
    }
  },
};

/** Walks `node`; a node is `{ TypeName: body }`, anything else is a plain struct or list. */
export function walk(node: unknown, cteNames: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, cteNames);
    return;
  }
  if (!node || typeof node !== "object") return;
  const entries = Object.entries(node as Body);
  const [first] = entries;
  if (entries.length === 1 && first && /^[A-Z]/.test(first[0]) && first[1] && typeof first[1] === "object") {
    const [type, body] = first as [string, Body];
    if (!ALLOWED_NODE_TYPES.has(type)) refuse(describeNode(type));
    NODE_CHECKS[type]?.(body, cteNames);
    for (const value of Object.values(body)) walk(value, cteNames);
    return;
  }
  for (const [, value] of entries) walk(value, cteNames);
}

function describeNode(type: string): string {
  if (type.endsWith("Stmt")) return `Only SELECT is allowed; this is ${type.replace(/Stmt$/, "").toUpperCase()}.`;
  if (type === "RangeFunction") return "Functions in FROM (set-returning functions) are not allowed.";
  if (type === "ParamRef") return "Parameters ($1) are not allowed.";
  return `The SQL uses a construct that is not allowed (${type}).`;
}
