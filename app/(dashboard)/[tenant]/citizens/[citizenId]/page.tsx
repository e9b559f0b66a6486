import { Breadcrumb } from "@/components/ui/breadcrumb";
import { readFormatSettings } from "@/lib/tenants/format-settings";
import { formatDate, formatName } from "@/lib/format/format";
import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { PiiReveal } from "@/components/citizens/pii-reveal";
import { CitizenRecordActions } from "@/components/citizens/record-actions";
import { TagEditor } from "@/components/citizens/tag-editor";
import { CaseStatusBadge, CasePriorityBadge } from "@/components/dashboard/case-badges";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { can } from "@/lib/auth/permissions";
import type { TenantContext } from "@/lib/context/request-context";
import { requireTenantAccess, tenantContext } from "@/lib/auth/tenant-access";
import { listCases } from "@/lib/cases/list";
import { caseListQuerySchema } from "@/lib/cases/schemas";
import { listCustomFields } from "@/lib/citizens/custom-fields";
import { candidatesOf } from "@/lib/citizens/duplicates/flag-duplicates-of";
import type { PiiFieldName } from "@/lib/citizens/schemas";
import { loadCitizenRecord } from "./load";
import { AiUnavailable } from "@/components/ai/ai-unavailable";
import { LazyCitizenSummaryPanel } from "@/components/citizen-summary/lazy-citizen-summary-panel";
import { resolveAiAccess } from "@/lib/ai/access/resolve-ai-access";
import { readCitizenSummary } from "@/lib/ai/features/citizen-summary/read-citizen-summary";
import { aiStatus } from "@/lib/config/ai";

type Props = { params: Promise<{ tenant: string; citizenId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { tenant, citizenId } = await params;
  const access = await requireTenantAccess(tenant);
  const c = await loadCitizenRecord(access.tenant.id, citizenId);
  return { title: `${formatName(c)} – ${access.tenant.name}` };
}

const PII: Array<[PiiFieldName, string]> = [
  ["email", "Email"],
  ["phone", "Phone"],
  ["dateOfBirth", "Date of birth"],
  ["nationalId", "National ID"],
];
const CONSENT_LABELS: Record<string, string> = {
  contact_email: "Contact by email",
  contact_phone: "Contact by phone",
  data_processing: "Processing of personal data",
  newsletter: "Newsletter",
};

export default async function CitizenPage({ params }: Props) {
  const { tenant: slug, citizenId } = await params;
  const [access, ctx] = await Promise.all([requireTenantAccess(slug), tenantContext(slug)]);
  const [citizen, defs, fmt] = await Promise.all([
    loadCitizenRecord(access.tenant.id, citizenId),
    listCustomFields(ctx),
    readFormatSettings(access.tenant.id),
  ]);
  const role = access.role;
  const name = formatName(citizen);
  const deleted = !!citizen.deletedAt;
  // The summary is offered to those who may work the cases (generating it spends credits), when
  // the plan, the installation and the tenant's AI settings allow it (lib/ai/access).
  const status = aiStatus();
  const summaryAccess =
    !deleted && can(role, "case.update") ? await resolveAiAccess({ ...ctx, access }, "citizen_summary", status) : null;
  const summary = summaryAccess?.allowed ? await readCitizenSummary(ctx, citizen.id) : null;
  // Possible duplicates (flagged at creation and by the nightly refresh), for those who may merge.
  const duplicates = !deleted && can(role, "citizen.merge") ? await candidatesOf(ctx, citizen.id) : [];
  const address = [
    citizen.addressLine1,
    citizen.addressLine2,
    [citizen.postalCode, citizen.city].filter(Boolean).join(" "),
    citizen.country,
  ].filter(Boolean);

  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-6">
      {deleted ? (
        <p
          role="status"
          className="rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-400/30 dark:bg-amber-400/10 dark:text-amber-100"
        >
          This record is in the trash since {formatDate(citizen.deletedAt!, fmt)}. Restore it to work with it again.
        </p>
      ) : null}
      {duplicates.length > 0 ? (
        <p
          role="status"
          className="rounded-lg border border-blue-300 bg-blue-50 px-3 py-2 text-sm text-blue-900 dark:border-blue-400/30 dark:bg-blue-400/10 dark:text-blue-100"
        >
          This record may be a duplicate of{" "}
          {duplicates.length === 1 ? "another record" : `${duplicates.length} records`}.{" "}
          <Link
            className="underline"
            href={`/${slug}/citizens/duplicates/review?a=${duplicates[0]!.citizenAId}&b=${duplicates[0]!.citizenBId}`}
          >
            Review {duplicates.length === 1 ? "it" : "the closest"}
          </Link>
        </p>
      ) : null}
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <Breadcrumb items={[{ href: `/${slug}/citizens`, label: "Citizens" }]} current={name} />
          <h1 className="text-2xl font-semibold tracking-tight text-foreground">{name}</h1>
          <p className="mt-1 text-sm text-muted-foreground">
            Added {formatDate(citizen.createdAt, fmt)} · updated {formatDate(citizen.updatedAt, fmt)} · version{" "}
            {citizen.version}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          {!deleted && can(role, "case.create") ? (
            <Link href={`/${slug}/cases/new?citizenId=${citizen.id}`} className={buttonClasses()}>
              Open a case
            </Link>
          ) : null}
          {!deleted && can(role, "citizen.update") ? (
            <Link href={`/${slug}/citizens/${citizen.id}/edit`} className={buttonClasses({ variant: "secondary" })}>
              Edit
            </Link>
          ) : null}
          <CitizenRecordActions
            slug={slug}
            citizenId={citizen.id}
            name={name}
            deleted={deleted}
            canDelete={can(role, "citizen.delete")}
            canPurge={can(role, "citizen.purge")}
          />
        </div>
      </div>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="flex flex-col gap-6 lg:col-span-2">
          {/* The citizen's cases stream in after the record: the record itself is looked up by the
              layout before anything is sent, so an unknown id answers 404 (./layout.tsx). */}
          {summary ? (
            <LazyCitizenSummaryPanel
              tenantSlug={slug}
              citizenId={citizen.id}
              initialSummary={summary.summary}
              sourceIds={summary.sourceIds}
              entryCase={summary.entryCase}
              demo={status.demo}
            />
          ) : summaryAccess && !summaryAccess.allowed ? (
            <AiUnavailable
              title="AI summary of the cases"
              reason={summaryAccess.reason}
              message={summaryAccess.message}
              href={
                summaryAccess.reason === "plan" && can(role, "billing.read")
                  ? `/${slug}/settings/billing`
                  : summaryAccess.reason === "disabled" && can(role, "ai_settings.manage")
                    ? `/${slug}/settings/ai`
                    : null
              }
            />
          ) : null}
          <Suspense fallback={<CasesCardSkeleton />}>
            <CitizenCases ctx={ctx} slug={slug} citizenId={citizen.id} />
          </Suspense>
          <Card>
            <CardHeader>
              <CardTitle>Notes</CardTitle>
            </CardHeader>
            <CardContent>
              <p className="text-sm whitespace-pre-wrap text-foreground">
                {citizen.notes || <span className="text-muted-foreground">No notes.</span>}
              </p>
            </CardContent>
          </Card>
        </div>
        <div className="flex flex-col gap-6">
          <Card>
            <CardHeader>
              <CardTitle>Personal details</CardTitle>
            </CardHeader>
            <CardContent>
              <dl className="flex flex-col gap-3 text-sm">
                {PII.map(([field, label]) => (
                  <div key={field}>
                    <dt className="text-muted-foreground">{label}</dt>
                    <dd>
                      <PiiReveal
                        slug={slug}
                        citizenId={citizen.id}
                        field={field}
                        label={label}
                        masked={citizen.pii[field]}
                        canReveal={!deleted && can(role, "citizen.reveal")}
                      />
                    </dd>
                  </div>
                ))}
                <div>
                  <dt className="text-muted-foreground">Address</dt>
                  <dd>
                    {address.length ? (
                      address.map((l) => <div key={l}>{l}</div>)
                    ) : (
                      <span className="text-muted-foreground">Not on file</span>
                    )}
                  </dd>
                </div>
                <div>
                  <dt className="text-muted-foreground">Preferred language</dt>
                  <dd>
                    {new Intl.DisplayNames(["en"], { type: "language" }).of(citizen.preferredLanguage) ??
                      citizen.preferredLanguage}
                  </dd>
                </div>
                {defs.map((d) => (
                  <div key={d.key}>
                    <dt className="text-muted-foreground">{d.label}</dt>
                    <dd>{formatCustom(citizen.customFields[d.key])}</dd>
                  </div>
                ))}
              </dl>
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Tags</CardTitle>
            </CardHeader>
            <CardContent>
              <TagEditor
                key={citizen.version}
                slug={slug}
                citizenId={citizen.id}
                version={citizen.version}
                tags={citizen.tags}
                editable={!deleted && can(role, "citizen.update")}
              />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Consent</CardTitle>
            </CardHeader>
            <CardContent>
              {Object.keys(citizen.consents).length === 0 ? (
                <p className="text-sm text-muted-foreground">No consent recorded.</p>
              ) : (
                <ul className="flex flex-col gap-2 text-sm">
                  {Object.entries(citizen.consents).map(([purpose, c]) => (
                    <li key={purpose}>
                      <span className="font-medium">{CONSENT_LABELS[purpose] ?? purpose}:</span>{" "}
                      {c.granted ? "granted" : "withdrawn"} on {c.at} ({c.source.replace("_", " ")})
                    </li>
                  ))}
                </ul>
              )}
            </CardContent>
          </Card>
        </div>
      </div>
    </div>
  );
}

async function CitizenCases({ ctx, slug, citizenId }: { ctx: TenantContext; slug: string; citizenId: string }) {
  const [cases, fmt] = await Promise.all([
    listCases(ctx, caseListQuerySchema.parse({ citizenId, limit: 100 })),
    readFormatSettings(ctx.tenantId),
  ]);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Cases ({cases.items.length})</CardTitle>
      </CardHeader>
      <CardContent>
        {cases.items.length === 0 ? (
          <p className="text-sm text-muted-foreground">No cases yet.</p>
        ) : (
          <ul className="divide-y divide-border">
            {cases.items.map((k) => (
              <li key={k.id} className="flex flex-wrap items-center justify-between gap-2 py-2.5">
                <Link href={`/${slug}/cases/${k.id}`} className="font-medium text-foreground hover:underline">
                  {k.title}
                </Link>
                <span className="flex items-center gap-2 text-sm text-muted-foreground">
                  <CasePriorityBadge priority={k.priority} />
                  <CaseStatusBadge status={k.status} />
                  {formatDate(k.createdAt, fmt)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

function CasesCardSkeleton() {
  return (
    <Card aria-busy="true">
      <CardHeader>
        <CardTitle>Cases</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <p role="status" className="sr-only">
          Loading cases…
        </p>
        {[0, 1, 2].map((key) => (
          <Skeleton key={key} className="h-9 w-full" />
        ))}
      </CardContent>
    </Card>
  );
}

function formatCustom(v: unknown): string {
  if (v === undefined || v === null || v === "") return "—";
  if (typeof v === "boolean") return v ? "Yes" : "No";
  return String(v);
}
