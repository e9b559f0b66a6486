// The prefix alternative of the citizens words search: plain words only, each a quoted lexeme.
import { prefixTsquery } from "@/lib/citizens/prefix-query";

test.each([
  ["eriks", "'eriks':*"],
  ["ami erik", "'ami':* & 'erik':*"],
  ["Müller", "'Müller':*"],
  ["J Smit", "'J' & 'Smit':*"],
  ["o'brien", "'o' & 'brien':*"],
  ["smit, gent", "'smit':* & 'gent':*"],
])("%s → %s", (q, expected) => {
  expect(prefixTsquery(q)).toBe(expected);
});

test.each([['"amira eriksen"'], ["amira -eriksen"], ["smit or jansen"], ["!!!"], [""], ["a b c d e f g h i"]])(
  "%s uses the search syntax (or has no words): no prefix form",
  (q) => {
    expect(prefixTsquery(q)).toBeNull();
  },
);

test("what it builds cannot carry tsquery operators or quotes", () => {
  const built = prefixTsquery("x'):* | !y & (z") ?? "";
  expect(built.replace(/'[\p{L}\p{N}]+'(:\*)?/gu, "").replace(/ & /g, "")).toBe("");
});
