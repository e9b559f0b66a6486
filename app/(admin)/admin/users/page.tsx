import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { ErrorAlert } from "@/components/admin/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { Pager } from "@/components/admin/pager";
import { SearchForm } from "@/components/admin/search-form";
import { UsersTable } from "@/components/admin/users-table";
import { resolveLocale } from "@/components/dashboard/format";
import { Card } from "@/components/ui/card";
import { listUsers } from "@/lib/admin/list-users";
import { listUsersSchema } from "@/lib/admin/schemas";
import { requirePlatformAdmin } from "@/lib/auth/platform-guard";

export const metadata: Metadata = { title: "Users" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const single = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

export default async function AdminUsersPage({ searchParams }: Props) {
  const { adminId } = await requirePlatformAdmin();
  const params = await searchParams;
  const locale = resolveLocale((await headers()).get("accept-language"));
  const parsed = listUsersSchema.safeParse({ q: single(params.q), cursor: single(params.cursor) });
  const q = parsed.success ? parsed.data.q : undefined;
  const page = parsed.success ? await listUsers(parsed.data) : null;

  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-foreground">Users</h1>
        <p className="mt-1 text-sm text-muted-foreground">
          Every account, by email. Disabling one signs the person out everywhere at once; both are recorded in the audit
          log.
        </p>
      </div>
      <SearchForm
        action="/admin/users"
        label="Search users"
        placeholder="Email or name"
        defaultValue={single(params.q)}
      />

      {!page ? (
        <ErrorAlert>
          That search or page link is not valid.{" "}
          <Link href="/admin/users" className="underline">
            Show all users
          </Link>
          .
        </ErrorAlert>
      ) : (
        <Card aria-label="Users">
          {page.items.length === 0 ? (
            <EmptyState title={q ? `No users match “${q}”` : parsed.data?.cursor ? "No more users" : "No users yet"}>
              {q ? "Check the spelling, or search for part of the email address or name." : undefined}
            </EmptyState>
          ) : (
            <UsersTable users={page.items} locale={locale} currentAdminId={adminId} />
          )}
          <Pager basePath="/admin/users" q={q} cursor={parsed.data?.cursor} nextCursor={page.nextCursor} />
        </Card>
      )}
    </div>
  );
}
