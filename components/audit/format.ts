// Display helpers of the audit viewer. Times go through lib/format in the tenant's zone, to the
// second and with the zone named, so a row can still be matched with UTC server logs; the
// CSV export keeps ISO UTC timestamps.
import type { AuditEventRow } from "@/lib/audit/list";

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
