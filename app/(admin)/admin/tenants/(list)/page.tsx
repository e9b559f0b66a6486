import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { ErrorAlert } from "@/components/admin/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { Pager } from "@/components/admin/pager";
import { SearchForm } from "@/components/admin/search-form";
import { TenantsTable } from "@/components/admin/tenants-table";
import { resolveLocale } from "@/components/dashboard/format";
import { Card } from "@/components/ui/card";
import { listTenants } from "@/lib/admin/list-tenants";
import { listTenantsSchema } from "@/lib/admin/schemas";
import { requirePlatformAdmin } from "@/lib/auth/platform-guard";

export const metadata: Metadata = { title: "Tenants" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// Repeated query keys arrive as arrays; only a single value is meaningful here.
const single = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

export default async function AdminTenantsPage({ searchParams }: Props) {
  await requirePlatformAdmin();
  const params = await searchParams;
  const locale = resolveLocale((await headers()).get("accept-language"));
  const parsed = listTenantsSchema.safeParse({ q: single(params.q), cursor: single(params.cursor) });
  const q = parsed.success ? parsed.data.q : undefined;
  const page = parsed.success ? await listTenants(parsed.data) : null;

  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-foreground">Tenants</h1>
        <p className="mt-1 text-sm text-muted-foreground">
          Organisations on the platform, alphabetically. Search by name or slug.
        </p>
      </div>
      <SearchForm
        action="/admin/tenants"
        label="Search tenants"
        placeholder="Name or slug"
        defaultValue={single(params.q)}
      />

      {!page ? (
        <ErrorAlert>
          That search or page link is not valid.{" "}
          <Link href="/admin/tenants" className="underline">
            Show all tenants
          </Link>
          .
        </ErrorAlert>
      ) : (
        <Card aria-label="Tenants">
          {page.items.length === 0 ? (
            <EmptyState
              title={q ? `No tenants match “${q}”` : parsed.data?.cursor ? "No more tenants" : "No tenants yet"}
            >
              {q ? "Check the spelling, or search for part of the name or slug." : undefined}
            </EmptyState>
          ) : (
            <TenantsTable tenants={page.items} locale={locale} />
          )}
          <Pager basePath="/admin/tenants" q={q} cursor={parsed.data?.cursor} nextCursor={page.nextCursor} />
        </Card>
      )}
    </div>
  );
}
