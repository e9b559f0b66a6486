// The webhook's one statement (lib/billing/webhook/accept-in-one-statement.ts): pg-boss's job
// insert with the inbox insert in front, and the job list emptied for an applied event. A
// statement of another shape is refused (null), so the webhook falls back to two statements
// instead of running SQL it does not understand. The real pg-boss statement is exercised by
// tests/integration/stripe-webhook-queue.test.ts.
import { withInboxInsert } from "@/lib/billing/webhook/accept-in-one-statement";

const JOBS = "SELECT * FROM json_to_recordset($1::text::json) AS x (id uuid)";

test("a WITH statement gets the inbox CTE first, an INSERT gets it as its WITH", () => {
  const withForm = withInboxInsert(
    `\n  WITH ins AS (INSERT INTO pgboss.job (id) ${JOBS} RETURNING id) SELECT id FROM ins`,
  )!;
  expect(withForm).toMatch(/^WITH inbox AS \(\s*INSERT INTO stripe_event_inbox /);
  expect(withForm).toContain("), ins AS (INSERT INTO pgboss.job");
  const insertForm = withInboxInsert(`INSERT INTO pgboss.job (id) ${JOBS} RETURNING id`)!;
  expect(insertForm).toMatch(/^WITH inbox AS \([\s\S]*\) INSERT INTO pgboss\.job/);
  for (const sql of [withForm, insertForm]) {
    expect(sql).toContain("THEN '[]' ELSE $1::text END)::json");
    expect(sql).not.toContain("$1::text::json");
  }
});

test("any other shape is refused", () => {
  expect(withInboxInsert("SELECT 1")).toBeNull();
  expect(withInboxInsert(`UPDATE pgboss.job SET x = 1 FROM json_to_recordset($1::text::json) AS x`)).toBeNull();
  // The parameter twice, or parameters of its own that ours would collide with.
  expect(withInboxInsert(`INSERT INTO j ${JOBS} UNION ${JOBS}`)).toBeNull();
  expect(withInboxInsert(`INSERT INTO j ${JOBS} WHERE name = $2`)).toBeNull();
  expect(withInboxInsert("INSERT INTO j SELECT * FROM json_to_recordset($1::json) AS x")).toBeNull();
});
