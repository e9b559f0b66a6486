// The one UUID check for ids that arrive from URLs, cookies, forms and the database. Checked
// before they reach a `::uuid` cast, so a malformed id is "not found", never a database error.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}
