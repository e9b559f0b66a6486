import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ErrorAlert } from "@/components/admin/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { AuditFilterForm } from "@/components/audit/audit-filters";
import { AuditPager } from "@/components/audit/audit-pager";
import { AuditTable } from "@/components/audit/audit-table";
import { VerifyChainButton } from "@/components/audit/verify-chain-button";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { DocumentIcon } from "@/components/ui/icons";
import { listAuditActions, listAuditEvents } from "@/lib/audit/list";
import { activeFilters, auditQueryParams, auditQuerySchema, auditSearchString } from "@/lib/audit/schemas";
import { can } from "@/lib/auth/permissions";
import { requireTenantAccess, tenantContext } from "@/lib/auth/tenant-access";
import { readFormatSettings } from "@/lib/tenants/format-settings";
import { fieldErrorsFromZod } from "@/lib/errors";
import { listMembers } from "@/lib/tenants/members";

type Props = {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** Members without audit.read do not learn the page exists: the same 404 as a wrong URL. */
async function requireAuditAccess(slug: string) {
  const access = await requireTenantAccess(slug);
  if (!can(access.role, "audit.read")) notFound();
  return access;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const access = await requireAuditAccess((await params).tenant);
  return { title: `Audit log – ${access.tenant.name}` };
}

export default async function AuditPage({ params, searchParams }: Props) {
  const { tenant: slug } = await params;
  const access = await requireAuditAccess(slug);
  const ctx = await tenantContext(slug);
  const raw = auditQueryParams(await searchParams);
  const parsed = auditQuerySchema.safeParse(raw);
  const query = parsed.success ? parsed.data : null;
  const filters = query ? activeFilters(query) : {};
  const basePath = `/${slug}/audit`;
  const format = await readFormatSettings(access.tenant.id);

  const [page, actions, members] = await Promise.all([
    query ? listAuditEvents(ctx, query) : null,
    listAuditActions(ctx),
    can(access.role, "member.read") ? listMembers(ctx) : [],
  ]);
  const filtered = Object.keys(filters).length > 0;

  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-6">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-foreground">Audit log</h1>
          <p className="mt-1 max-w-2xl text-sm text-muted-foreground">
            Every change in {access.tenant.name}, who made it and when, newest first. Events cannot be edited or
            deleted, and each is chained to the one before it, so verification shows whether the trail has been tampered
            with.
          </p>
        </div>
        <div className="flex flex-wrap items-start gap-2 sm:justify-end">
          {can(access.role, "audit.export") && query ? (
            // A plain link: the browser downloads the streamed file itself (no prefetch, no JS).
            <a
              href={`/api/tenants/${slug}/audit/export${auditSearchString(query)}`}
              download
              className={buttonClasses({ variant: "secondary" })}
            >
              <DocumentIcon className="size-4" />
              Export CSV
            </a>
          ) : null}
          <VerifyChainButton slug={slug} />
        </div>
      </div>

      <Card>
        <CardContent>
          <AuditFilterForm
            basePath={basePath}
            values={raw}
            fieldErrors={parsed.success ? undefined : fieldErrorsFromZod(parsed.error)}
            actions={actions}
            actors={members.map((m) => ({ id: m.userId, name: m.name }))}
            timeZone={format.timeZone}
          />
        </CardContent>
      </Card>

      {!page ? (
        <ErrorAlert>
          Some filters are not valid: correct them above, or{" "}
          <Link href={basePath} className="underline">
            show every event
          </Link>
          .
        </ErrorAlert>
      ) : (
        <Card aria-label="Audit events">
          {page.events.length === 0 ? (
            <EmptyState
              title={query?.cursor ? "No older events" : filtered ? "No events match these filters" : "No events yet"}
            >
              {filtered
                ? "Widen the date range or clear a filter."
                : "Changes made in this organisation will appear here."}
            </EmptyState>
          ) : (
            <AuditTable
              events={page.events}
              basePath={basePath}
              filters={filters}
              format={format}
              caption={`Audit events of ${access.tenant.name}, newest first${filtered ? ", filtered" : ""}`}
            />
          )}
          <AuditPager basePath={basePath} filters={filters} cursor={query?.cursor} nextCursor={page.nextCursor} />
        </Card>
      )}
    </div>
  );
}
