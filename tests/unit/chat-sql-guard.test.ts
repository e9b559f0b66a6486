// The chat SQL guard: one table of SQL strings, each accepted or refused with its reason. The
// guard parses with libpg_query (PostgreSQL 15's grammar), so the refusals below are about
// what the statement IS, whatever comments, quoting or escapes dress it in.
import { checkChatSql, MAX_CHAT_SQL_LENGTH } from "@/lib/chat/sql-guard/check-chat-sql";

const accepted: [string, string][] = [
  ["count", "SELECT count(*) FROM chat.cases"],
  ["unqualified view", "SELECT status, count(*) FROM cases GROUP BY status"],
  ["trailing semicolon", "SELECT id FROM cases;"],
  ["trailing comment", "SELECT id FROM cases -- all of them"],
  [
    "where + order + limit",
    "SELECT id, created_at FROM cases WHERE priority = 'HIGH' ORDER BY created_at DESC LIMIT 10",
  ],
  ["date_trunc by month", "SELECT date_trunc('month', created_at) AS month, count(*) FROM cases GROUP BY 1 ORDER BY 1"],
  ["extract + cast", "SELECT extract(year FROM created_at)::int AS y, count(*) FROM citizens GROUP BY y"],
  ["date_part", "SELECT date_part('dow', created_at) FROM cases"],
  ["join", "SELECT c.city, count(*) FROM cases k JOIN citizens c ON c.id = k.citizen_id GROUP BY c.city"],
  ["left join using", "SELECT count(e.id) FROM cases JOIN case_events e ON e.case_id = cases.id"],
  ["CTE", "WITH open AS (SELECT * FROM cases WHERE status = 'OPEN') SELECT count(*) FROM open"],
  ["two CTEs", "WITH a AS (SELECT id FROM cases), b AS (SELECT id FROM a) SELECT count(*) FROM b"],
  ["subquery in FROM", "SELECT avg(n) FROM (SELECT citizen_id, count(*) AS n FROM cases GROUP BY citizen_id) q"],
  ["EXISTS", "SELECT count(*) FROM citizens c WHERE EXISTS (SELECT 1 FROM cases k WHERE k.citizen_id = c.id)"],
  ["IN subquery", "SELECT count(*) FROM cases WHERE citizen_id IN (SELECT id FROM citizens WHERE city = 'Lyon')"],
  ["IN list", "SELECT count(*) FROM cases WHERE status IN ('OPEN', 'WAITING')"],
  ["scalar subquery", "SELECT (SELECT count(*) FROM citizens) AS citizens, count(*) AS cases FROM cases"],
  ["coalesce/nullif", "SELECT coalesce(category, 'none'), nullif(category, '') FROM cases"],
  ["greatest/least", "SELECT greatest(created_at, updated_at), least(created_at, updated_at) FROM cases"],
  ["case when", "SELECT CASE WHEN resolved_at IS NULL THEN 'open' ELSE 'done' END, count(*) FROM cases GROUP BY 1"],
  ["interval arithmetic", "SELECT count(*) FROM cases WHERE created_at > now() - interval '30 days'"],
  ["current_date", "SELECT count(*) FROM cases WHERE created_at::date = current_date"],
  ["round avg epoch", "SELECT round(avg(extract(epoch FROM resolved_at - created_at)) / 3600, 1) FROM cases"],
  ["string_agg", "SELECT string_agg(DISTINCT city, ', ') FROM citizens"],
  ["lower/upper/length", "SELECT lower(city), upper(country), length(city) FROM citizens"],
  ["ILIKE", "SELECT count(*) FROM citizens WHERE city ILIKE 'par%'"],
  ["BETWEEN", "SELECT count(*) FROM cases WHERE created_at BETWEEN '2026-01-01' AND '2026-02-01'"],
  ["IS DISTINCT FROM", "SELECT count(*) FROM case_events WHERE from_status IS DISTINCT FROM to_status"],
  ["window", "SELECT id, row_number() OVER (PARTITION BY status ORDER BY created_at) FROM cases"],
  ["filter", "SELECT count(*) FILTER (WHERE status = 'OPEN') FROM cases"],
  ["union", "SELECT id FROM cases UNION ALL SELECT id FROM citizens"],
  ["HAVING", "SELECT assignee_id, count(*) FROM cases GROUP BY assignee_id HAVING count(*) > 5"],
  ["dollar-quoted literal is only a string", "SELECT $$; DELETE FROM cases$$ AS text"],
  ["unicode-escaped literal is only a string", "SELECT U&'d\\0061ta' AS s"],
  ["comment between tokens", "SELECT /* a; DROP TABLE x */ count(*) FROM cases"],
];

const refused: [string, string, RegExp][] = [
  ["empty", "   ", /empty/],
  [
    "recursive CTE",
    "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r",
    /WITH RECURSIVE/,
  ],
  [
    "recursive CTE in a subquery",
    "SELECT * FROM (WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n FROM r) SELECT n FROM r) q",
    /WITH RECURSIVE/,
  ],
  ["DELETE", "DELETE FROM chat.cases", /Only SELECT.*DELETE/],
  ["UPDATE", "UPDATE cases SET status = 'CLOSED'", /Only SELECT.*UPDATE/],
  ["INSERT", "INSERT INTO cases (id) VALUES (gen_random_uuid())", /Only SELECT.*INSERT/],
  ["DROP", "DROP TABLE cases", /Only SELECT.*DROP/],
  ["TRUNCATE", "TRUNCATE cases", /Only SELECT.*TRUNCATE/],
  ["COPY", "COPY cases TO '/tmp/x'", /Only SELECT.*COPY/],
  ["SET", "SET ROLE postgres", /Only SELECT.*VARIABLESET/],
  ["data-modifying CTE", "WITH d AS (DELETE FROM cases RETURNING id) SELECT count(*) FROM d", /Only SELECT.*DELETE/],
  ["UPDATE in CTE", "WITH u AS (UPDATE cases SET category = 'x' RETURNING id) SELECT * FROM u", /Only SELECT.*UPDATE/],
  ["two statements", "SELECT 1 FROM cases; SELECT 2 FROM cases", /2 statements/],
  ["; -- trick", "SELECT id FROM cases; DELETE FROM cases --", /2 statements/],
  ["statement after comment", "SELECT id FROM cases /* */; DROP TABLE cases", /2 statements/],
  ["line comment does not hide newline", "SELECT id FROM cases -- note\n; DELETE FROM cases", /2 statements/],
  ["pg_sleep", "SELECT pg_sleep(10)", /pg_sleep\(\) is not allowed/],
  ["pg_sleep in WHERE", "SELECT id FROM cases WHERE pg_sleep(1) IS NULL", /pg_sleep/],
  ["pg_catalog.pg_class", "SELECT relname FROM pg_catalog.pg_class", /System catalogs/],
  ["pg_class unqualified", "SELECT * FROM pg_class", /System catalogs/],
  ["pg_roles", "SELECT rolname FROM pg_roles", /System catalogs/],
  ["information_schema", "SELECT * FROM information_schema.tables", /System catalogs/],
  ["public.citizens", "SELECT first_name FROM public.citizens", /outside the chat schema/],
  ["base table unqualified", "SELECT * FROM users", /not one of the chat views/],
  ["other schema", "SELECT * FROM other.cases", /outside the chat schema/],
  ["three-part name", "SELECT * FROM db.chat.cases", /another database/],
  ["unicode-escaped identifier", 'SELECT * FROM U&"\\0070g_class"', /System catalogs/],
  ["quoted identifier", 'SELECT * FROM "pg_authid"', /System catalogs/],
  ["CTE named like a catalog", "WITH pg_class AS (SELECT 1) SELECT * FROM pg_class", /reserved for system catalogs/],
  ["FOR UPDATE", "SELECT id FROM cases FOR UPDATE", /Locking clauses/],
  ["FOR SHARE", "SELECT id FROM cases FOR SHARE", /Locking clauses/],
  ["FOR UPDATE in subquery", "SELECT * FROM (SELECT id FROM cases FOR UPDATE) q", /Locking clauses/],
  ["SELECT INTO", "SELECT id INTO stolen FROM cases", /INTO/],
  ["generate_series in FROM", "SELECT * FROM generate_series(1, 1000000)", /Functions in FROM/],
  ["generate_series in list", "SELECT generate_series(1, 10) FROM cases", /generate_series\(\) is not allowed/],
  ["unnest", "SELECT unnest(ARRAY[1,2])", /unnest\(\) is not allowed|not allowed/],
  [
    "set_config",
    "SELECT set_config('app.tenant_id', '00000000-0000-0000-0000-000000000000', true)",
    /set_config\(\) is not allowed/,
  ],
  ["current_setting", "SELECT current_setting('app.tenant_id')", /current_setting\(\) is not allowed/],
  ["current_setting in WHERE", "SELECT id FROM cases WHERE current_setting('app.tenant_id') <> ''", /current_setting/],
  ["dblink", "SELECT * FROM dblink('host=x', 'select 1') AS t(a int)", /Functions in FROM/],
  ["dblink in list", "SELECT dblink_exec('host=x', 'drop table cases')", /dblink_exec\(\) is not allowed/],
  ["lo_import", "SELECT lo_import('/etc/passwd')", /lo_import\(\) is not allowed/],
  ["lo_export", "SELECT lo_export(1, '/tmp/x')", /lo_export/],
  ["pg_read_file", "SELECT pg_read_file('/etc/passwd')", /pg_read_file/],
  ["schema-qualified function", "SELECT pg_catalog.pg_sleep(1)", /pg_sleep/],
  ["function in other schema", "SELECT public.app_tenant_ancestors(id) FROM cases", /schema-qualified/],
  ["cast to regclass", "SELECT 'pg_authid'::regclass", /regclass/],
  ["cast to regproc", "SELECT 'pg_sleep'::regproc", /regproc/],
  ["cast to json", "SELECT row_to_json(c) FROM cases c", /row_to_json/],
  ["array cast", "SELECT '{1}'::int[]", /array types/],
  ["current_user", "SELECT current_user", /CURRENT_USER is not allowed/],
  ["session_user", "SELECT session_user", /SESSION_USER/],
  ["OPERATOR() syntax", "SELECT 1 OPERATOR(pg_catalog.+) 1", /OPERATOR\(pg_catalog\.\+\)/],
  ["regex operator", "SELECT count(*) FROM citizens WHERE city ~ 'a+'", /operator ~ is not allowed/],
  ["parameter", "SELECT * FROM cases WHERE id = $1", /Parameters/],
  ["array subscript", "SELECT (ARRAY[1,2])[1]", /not allowed/],
  ["TABLESAMPLE", "SELECT * FROM cases TABLESAMPLE SYSTEM (10)", /not allowed/],
  ["VALUES into nothing but a function", "SELECT txid_current()", /txid_current/],
  ["version()", "SELECT version()", /version\(\) is not allowed/],
  ["not SQL", "SELEC id FROM cases", /not valid PostgreSQL/],
  ["unterminated dollar quote", "SELECT $$ unterminated", /not valid PostgreSQL/],
  ["EXPLAIN", "EXPLAIN SELECT * FROM cases", /Only SELECT.*EXPLAIN/],
  ["DO block", "DO $$ BEGIN PERFORM pg_sleep(1); END $$", /Only SELECT.*DO/],
  ["CALL", "CALL something()", /Only SELECT.*CALL/],
  ["LOCK", "LOCK TABLE cases", /Only SELECT.*LOCK/],
  ["NUL byte", "SELECT 1\0; DROP TABLE cases", /NUL/],
];

describe("checkChatSql: accepted", () => {
  it.each(accepted)("%s", async (_name, sql) => {
    const result = await checkChatSql(sql);
    expect(result).toEqual({ ok: true, sql: expect.any(String) });
  });
});

describe("checkChatSql: refused, with a reason", () => {
  it.each(refused)("%s", async (_name, sql, reason) => {
    const result = await checkChatSql(sql);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});

describe("checkChatSql: the statement text it hands on", () => {
  it("drops the trailing semicolon and whitespace", async () => {
    expect(await checkChatSql("  SELECT id FROM cases ;  ")).toEqual({ ok: true, sql: "SELECT id FROM cases" });
  });

  it("cuts at UTF-8 byte offsets, not characters", async () => {
    expect(await checkChatSql("SELECT 'é€' AS s FROM cases;")).toEqual({
      ok: true,
      sql: "SELECT 'é€' AS s FROM cases",
    });
  });

  it("refuses SQL over the length limit unparsed", async () => {
    const result = await checkChatSql(`SELECT ${"1+".repeat(MAX_CHAT_SQL_LENGTH)}1`);
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/longer than/) });
  });
});

it("has at least 60 cases in its table", () => {
  expect(accepted.length + refused.length).toBeGreaterThanOrEqual(60);
});
