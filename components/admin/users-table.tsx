import { formatDate, formatNumber } from "@/components/dashboard/format";
import { Badge } from "@/components/ui/badge";
import type { UserListItem } from "@/lib/admin/types";
import { UserStatusControl } from "./user-status-control";
import { td, th } from "./table-styles";

type Props = { users: UserListItem[]; locale: string; currentAdminId: string };

export function UsersTable({ users, locale, currentAdminId }: Props) {
  return (
    <div role="region" aria-label="Users table" tabIndex={0} className="relative overflow-x-auto">
      <table className="w-full min-w-[56rem] border-collapse text-sm">
        <thead className="border-y border-border bg-surface-muted/60">
          <tr>
            <th scope="col" className={th}>
              User
            </th>
            <th scope="col" className={th}>
              Status
            </th>
            <th scope="col" className={`${th} text-right`}>
              Tenants
            </th>
            <th scope="col" className={th}>
              Last sign-in
            </th>
            <th scope="col" className={th}>
              Created
            </th>
            <th scope="col" className={th}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {users.map((u) => (
            <tr key={u.id} className="hover:bg-surface-muted/40">
              <th scope="row" className={`${td} text-left font-normal`}>
                <span className="block font-medium text-foreground">{u.name}</span>
                <span className="block text-muted-foreground">{u.email}</span>
              </th>
              <td className={td}>
                <span className="flex flex-wrap gap-1.5">
                  {u.disabledAt ? <Badge tone="red">Disabled</Badge> : <Badge tone="green">Active</Badge>}
                  {u.platformRole === "ADMIN" ? <Badge tone="violet">Platform admin</Badge> : null}
                  {u.verified ? null : <Badge tone="amber">Unverified</Badge>}
                </span>
              </td>
              <td className={`${td} text-right tabular-nums`}>{formatNumber(u.membershipCount, locale)}</td>
              <td className={`${td} whitespace-nowrap text-muted-foreground`}>
                {u.lastSignInAt ? (
                  <time dateTime={u.lastSignInAt.toISOString()}>{formatDate(u.lastSignInAt, locale)}</time>
                ) : (
                  "Never"
                )}
              </td>
              <td className={`${td} whitespace-nowrap text-muted-foreground`}>
                <time dateTime={u.createdAt.toISOString()}>{formatDate(u.createdAt, locale)}</time>
              </td>
              <td className={`${td} text-right`}>
                {u.id === currentAdminId ? (
                  <span className="text-xs text-muted-foreground">You</span>
                ) : (
                  <UserStatusControl userId={u.id} userLabel={u.name || u.email} disabled={u.disabledAt !== null} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
