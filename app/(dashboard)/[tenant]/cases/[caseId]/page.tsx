import { Breadcrumb } from "@/components/ui/breadcrumb";
import type { Metadata } from "next";
import Link from "next/link";
import { AddNoteForm } from "@/components/cases/add-note-form";
import { AssigneeControl } from "@/components/cases/assignee-control";
import { AiUnavailable } from "@/components/ai/ai-unavailable";
import { LazyCaseClassificationPanel } from "@/components/case-classification/lazy-case-classification-panel";
import { LazyCaseSummaryPanel } from "@/components/case-summary/lazy-case-summary-panel";
import { LazyReplyDraftPanel } from "@/components/reply-draft/lazy-reply-draft-panel";
import { CaseStateProvider } from "@/components/cases/case-state";
import { CaseTimeline } from "@/components/cases/case-timeline";
import { DueDate } from "@/components/cases/due-date";
import { EditCaseForm } from "@/components/cases/edit-case-form";
import { StatusControl } from "@/components/cases/status-control";
import { Timestamp } from "@/components/cases/timestamp";
import { CasePriorityBadge, CaseStatusBadge } from "@/components/dashboard/case-badges";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireTenantAccess, tenantContext } from "@/lib/auth/tenant-access";
import { readFormatSettings } from "@/lib/tenants/format-settings";
import { readCaseSummary } from "@/lib/ai/features/case-summary/read-case-summary";
import { readBulkSuggestion } from "@/lib/ai/features/bulk-classification/read-classification-run";
import type { AiDeniedReason } from "@/lib/ai/access/decide";
import { resolveAiAccess } from "@/lib/ai/access/resolve-ai-access";
import { aiStatus } from "@/lib/config/ai";
import { listAssignees } from "@/lib/cases/read";
import { caseSnapshot } from "@/lib/cases/snapshot";
import { loadCase } from "./load";
import { formatName } from "@/lib/format/format";

type Props = { params: Promise<{ tenant: string; caseId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { tenant: slug, caseId } = await params;
  const [access, found] = await Promise.all([requireTenantAccess(slug), loadCase(slug, caseId)]);
  return { title: `${found.title} – ${access.tenant.name}` };
}

export default async function CasePage({ params }: Props) {
  const { tenant: slug, caseId } = await params;
  const [access, ctx, found] = await Promise.all([
    requireTenantAccess(slug),
    tenantContext(slug),
    loadCase(slug, caseId),
  ]);
  const canUpdate = can(access.role, "case.update");
  const canNote = can(access.role, "case.note");
  const assignees = canUpdate ? await listAssignees(ctx) : [];
  const format = await readFormatSettings(access.tenant.id);
  const now = new Date();
  const citizenName = formatName(found.citizen);
  const createdBy = found.timeline.find((e) => e.kind === "CREATED")?.authorName;
  // The summary is offered to those who may work the case (generating it spends credits), when
  // the plan, the installation and the tenant's AI settings allow it (lib/ai/access).
  const status = aiStatus();
  const [ai, classification, replyDraft] = canUpdate
    ? await Promise.all([
        resolveAiAccess({ ...ctx, access }, "case_summary", status),
        resolveAiAccess({ ...ctx, access }, "case_classification", status),
        // A draft ends as a note: offered to those who may also add one.
        canNote ? resolveAiAccess({ ...ctx, access }, "reply_draft", status) : null,
      ])
    : [null, null, null];
  const [summary, bulkSuggestion] = await Promise.all([
    ai?.allowed ? readCaseSummary(ctx, found.id) : null,
    classification?.allowed ? readBulkSuggestion(ctx, found.id) : null,
  ]);
  const unavailableHref = (reason: AiDeniedReason) =>
    reason === "plan" && can(access.role, "billing.read")
      ? `/${slug}/settings/billing`
      : reason === "disabled" && can(access.role, "ai_settings.manage")
        ? `/${slug}/settings/ai`
        : null;

  return (
    <CaseStateProvider snapshot={caseSnapshot(found)}>
      <div className="mx-auto flex max-w-7xl flex-col gap-6">
        <header className="flex flex-col gap-4">
          <div>
            <Breadcrumb items={[{ href: `/${slug}/cases`, label: "Cases" }]} current="Case" />
            <h1 className="mt-1 text-2xl font-semibold tracking-tight break-words text-foreground">{found.title}</h1>
            <p className="mt-1 text-sm text-muted-foreground">
              For{" "}
              <Link
                href={`/${slug}/citizens/${found.citizen.id}`}
                className="font-medium text-foreground underline-offset-2 hover:underline"
              >
                {citizenName}
              </Link>
              {found.category ? <> · {found.category}</> : null}
            </p>
          </div>

          {canUpdate ? <StatusControl slug={slug} /> : <CaseStatusBadge status={found.status} />}

          <dl
            id="case-record"
            className="grid scroll-mt-24 gap-x-6 gap-y-3 rounded-xl border border-border bg-surface p-4 text-sm shadow-sm sm:grid-cols-2 lg:grid-cols-4"
          >
            <div>
              <dt className="text-xs font-semibold tracking-wide text-muted-foreground uppercase">Priority</dt>
              <dd className="mt-1">
                <CasePriorityBadge priority={found.priority} />
              </dd>
            </div>
            <div>
              <dt className="text-xs font-semibold tracking-wide text-muted-foreground uppercase">Assignee</dt>
              <dd className="mt-1">
                {canUpdate ? (
                  <AssigneeControl slug={slug} assignees={assignees} currentAssignee={found.assignee} />
                ) : (
                  <span className={found.assignee ? "text-foreground" : "text-muted-foreground"}>
                    {found.assignee?.name ?? "Unassigned"}
                  </span>
                )}
              </dd>
            </div>
            <div>
              <dt className="text-xs font-semibold tracking-wide text-muted-foreground uppercase">Due</dt>
              <dd className="mt-1">
                <DueDate dueAt={found.dueAt} status={found.status} now={now} format={format} />
              </dd>
            </div>
            <div>
              <dt className="text-xs font-semibold tracking-wide text-muted-foreground uppercase">Created</dt>
              <dd className="mt-1 text-foreground">
                <Timestamp date={found.createdAt} now={now} format={format} />
                {createdBy ? <span className="text-muted-foreground"> by {createdBy}</span> : null}
              </dd>
            </div>
          </dl>
        </header>

        <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
          <div className="flex flex-col gap-6">
            <Card aria-labelledby="case-description-heading">
              <CardHeader>
                <CardTitle id="case-description-heading">Description</CardTitle>
              </CardHeader>
              <CardContent>
                {found.description ? (
                  <p className="text-sm break-words whitespace-pre-wrap text-foreground">{found.description}</p>
                ) : (
                  <p className="text-sm text-muted-foreground">No description.</p>
                )}
              </CardContent>
            </Card>

            <Card aria-labelledby="case-timeline-heading">
              <CardHeader>
                <CardTitle id="case-timeline-heading">Timeline</CardTitle>
                <CardDescription>Everything that happened on this case, oldest first.</CardDescription>
              </CardHeader>
              <CardContent className="flex flex-col gap-6">
                <CaseTimeline entries={found.timeline} now={now} format={format} />
                {canNote ? (
                  <div className="border-t border-border pt-5">
                    <AddNoteForm slug={slug} caseId={found.id} />
                  </div>
                ) : null}
              </CardContent>
            </Card>

            {replyDraft?.allowed ? (
              <LazyReplyDraftPanel
                tenantSlug={slug}
                caseId={found.id}
                citizenLanguage={found.citizen.preferredLanguage}
                demo={status.demo}
              />
            ) : replyDraft ? (
              <AiUnavailable
                title="AI reply draft"
                reason={replyDraft.reason}
                message={replyDraft.message}
                href={unavailableHref(replyDraft.reason)}
              />
            ) : null}
          </div>

          <div className="flex flex-col gap-6 self-start">
            {classification?.allowed ? (
              <LazyCaseClassificationPanel
                tenantSlug={slug}
                caseId={found.id}
                demo={status.demo}
                stored={bulkSuggestion?.suggestion ?? null}
              />
            ) : classification ? (
              <AiUnavailable
                title="AI classification"
                reason={classification.reason}
                message={classification.message}
                href={unavailableHref(classification.reason)}
              />
            ) : null}
            {ai?.allowed ? (
              <LazyCaseSummaryPanel
                tenantSlug={slug}
                caseId={found.id}
                initialSummary={summary}
                sourceIds={["case", ...found.timeline.map((e) => e.id)]}
                demo={status.demo}
              />
            ) : ai ? (
              <AiUnavailable
                title="AI summary"
                reason={ai.reason}
                message={ai.message}
                href={unavailableHref(ai.reason)}
              />
            ) : null}
            {canUpdate ? (
              <Card aria-labelledby="case-edit-heading" className="self-start">
                <CardHeader>
                  <CardTitle id="case-edit-heading">Edit details</CardTitle>
                  <CardDescription>If someone else saves first, you choose whose changes to keep.</CardDescription>
                </CardHeader>
                <CardContent>
                  <EditCaseForm slug={slug} assignees={assignees} currentAssignee={found.assignee} />
                </CardContent>
              </Card>
            ) : null}
          </div>
        </div>
      </div>
    </CaseStateProvider>
  );
}
