// The case status workflow (lib/cases/workflow.ts): the server refuses any move not in the
// table, and the case page offers only the moves in it, so the table itself is pinned here.
import { canTransition, CASE_STATUSES, isReopen, OPEN_STATUSES, TRANSITIONS } from "@/lib/cases/workflow";
import type { CaseStatus } from "@/lib/generated/prisma/enums";

/** open → in progress → waiting → resolved / closed, and reopen: the product's rules, in full. */
const ALLOWED: Array<[CaseStatus, CaseStatus]> = [
  ["OPEN", "IN_PROGRESS"],
  ["OPEN", "WAITING"],
  ["OPEN", "RESOLVED"],
  ["OPEN", "CLOSED"],
  ["IN_PROGRESS", "WAITING"],
  ["IN_PROGRESS", "RESOLVED"],
  ["IN_PROGRESS", "CLOSED"],
  ["IN_PROGRESS", "OPEN"],
  ["WAITING", "IN_PROGRESS"],
  ["WAITING", "RESOLVED"],
  ["WAITING", "CLOSED"],
  ["RESOLVED", "CLOSED"],
  ["RESOLVED", "OPEN"],
  ["CLOSED", "OPEN"],
];
const key = ([from, to]: [CaseStatus, CaseStatus]) => `${from}→${to}`;
const allowed = new Set(ALLOWED.map(key));
const allPairs = CASE_STATUSES.flatMap((from) => CASE_STATUSES.map((to): [CaseStatus, CaseStatus] => [from, to]));

test("the statuses are the five of the schema, three of them open", () => {
  expect(CASE_STATUSES).toEqual(["OPEN", "IN_PROGRESS", "WAITING", "RESOLVED", "CLOSED"]);
  expect(OPEN_STATUSES).toEqual(["OPEN", "IN_PROGRESS", "WAITING"]);
});

test("the transition table is exactly the allowed moves", () => {
  const table = CASE_STATUSES.flatMap((from) => TRANSITIONS[from].map((to) => key([from, to])));
  expect(table.sort()).toEqual([...allowed].sort());
});

test.each(ALLOWED)("%s → %s is allowed", (from, to) => {
  expect(canTransition(from, to)).toBe(true);
});

test.each(allPairs.filter((pair) => !allowed.has(key(pair))))("%s → %s is refused", (from, to) => {
  expect(canTransition(from, to)).toBe(false);
});

test("no status moves to itself", () => {
  for (const status of CASE_STATUSES) expect(canTransition(status, status)).toBe(false);
});

test("a resolved or closed case can only be closed or reopened", () => {
  expect(TRANSITIONS.RESOLVED).toEqual(["CLOSED", "OPEN"]);
  expect(TRANSITIONS.CLOSED).toEqual(["OPEN"]);
});

test("every status can be reached from some other status", () => {
  for (const status of CASE_STATUSES) expect(CASE_STATUSES.some((from) => canTransition(from, status))).toBe(true);
});

describe("reopen detection", () => {
  test("back to open from resolved or closed is a reopening", () => {
    expect(isReopen("RESOLVED", "OPEN")).toBe(true);
    expect(isReopen("CLOSED", "OPEN")).toBe(true);
  });

  test.each(allPairs.filter(([from, to]) => !(to === "OPEN" && (from === "RESOLVED" || from === "CLOSED"))))(
    "%s → %s is not a reopening",
    (from, to) => {
      expect(isReopen(from, to)).toBe(false);
    },
  );
});
