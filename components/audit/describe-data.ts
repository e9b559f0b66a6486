// Turns an audit event's `data` into a few readable lines for the viewer's "Details" column.
// Events store changes as `{ before, after }` (lib/audit/record.ts); a reader wants to see
// "role: MEMBER → ADMIN", not two JSON objects. Pure, so it is easy to test and reuse.

export type DetailItem = { key: string; value: string } | { key: string; before: string; after: string };

const MAX_VALUE = 80;
const EMPTY = "—";

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A short display string for one value. */
export function displayValue(value: unknown): string {
  let text: string;
  if (value === null || value === undefined || value === "") text = EMPTY;
  else if (typeof value === "string") text = value;
  else if (typeof value === "number" || typeof value === "boolean") text = String(value);
  else if (Array.isArray(value) && value.every((v) => v === null || typeof v !== "object"))
    text = value.length ? value.map(displayValue).join(", ") : EMPTY;
  else text = JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The lines for one event: changed fields as before → after, then the other keys as key: value. */
export function describeEventData(data: unknown): DetailItem[] {
  if (!isPlainObject(data))
    return data === null || data === undefined ? [] : [{ key: "data", value: displayValue(data) }];
  const { before, after, ...rest } = data;
  const items: DetailItem[] = [];
  if (isPlainObject(before) && isPlainObject(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (!same(before[key], after[key]))
        items.push({ key, before: displayValue(before[key]), after: displayValue(after[key]) });
    }
    // `changed` only lists the fields the diff above already shows.
    if (Array.isArray(rest.changed)) delete rest.changed;
  } else if (before !== undefined && after !== undefined && !isPlainObject(before) && !isPlainObject(after)) {
    items.push({ key: "value", before: displayValue(before), after: displayValue(after) });
  } else {
    // Only one side: a creation (after) or a removal (before); its fields are the details.
    for (const [label, side] of [
      ["before", before],
      ["after", after],
    ] as const) {
      if (isPlainObject(side))
        for (const [key, value] of Object.entries(side)) items.push({ key, value: displayValue(value) });
      else if (side !== undefined) items.push({ key: label, value: displayValue(side) });
    }
  }
  for (const [key, value] of Object.entries(rest)) {
    if (isPlainObject(value) && Object.keys(value).length === 0) continue; // e.g. `filters: {}`
    items.push({ key, value: displayValue(value) });
  }
  return items;
}
