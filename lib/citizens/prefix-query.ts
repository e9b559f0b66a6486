// The prefix form of a words search (lib/citizens/list.ts). Pure: unit-tested on its own.

/**
 * People type the start of a name ("eriks" for Eriksen, "ami erik"): a query of plain words
 * also matches each word as a prefix ('eriks':* & …, the GIN index serves prefix lexemes). Not
 * for a query that uses the search syntax (quotes, -exclusion, or): a prefix alternative would
 * undo an exclusion. Words of one letter stay whole (a prefix of one letter matches too much).
 */
export function prefixTsquery(q: string): string | null {
  if (/["-]|\bor\b/i.test(q)) return null;
  const words = q.match(/[\p{L}\p{N}]+/gu);
  if (!words?.length || words.length > 8) return null;
  return words.map((w) => (w.length > 1 ? `'${w}':*` : `'${w}'`)).join(" & ");
}
