// The audit viewer's filters (lib/audit/schemas.ts): what the URL may say, what it means, and
// that nonsense comes back as field errors rather than reaching the database. Also the pure
// helper that renders an event's data in the viewer.
import { describeEventData, displayValue } from "@/components/audit/describe-data";
import {
  activeFilters,
  auditQueryParams,
  auditQuerySchema,
  auditSearchString,
  parseAuditQuery,
} from "@/lib/audit/schemas";

const errorsOf = (input: Record<string, unknown>) => {
  const r = auditQuerySchema.safeParse(input);
  expect(r.success).toBe(false);
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
};

test("nothing set: every event, 50 per page", () => {
  expect(auditQuerySchema.parse({})).toEqual({ limit: 50 });
});

test("empty strings and whitespace are unset (a GET form sends every field)", () => {
  const parsed = auditQuerySchema.parse({
    action: "",
    actorId: " ",
    targetType: "",
    targetId: "",
    from: "",
    to: "",
    cursor: "",
    limit: "",
  });
  expect(parsed).toEqual({ limit: 50 });
});

test("valid filters are kept (trimmed), limit and cursor read from strings", () => {
  const q = auditQuerySchema.parse({
    action: " member. ",
    actorId: "0d3c5a9e-1b2c-4d5e-8f90-123456789abc",
    targetType: "citizen",
    targetId: "abc",
    from: "2026-01-01",
    to: "2026-01-31",
    cursor: "12345",
    limit: "200",
  });
  expect(q).toEqual({
    action: "member.",
    actorId: "0d3c5a9e-1b2c-4d5e-8f90-123456789abc",
    targetType: "citizen",
    targetId: "abc",
    from: "2026-01-01",
    to: "2026-01-31",
    cursor: "12345",
    limit: 200,
  });
  expect(auditQuerySchema.parse({ action: "member.role_changed", from: "2026-02-01", to: "2026-02-01" })).toMatchObject(
    { action: "member.role_changed" },
  );
});

test.each([
  [{ action: "member.%" }, "action"],
  [{ action: "DROP TABLE" }, "action"],
  [{ action: ".member" }, "action"],
  [{ action: "a".repeat(101) }, "action"],
  [{ actorId: "not-a-uuid" }, "actorId"],
  [{ actorId: "1; DELETE" }, "actorId"],
  [{ targetType: "x".repeat(65) }, "targetType"],
  [{ targetId: "x".repeat(201) }, "targetId"],
  [{ from: "2026-13-01" }, "from"],
  [{ from: "2023-02-29" }, "from"],
  [{ from: "yesterday" }, "from"],
  [{ to: "2026-01-01T00:00:00Z" }, "to"],
  [{ from: "2026-02-01", to: "2026-01-31" }, "to"],
  [{ cursor: "-1" }, "cursor"],
  [{ cursor: "1.5" }, "cursor"],
  [{ cursor: "abc" }, "cursor"],
  [{ cursor: "99999999999999999999" }, "cursor"],
  [{ cursor: "9223372036854775808" }, "cursor"],
  [{ limit: "0" }, "limit"],
  [{ limit: "201" }, "limit"],
  [{ limit: "ten" }, "limit"],
  [{ limit: "2.5" }, "limit"],
  [{ action: ["member."] }, "action"],
])("%p is refused on %s", (input, field) => {
  expect(Object.keys(errorsOf(input))).toContain(field);
});

test("every bad field is reported at once, each under its own name", () => {
  expect(Object.keys(errorsOf({ actorId: "x", from: "x", limit: "x" })).sort()).toEqual(["actorId", "from", "limit"]);
});

test("the largest bigint cursor is accepted", () => {
  expect(auditQuerySchema.parse({ cursor: "9223372036854775807" }).cursor).toBe("9223372036854775807");
});

test("parameters come from URLSearchParams or Next's searchParams object; first value wins, unknown keys are ignored", () => {
  const fromUrl = parseAuditQuery(new URLSearchParams("action=member.&action=case.&evil=1&limit=10"));
  expect(fromUrl.success && fromUrl.data).toEqual({ action: "member.", limit: 10 });
  expect(auditQueryParams({ action: ["case.", "x"], from: "2026-01-01", other: "y" })).toEqual({
    action: "case.",
    actorId: undefined,
    targetType: undefined,
    targetId: undefined,
    from: "2026-01-01",
    to: undefined,
    cursor: undefined,
    limit: undefined,
  });
  expect(parseAuditQuery({ limit: "500" }).success).toBe(false);
});

test("links keep the filters, drop paging unless asked, and escape values", () => {
  const q = auditQuerySchema.parse({ action: "member.", targetId: "a&b", cursor: "10", limit: "20" });
  expect(activeFilters(q)).toEqual({ action: "member.", targetId: "a&b" });
  expect(auditSearchString(q)).toBe("?action=member.&targetId=a%26b");
  expect(auditSearchString(q, { cursor: "9" })).toBe("?action=member.&targetId=a%26b&cursor=9");
  expect(auditSearchString({ limit: 50 })).toBe("");
});

describe("event details in the viewer", () => {
  test("a before/after diff lists changed fields only, as old → new", () => {
    expect(
      describeEventData({
        changed: ["role"],
        before: { role: "MEMBER", inherit: false },
        after: { role: "ADMIN", inherit: false },
      }),
    ).toEqual([{ key: "role", before: "MEMBER", after: "ADMIN" }]);
    expect(describeEventData({ before: { tags: ["a"] }, after: { tags: ["a", "b"], city: "Gent" } })).toEqual([
      { key: "tags", before: "a", after: "a, b" },
      { key: "city", before: "—", after: "Gent" },
    ]);
  });

  test("one side only (a creation or removal) lists its fields; other keys follow as key: value", () => {
    expect(describeEventData({ after: { name: "Jo" }, via: "import", count: 3, filters: {} })).toEqual([
      { key: "name", value: "Jo" },
      { key: "via", value: "import" },
      { key: "count", value: "3" },
    ]);
    expect(describeEventData({ before: "VIEWER", after: "ADMIN" })).toEqual([
      { key: "value", before: "VIEWER", after: "ADMIN" },
    ]);
  });

  test("empty, non-object and long values", () => {
    expect(describeEventData({})).toEqual([]);
    expect(describeEventData(null)).toEqual([]);
    expect(describeEventData("x")).toEqual([{ key: "data", value: "x" }]);
    expect(displayValue(null)).toBe("—");
    expect(displayValue({ a: { b: 1 } })).toBe('{"a":{"b":1}}');
    expect(displayValue("y".repeat(200))).toHaveLength(80);
  });
});
