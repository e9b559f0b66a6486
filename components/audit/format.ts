// Display helpers of the audit viewer. Times are shown in UTC with the zone named: an audit
// trail is compared with server logs and other systems, which all speak UTC.
import type { AuditEventRow } from "@/lib/audit/list";

export function formatAuditTime(date: Date, locale: string): string {
  return `${new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" }).format(date)} UTC`;
}

/** Who acted, in words: the user's name, or what kind of actor it was. */
export function actorLabel(e: Pick<AuditEventRow, "actorName" | "actorId" | "actorType">): string {
  if (e.actorName) return e.actorName;
  if (e.actorType === "system") return "System";
  if (e.actorType === "anonymous") return "Anonymous";
  return e.actorId ? "Deleted user" : "Unknown";
}

/** A long id shortened for a table cell (the full one is in the link and the export). */
export function shortId(id: string): string {
  return id.length > 13 ? `${id.slice(0, 8)}…` : id;
}
