// What the chat's SQL may use besides the chat views (lib/chat/views.ts). Everything not named
// here is refused: the guard walks the whole parse tree and denies by default.
//
// Functions: scalar and aggregate functions that only compute on their arguments. Nothing that
// reads settings or catalogs (current_setting, set_config, pg_*, has_*_privilege, to_regclass),
// sleeps (pg_sleep), touches files or large objects (pg_read_file, lo_*), reaches out (dblink),
// or returns a set (generate_series, unnest, json_each …): a set-returning function could
// multiply rows past the time limit and none is needed to answer questions over the views.
export const ALLOWED_FUNCTIONS: ReadonlySet<string> = new Set([
  // aggregates
  "count",
  "sum",
  "avg",
  "min",
  "max",
  "string_agg",
  "bool_and",
  "bool_or",
  "stddev",
  "variance",
  "percentile_cont",
  "percentile_disc",
  "mode",
  // window ranking
  "row_number",
  "rank",
  "dense_rank",
  // dates and times (extract(...) parses as pg_catalog.extract)
  "date_trunc",
  "date_part",
  "extract",
  "age",
  "now",
  "to_char",
  "make_interval",
  // numbers
  "round",
  "floor",
  "ceil",
  "ceiling",
  "abs",
  "trunc",
  // text
  "lower",
  "upper",
  "length",
  "char_length",
  "btrim",
  "ltrim",
  "rtrim",
  "concat",
  "left",
  "right",
  "substring",
  "replace",
  "initcap",
]);

/** Operators by name (A_Expr). Regular-expression operators are left out (cost, no need). */
export const ALLOWED_OPERATORS: ReadonlySet<string> = new Set([
  "=",
  "<>",
  "!=",
  "<",
  ">",
  "<=",
  ">=",
  "+",
  "-",
  "*",
  "/",
  "%",
  "||",
  "~~", // LIKE
  "!~~", // NOT LIKE
  "~~*", // ILIKE
  "!~~*", // NOT ILIKE
]);

/** A_Expr kinds. AEXPR_OP_ANY/ALL (x = ANY(array)) and SIMILAR TO are not needed. */
export const ALLOWED_EXPR_KINDS: ReadonlySet<string> = new Set([
  "AEXPR_OP",
  "AEXPR_IN",
  "AEXPR_LIKE",
  "AEXPR_ILIKE",
  "AEXPR_BETWEEN",
  "AEXPR_NOT_BETWEEN",
  "AEXPR_NULLIF",
  "AEXPR_DISTINCT",
  "AEXPR_NOT_DISTINCT",
]);

/**
 * Cast targets, after the parser's own `pg_catalog.` prefix is dropped. No reg* types
 * ('pg_authid'::regclass looks objects up by name), no json (no need), no arrays.
 */
export const ALLOWED_TYPES: ReadonlySet<string> = new Set([
  "int2",
  "int4",
  "int8",
  "numeric",
  "float4",
  "float8",
  "text",
  "varchar",
  "bpchar",
  "bool",
  "date",
  "time",
  "timestamp",
  "timestamptz",
  "interval",
  "uuid",
]);

/** CURRENT_DATE and friends; CURRENT_USER, SESSION_USER, CURRENT_SCHEMA … say who runs the SQL. */
export const ALLOWED_SQL_VALUE_FUNCTIONS: ReadonlySet<string> = new Set([
  "SVFOP_CURRENT_DATE",
  "SVFOP_CURRENT_TIME",
  "SVFOP_CURRENT_TIME_N",
  "SVFOP_CURRENT_TIMESTAMP",
  "SVFOP_CURRENT_TIMESTAMP_N",
  "SVFOP_LOCALTIME",
  "SVFOP_LOCALTIME_N",
  "SVFOP_LOCALTIMESTAMP",
  "SVFOP_LOCALTIMESTAMP_N",
]);

/**
 * Parse-tree node types the guard knows how to judge. Any other node type (InsertStmt,
 * RangeFunction, A_Indirection, ParamRef, LockingClause, XmlExpr, …) is refused.
 */
export const ALLOWED_NODE_TYPES: ReadonlySet<string> = new Set([
  "SelectStmt",
  "ResTarget",
  "ColumnRef",
  "A_Star",
  "A_Const",
  "String",
  "Integer",
  "Float",
  "Boolean",
  "A_Expr",
  "BoolExpr",
  "NullTest",
  "BooleanTest",
  "CaseExpr",
  "CaseWhen",
  "CoalesceExpr",
  "MinMaxExpr",
  "FuncCall",
  "TypeCast",
  "RangeVar",
  "RangeSubselect",
  "JoinExpr",
  "SortBy",
  "CommonTableExpr",
  "SubLink",
  "WindowDef",
  "SQLValueFunction",
  "List",
  "Alias",
]);
