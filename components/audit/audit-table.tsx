import Link from "next/link";
import { td, th } from "@/components/admin/table-styles";
import { Badge } from "@/components/ui/badge";
import type { AuditEventRow } from "@/lib/audit/list";
import { auditSearchString, type AuditFilters } from "@/lib/audit/schemas";
import { EventDetails } from "./event-details";
import { formatDateTime, type FormatSettings } from "@/lib/format/format";
import { actorLabel, shortId } from "./format";
import { auditSentence, targetLabel } from "./sentences";

type Props = {
  events: AuditEventRow[];
  basePath: string;
  filters: Partial<AuditFilters>;
  format: FormatSettings;
  caption: string;
};

const filterLink = "underline-offset-2 hover:underline focus-visible:underline";

/**
 * The events of one page. Actor, action and target are links that narrow the current filters
 * to that value, the quickest way to follow one person or one record through the trail.
 */
export function AuditTable({ events, basePath, filters, format, caption }: Props) {
  const narrow = (extra: Partial<AuditFilters>) => `${basePath}${auditSearchString({ ...filters, ...extra })}`;
  return (
    <div role="region" aria-label="Audit events table" tabIndex={0} className="relative overflow-x-auto">
      <table className="w-full min-w-[56rem] border-collapse text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-y border-border bg-surface-muted/60">
          <tr>
            <th scope="col" className={th}>
              Time
            </th>
            <th scope="col" className={th}>
              Actor
            </th>
            <th scope="col" className={th}>
              Action
            </th>
            <th scope="col" className={th}>
              Target
            </th>
            <th scope="col" className={th}>
              Details
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {events.map((e) => (
            <tr key={e.id} className="hover:bg-surface-muted/40">
              <th scope="row" className={`${td} text-left font-normal whitespace-nowrap`}>
                <time dateTime={e.createdAt.toISOString()} className="block text-foreground">
                  {formatDateTime(e.createdAt, format, { seconds: true })}
                </time>
                <span
                  className="block text-xs text-muted-foreground"
                  title={e.requestId ? `Request ${e.requestId}` : undefined}
                >
                  #{e.seq}
                  {e.ip ? ` · ${e.ip}` : ""}
                </span>
              </th>
              <td className={td}>
                {e.actorId ? (
                  <Link
                    href={narrow({ actorId: e.actorId })}
                    className={`font-medium text-foreground ${filterLink}`}
                    title="Show only this actor's events"
                  >
                    {actorLabel(e)}
                  </Link>
                ) : (
                  <span className="text-muted-foreground">{actorLabel(e)}</span>
                )}
                {e.actorType === "platform_admin" ? (
                  <Badge tone="violet" className="ml-1.5">
                    Platform admin
                  </Badge>
                ) : null}
              </td>
              <td className={td}>
                <Link
                  href={narrow({ action: e.action })}
                  className={`text-foreground ${filterLink}`}
                  title="Show only this action"
                >
                  {auditSentence(e.action)}
                </Link>
              </td>
              <td className={td}>
                {e.targetType ? (
                  <Link
                    href={narrow({ targetType: e.targetType, ...(e.targetId ? { targetId: e.targetId } : {}) })}
                    className={`text-foreground ${filterLink}`}
                    title={
                      e.targetId
                        ? `Show only events about this ${targetLabel(e.targetType).toLowerCase()}`
                        : `Show only ${targetLabel(e.targetType).toLowerCase()} events`
                    }
                  >
                    {targetLabel(e.targetType)}
                    {e.targetId ? (
                      <span className="ml-1 font-mono text-xs text-muted-foreground">{shortId(e.targetId)}</span>
                    ) : null}
                  </Link>
                ) : (
                  <span className="text-muted-foreground">—</span>
                )}
              </td>
              <td className={`${td} max-w-md`}>
                <EventDetails data={e.data} format={format} />
                {/* The event as stored, for whoever needs the code (support, a SIEM rule, the export). */}
                <details className="mt-1 text-xs">
                  <summary className="cursor-pointer text-muted-foreground hover:text-foreground">Raw event</summary>
                  <pre className="mt-1 max-w-md overflow-x-auto rounded bg-surface-muted p-2 font-mono whitespace-pre-wrap break-all text-foreground">
                    {JSON.stringify(
                      {
                        action: e.action,
                        target: e.targetType ? `${e.targetType}:${e.targetId ?? ""}` : null,
                        at: e.createdAt.toISOString(),
                        request: e.requestId,
                        data: e.data,
                      },
                      null,
                      2,
                    )}
                  </pre>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
