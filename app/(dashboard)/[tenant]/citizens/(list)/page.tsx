import Link from "next/link";
import { CitizensTable } from "@/components/citizens/citizens-table";
import { readFormatSettings } from "@/lib/tenants/format-settings";
import { SavedViews } from "@/components/saved-views/saved-views";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { can } from "@/lib/auth/permissions";
import { requireTenantAccess, tenantContext } from "@/lib/auth/tenant-access";
import { listCitizens } from "@/lib/citizens/list";
import { canSaveView } from "@/lib/saved-views/access";
import { listSavedViews } from "@/lib/saved-views/list";
import { citizenListQuerySchema, CITIZEN_SORTS, type CitizenListQuery } from "@/lib/citizens/schemas";
import { ValidationError } from "@/lib/errors";
import { resolveAiAccess } from "@/lib/ai/access/resolve-ai-access";
import { aiStatus } from "@/lib/config/ai";
import { LazyNlSearch } from "@/components/nl-search/lazy-nl-search";
import { tenantMetadata } from "@/lib/tenants/page-title";

type Props = {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const generateMetadata = tenantMetadata("Citizens");

const SORT_LABELS: Record<(typeof CITIZEN_SORTS)[number], string> = {
  newest: "Newest first",
  oldest: "Oldest first",
  name: "Name (A–Z)",
  updated: "Recently updated",
};
const FILTER_KEYS = [
  "q",
  "mode",
  "tag",
  "city",
  "createdFrom",
  "createdTo",
  "field",
  "email",
  "nationalId",
  "sort",
  "deleted",
] as const;

export default async function CitizensPage({ params, searchParams }: Props) {
  const { tenant: slug } = await params;
  const raw = Object.fromEntries(
    Object.entries(await searchParams).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])),
  );
  const [access, ctx] = await Promise.all([requireTenantAccess(slug), tenantContext(slug)]);
  const parsed = citizenListQuerySchema.safeParse(raw);
  const query: CitizenListQuery = parsed.success ? parsed.data : citizenListQuerySchema.parse({});
  // A stale or tampered page link is a ValidationError: say so instead of failing the page.
  const status = aiStatus();
  const [result, views, nlSearch] = await Promise.all([
    listCitizens(ctx, query).then(
      (page) => ({ page, failed: null }),
      (err: unknown) => {
        if (err instanceof ValidationError) return { page: null, failed: err };
        throw err;
      },
    ),
    listSavedViews(ctx, "citizens"),
    can(access.role, "ai.use") ? resolveAiAccess({ ...ctx, access }, "nl_search", status) : null,
  ]);
  const { page, failed } = result;
  const current = Object.fromEntries(FILTER_KEYS.flatMap((k) => (raw[k] ? [[k, raw[k]!]] : [])));
  const nextHref = page?.nextCursor ? `?${new URLSearchParams({ ...current, cursor: page.nextCursor })}` : null;
  const role = access.role;

  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-foreground">
            {query.deleted ? "Deleted citizens" : "Citizens"}
          </h1>
          <p className="mt-1 text-sm text-muted-foreground">
            {query.deleted ? "Restore a record, or erase it for good." : `The people ${access.tenant.name} serves.`}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          {can(role, "citizen.export") ? (
            <a
              href={`/api/tenants/${slug}/citizens/export?${new URLSearchParams(current)}`}
              className={buttonClasses({ variant: "secondary" })}
              download
            >
              Export CSV
            </a>
          ) : null}
          {can(role, "citizen.merge") ? (
            <Link href={`/${slug}/citizens/duplicates`} className={buttonClasses({ variant: "secondary" })}>
              Duplicates
            </Link>
          ) : null}
          {can(role, "citizen.import") ? (
            <Link href={`/${slug}/citizens/import`} className={buttonClasses({ variant: "secondary" })}>
              Import
            </Link>
          ) : null}
          {can(role, "citizen.create") ? (
            <Link href={`/${slug}/citizens/new`} className={buttonClasses()}>
              New citizen
            </Link>
          ) : null}
        </div>
      </div>

      {!query.deleted && nlSearch && (nlSearch.allowed || nlSearch.reason === "not_configured") ? (
        <div className="rounded-xl border border-border bg-surface p-4 shadow-sm">
          <LazyNlSearch
            tenantSlug={slug}
            list="citizens"
            demo={status.demo}
            unavailableMessage={nlSearch.allowed ? undefined : nlSearch.message}
          />
        </div>
      ) : null}

      <form
        // Uncontrolled fields (defaultValue): a client-side navigation to other filters (a saved
        // view, an interpreted search) remounts the form so it shows them.
        key={new URLSearchParams(current).toString()}
        method="get"
        className="grid gap-3 rounded-xl border border-border bg-surface p-4 shadow-sm md:grid-cols-6"
        role="search"
        aria-label="Search and filter citizens"
      >
        <div className="md:col-span-3">
          <Label htmlFor="q">Search</Label>
          <Input
            id="q"
            name="q"
            type="search"
            defaultValue={raw.q ?? ""}
            placeholder="Name, place, tag or words in notes"
            className="mt-1.5"
          />
        </div>
        <div>
          <Label htmlFor="mode">Match</Label>
          <Select id="mode" name="mode" defaultValue={query.mode} className="mt-1.5">
            <option value="text">Words</option>
            <option value="fuzzy">Similar names (typos)</option>
          </Select>
        </div>
        <div>
          <Label htmlFor="sort">Sort</Label>
          <Select id="sort" name="sort" defaultValue={query.sort} className="mt-1.5">
            {CITIZEN_SORTS.map((s) => (
              <option key={s} value={s}>
                {SORT_LABELS[s]}
              </option>
            ))}
          </Select>
        </div>
        <div className="flex items-end gap-2">
          <button type="submit" className={buttonClasses({ className: "w-full" })}>
            Search
          </button>
        </div>
        <details className="md:col-span-6" open={FILTER_KEYS.some((k) => !["q", "mode", "sort"].includes(k) && raw[k])}>
          <summary className="cursor-pointer text-sm font-medium text-muted-foreground">More filters</summary>
          <div className="mt-3 grid gap-3 md:grid-cols-4">
            {(
              [
                ["tag", "Tag", "text"],
                ["city", "City", "text"],
                ["createdFrom", "Added from", "date"],
                ["createdTo", "Added until", "date"],
                ["field", "Custom field (key=value)", "text"],
                ["email", "Exact email", "email"],
                ["nationalId", "Exact national ID", "text"],
              ] as const
            ).map(([name, label, type]) => (
              <div key={name}>
                <Label htmlFor={`f-${name}`}>{label}</Label>
                <Input
                  id={`f-${name}`}
                  name={name}
                  type={type}
                  defaultValue={raw[name] ?? ""}
                  className="mt-1.5"
                  aria-invalid={
                    !parsed.success && parsed.error.issues.some((i) => i.path[0] === name) ? true : undefined
                  }
                />
              </div>
            ))}
            <label className="flex items-end gap-2 pb-2 text-sm">
              <input
                type="checkbox"
                name="deleted"
                value="1"
                defaultChecked={query.deleted}
                className="size-4 accent-brand-600"
              />{" "}
              Show deleted (trash)
            </label>
          </div>
        </details>
      </form>

      <SavedViews
        slug={slug}
        resource="citizens"
        allLabel="All citizens"
        views={views}
        current={current}
        activeViewId={raw.view}
        canSave={canSaveView(role, { resource: "citizens", shared: false })}
        canShare={canSaveView(role, { resource: "citizens", shared: true })}
      />

      {!parsed.success ? (
        <p
          role="alert"
          className="rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-400/30 dark:bg-amber-400/10 dark:text-amber-100"
        >
          Some filters are not valid ({parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join("; ")}
          ); showing all citizens instead.
        </p>
      ) : null}
      {failed || !page ? (
        <p
          role="alert"
          className="rounded-lg border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-400/30 dark:bg-red-400/10 dark:text-red-200"
        >
          {failed?.message}.{" "}
          <Link href={`/${slug}/citizens`} className="underline">
            Start again
          </Link>
        </p>
      ) : (
        <Card>
          {page.items.length === 0 ? (
            <div className="px-6 py-12 text-center">
              <p className="font-medium text-foreground">
                {Object.keys(current).length ? "No citizens match these filters" : "No citizens yet"}
              </p>
              <p className="mt-1 text-sm text-muted-foreground">
                {query.q && query.mode !== "fuzzy" ? (
                  // A misspelt name finds nothing by words; the similar-names mode would
                  // ("Eriksn" → Eriksen), so the empty state offers it (issue #13).
                  <>
                    <Link href={`?${new URLSearchParams({ ...current, mode: "fuzzy" })}`} className="underline">
                      Search similar names for “{query.q}”
                    </Link>
                    {" or "}
                    <Link href={`/${slug}/citizens`} className="underline">
                      clear the filters
                    </Link>
                  </>
                ) : Object.keys(current).length ? (
                  <Link href={`/${slug}/citizens`} className="underline">
                    Clear the filters
                  </Link>
                ) : can(role, "citizen.create") ? (
                  "Add the first one, or import a CSV file."
                ) : (
                  "Records added by your colleagues will appear here."
                )}
              </p>
            </div>
          ) : (
            <CitizensTable
              slug={slug}
              items={page.items}
              caption={query.deleted ? "Deleted citizens" : "Citizens"}
              format={await readFormatSettings(access.tenant.id)}
            />
          )}
        </Card>
      )}
      {nextHref || raw.cursor ? (
        <nav aria-label="Pages" className="flex justify-between text-sm">
          {raw.cursor ? (
            <Link
              href={`?${new URLSearchParams(current)}`}
              className="font-medium text-brand-700 hover:underline dark:text-brand-300"
            >
              ← First page
            </Link>
          ) : (
            <span />
          )}
          {nextHref ? (
            <Link href={nextHref} className="font-medium text-brand-700 hover:underline dark:text-brand-300">
              Next page →
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
