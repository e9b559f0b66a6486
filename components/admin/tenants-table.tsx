import Link from "next/link";
import { formatDate, formatNumber } from "@/components/dashboard/format";
import type { TenantListItem } from "@/lib/admin/types";
import { td, th } from "./table-styles";

export function TenantsTable({ tenants, locale }: { tenants: TenantListItem[]; locale: string }) {
  return (
    // Focusable so keyboard users can scroll it sideways on narrow screens.
    <div role="region" aria-label="Tenants table" tabIndex={0} className="relative overflow-x-auto">
      <table className="w-full min-w-[44rem] border-collapse text-sm">
        <thead className="border-y border-border bg-surface-muted/60">
          <tr>
            <th scope="col" className={th}>
              Name
            </th>
            <th scope="col" className={th}>
              Slug
            </th>
            <th scope="col" className={th}>
              Parent
            </th>
            <th scope="col" className={`${th} text-right`}>
              Members
            </th>
            <th scope="col" className={th}>
              Created
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {tenants.map((t) => (
            <tr key={t.id} className="hover:bg-surface-muted/40">
              <th scope="row" className={`${td} text-left font-medium`}>
                <Link
                  href={`/admin/tenants/${t.id}`}
                  className="rounded text-brand-700 hover:underline dark:text-brand-300"
                >
                  {t.name}
                </Link>
              </th>
              <td className={`${td} font-mono text-xs text-muted-foreground`}>{t.slug}</td>
              <td className={`${td} text-muted-foreground`}>{t.parentName ?? <span aria-label="None">—</span>}</td>
              <td className={`${td} text-right tabular-nums`}>{formatNumber(t.memberCount, locale)}</td>
              <td className={`${td} whitespace-nowrap text-muted-foreground`}>
                <time dateTime={t.createdAt.toISOString()}>{formatDate(t.createdAt, locale)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
