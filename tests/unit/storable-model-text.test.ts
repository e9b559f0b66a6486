// Model output is cleaned, not refused: a stray control character in a streamed answer must not
// stop a paid-for summary from being stored (the save schema's text() would refuse it).
import { storableModelText, text } from "@/lib/validation/text";

test.each([
  ["a\u0000b", "ab"],
  ["bell\u0007 and escape\u001b[0m", "bell and escape[0m"],
  ["c1\u0085 del\u007f", "c1 del"],
  ["half \ud800 pair", "half  pair"],
  ["\udc00lone low", "lone low"],
])("%j becomes storable", (input, expected) => {
  const cleaned = storableModelText(input);
  expect(cleaned).toBe(expected);
  expect(text(1000, { multiline: true }).safeParse(cleaned).success).toBe(true);
});

test("tabs, line breaks, emoji and accents stay", () => {
  const answer = "One.\tTwo [ref:abc].\r\nThree 😀 é.";
  expect(storableModelText(answer)).toBe(answer);
});
