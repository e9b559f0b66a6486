// The read-only views the chat's SQL may read (schema `chat`, created by the migration
// 20261203130000_chat_views, run by lib/chat/run-chat-query.ts as the role civitas_chat). One list
// serves the SQL guard's allow-list and the description the model is given, so the two cannot
// drift (tests/integration/chat-views.test.ts compares it with the database's columns).
// No column here is encrypted or PII (DESIGN.md invariant 6): citizens' names, email, phone, national id, date of birth, address lines, postal code, notes, tags and
// custom fields stay out, as do case titles/descriptions and case event bodies (free text that
// routinely holds names and contact details).

export type ChatViewColumn = { name: string; type: string; note?: string };
export type ChatView = { name: string; description: string; columns: readonly ChatViewColumn[] };

export const CHAT_SCHEMA = "chat";

export const CHAT_VIEWS: readonly ChatView[] = [
  {
    name: "cases",
    description: "The tenant's cases (requests from citizens).",
    columns: [
      { name: "id", type: "uuid" },
      { name: "citizen_id", type: "uuid", note: "chat.citizens.id" },
      { name: "status", type: "text", note: "OPEN, IN_PROGRESS, WAITING, RESOLVED, CLOSED" },
      { name: "priority", type: "text", note: "LOW, NORMAL, HIGH, URGENT" },
      { name: "category", type: "text" },
      { name: "assignee_id", type: "uuid", note: "staff user id" },
      { name: "due_at", type: "timestamptz" },
      { name: "resolved_at", type: "timestamptz" },
      { name: "created_at", type: "timestamptz" },
      { name: "updated_at", type: "timestamptz" },
    ],
  },
  {
    name: "citizens",
    description: "The tenant's citizens (not deleted), without any personal data.",
    columns: [
      { name: "id", type: "uuid" },
      { name: "city", type: "text" },
      { name: "country", type: "text" },
      { name: "preferred_language", type: "text" },
      { name: "created_at", type: "timestamptz" },
      { name: "updated_at", type: "timestamptz" },
    ],
  },
  {
    name: "case_events",
    description: "Timeline events of the tenant's cases (no bodies).",
    columns: [
      { name: "id", type: "uuid" },
      { name: "case_id", type: "uuid", note: "chat.cases.id" },
      { name: "kind", type: "text", note: "CREATED, NOTE, STATUS_CHANGED, ASSIGNED, UPDATED" },
      { name: "from_status", type: "text" },
      { name: "to_status", type: "text" },
      { name: "author_id", type: "uuid", note: "staff user id" },
      { name: "created_at", type: "timestamptz" },
    ],
  },
];

export const CHAT_VIEW_NAMES: ReadonlySet<string> = new Set(CHAT_VIEWS.map((v) => v.name));
