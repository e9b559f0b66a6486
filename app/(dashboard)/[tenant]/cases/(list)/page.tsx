import type { Metadata } from "next";
import Link from "next/link";
import { CaseFilterForm } from "@/components/cases/case-filters";
import { CasesTable } from "@/components/cases/cases-table";
import { EmptyState } from "@/components/ui/empty-state";
import { FolderIcon } from "@/components/ui/icons";
import { activeCaseFilters, casesHref, rawCaseParams } from "@/components/cases/list-params";
import { Notice } from "@/components/cases/notice";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { ArrowRightIcon } from "@/components/ui/icons";
import { can } from "@/lib/auth/permissions";
import { requireTenantAccess, tenantContext } from "@/lib/auth/tenant-access";
import { readFormatSettings } from "@/lib/tenants/format-settings";
import { listCases } from "@/lib/cases/list";
import { listAssignees } from "@/lib/cases/read";
import { canSaveView } from "@/lib/saved-views/access";
import { listSavedViews } from "@/lib/saved-views/list";
import { SavedViews } from "@/components/saved-views/saved-views";
import { caseListQuerySchema, type CaseListQuery } from "@/lib/cases/schemas";
import { fieldErrorsFromZod, ValidationError } from "@/lib/errors";
import { AiUnavailable } from "@/components/ai/ai-unavailable";
import {
  LazyBulkClassificationBar,
  LazyClassificationRunPanel,
} from "@/components/bulk-classification/lazy-bulk-classification";
import { LazyNlSearch } from "@/components/nl-search/lazy-nl-search";
import { resolveAiAccess } from "@/lib/ai/access/resolve-ai-access";
import {
  latestClassificationRunId,
  readClassificationRun,
} from "@/lib/ai/features/bulk-classification/read-classification-run";
import { aiStatus } from "@/lib/config/ai";

type Props = {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const access = await requireTenantAccess((await params).tenant);
  return { title: `Cases – ${access.tenant.name}` };
}

/** One page of cases; a cursor that no longer decodes falls back to the first page (never a 500). */
async function loadPage(ctx: Awaited<ReturnType<typeof tenantContext>>, query: CaseListQuery) {
  try {
    return { page: await listCases(ctx, query), cursorRejected: false };
  } catch (err) {
    if (!(err instanceof ValidationError) || !query.cursor) throw err;
    return { page: await listCases(ctx, { ...query, cursor: undefined }), cursorRejected: true };
  }
}

export default async function CasesPage({ params, searchParams }: Props) {
  const { tenant: slug } = await params;
  const [access, ctx] = await Promise.all([requireTenantAccess(slug), tenantContext(slug)]);
  const search = await searchParams;
  const raw = rawCaseParams(search);
  const activeViewId = typeof search.view === "string" ? search.view : undefined;
  const parsed = caseListQuerySchema.safeParse(raw);
  // Invalid filters: say so, keep the bad values in their fields, and show the unfiltered list.
  const query = parsed.success ? parsed.data : caseListQuerySchema.parse({});
  const filters = activeCaseFilters(query);
  const basePath = `/${slug}/cases`;
  const format = await readFormatSettings(access.tenant.id);
  const now = new Date();

  // AI on this list (bulk classification, natural-language search) is offered to those who may
  // use AI, when the plan, the installation and the tenant's AI settings allow it (lib/ai/access);
  // the newest classification run shows its progress.
  const status = aiStatus();
  const mayUseAi = can(access.role, "ai.use");
  const [{ page, cursorRejected }, assignees, views, bulk, nlSearch, latestRunId] = await Promise.all([
    loadPage(ctx, query),
    listAssignees(ctx),
    listSavedViews(ctx, "cases"),
    mayUseAi ? resolveAiAccess({ ...ctx, access }, "bulk_classification", status) : null,
    mayUseAi ? resolveAiAccess({ ...ctx, access }, "nl_search", status) : null,
    latestClassificationRunId(ctx),
  ]);
  const latestRun = bulk?.allowed && latestRunId ? await readClassificationRun(ctx, latestRunId) : null;
  const bulkFilter = parsed.success
    ? new URLSearchParams(
        Object.entries(filters).filter((e): e is [string, string] => typeof e[1] === "string" && e[0] !== "limit"),
      ).toString()
    : "";
  const filtered = Object.keys(filters).some((k) => k !== "sort" && k !== "limit");
  const firstPage = !query.cursor || cursorRejected;
  const newCaseHref = query.citizenId ? `${basePath}/new?citizenId=${query.citizenId}` : `${basePath}/new`;

  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-6">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-foreground">Cases</h1>
          <p className="mt-1 max-w-2xl text-sm text-muted-foreground">
            Requests and interactions of citizens of {access.tenant.name}.
          </p>
        </div>
        {can(access.role, "case.create") ? (
          <Link href={newCaseHref} className={buttonClasses()}>
            New case
          </Link>
        ) : null}
      </div>

      <Card>
        <CardContent className="flex flex-col gap-6">
          {nlSearch && (nlSearch.allowed || nlSearch.reason === "not_configured") ? (
            <LazyNlSearch
              tenantSlug={slug}
              list="cases"
              assignees={assignees}
              demo={status.demo}
              unavailableMessage={nlSearch.allowed ? undefined : nlSearch.message}
            />
          ) : null}
          <CaseFilterForm
            // Its fields are uncontrolled (defaultValue): a client-side navigation to other
            // filters (a saved view, an interpreted search) must remount it to show them.
            key={new URLSearchParams(raw as Record<string, string>).toString()}
            basePath={basePath}
            values={raw}
            fieldErrors={parsed.success ? undefined : fieldErrorsFromZod(parsed.error)}
            assignees={assignees}
            timeZone={format.timeZone}
          />
        </CardContent>
      </Card>

      <SavedViews
        slug={slug}
        resource="cases"
        allLabel="All cases"
        views={views}
        current={filters as Record<string, string>}
        activeViewId={activeViewId}
        canSave={canSaveView(access.role, { resource: "cases", shared: false })}
        canShare={canSaveView(access.role, { resource: "cases", shared: true })}
      />

      {bulk?.allowed ? (
        <>
          {latestRun ? (
            <LazyClassificationRunPanel tenantSlug={slug} run={latestRun} canUndo={can(access.role, "case.update")} />
          ) : null}
          <LazyBulkClassificationBar tenantSlug={slug} filter={bulkFilter} filtered={filtered} demo={status.demo} />
        </>
      ) : bulk && bulk.reason !== "plan" ? (
        <AiUnavailable
          title="Classify with AI"
          reason={bulk.reason}
          message={bulk.message}
          href={bulk.reason === "disabled" && can(access.role, "ai_settings.manage") ? `/${slug}/settings/ai` : null}
        />
      ) : null}

      {!parsed.success ? (
        <Notice>
          Some filters are not valid, so every case is shown: correct them above, or{" "}
          <Link href={basePath} className="font-medium underline">
            clear the filters
          </Link>
          .
        </Notice>
      ) : null}
      {cursorRejected ? <Notice>That page link is no longer valid: showing the first page again.</Notice> : null}
      {page.similarTitles ? (
        <Notice>No case title contains &ldquo;{query.q}&rdquo;: showing the cases with the most similar titles.</Notice>
      ) : null}
      {query.citizenId ? (
        <Notice>
          Showing the cases of one citizen.{" "}
          <Link href={casesHref(basePath, { ...filters, citizenId: undefined })} className="font-medium underline">
            Show every citizen&apos;s cases
          </Link>
        </Notice>
      ) : null}

      <Card aria-labelledby="cases-results-heading">
        <h2 id="cases-results-heading" className="sr-only">
          Results
        </h2>
        {page.items.length === 0 ? (
          filtered || !firstPage ? (
            <EmptyState Icon={FolderIcon} title={firstPage ? "No cases match these filters" : "No more cases"}>
              <Link
                href={firstPage ? basePath : casesHref(basePath, filters)}
                className="font-medium text-brand-700 underline dark:text-brand-300"
              >
                {firstPage ? "Clear filters" : "Back to the first page"}
              </Link>
            </EmptyState>
          ) : (
            <EmptyState Icon={FolderIcon} title="No cases yet">
              Open a case from a citizen&apos;s record; it will be listed here.
            </EmptyState>
          )
        ) : (
          <CasesTable
            slug={slug}
            cases={page.items}
            format={format}
            now={now}
            caption={`Cases of ${access.tenant.name}${filtered ? ", filtered" : ""}`}
            selectable={!!bulk?.allowed}
          />
        )}
        {!firstPage || page.nextCursor ? (
          <nav
            aria-label="Pages"
            className="flex flex-wrap items-center justify-end gap-2 border-t border-border px-4 py-3"
          >
            {!firstPage ? (
              <Link href={casesHref(basePath, filters)} className={buttonClasses({ variant: "ghost", size: "sm" })}>
                First page
              </Link>
            ) : null}
            {page.nextCursor ? (
              <Link
                href={casesHref(basePath, filters, page.nextCursor)}
                className={buttonClasses({ variant: "secondary", size: "sm" })}
              >
                Next page
                <ArrowRightIcon className="size-4" />
              </Link>
            ) : null}
          </nav>
        ) : null}
      </Card>
    </div>
  );
}
