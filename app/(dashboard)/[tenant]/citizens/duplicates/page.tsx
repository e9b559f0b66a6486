// The duplicate review queue: the finder's pairs, best first, each with its score broken down
// by field and the block that proposed it; the merges that can still be undone; and the
// on-demand search. Reviewing needs citizen.merge (the nightly job keeps the list fresh).
import { readFormatSettings } from "@/lib/tenants/format-settings";
import { formatDateTime, formatName } from "@/lib/format/format";
import Link from "next/link";
import { ExplainDuplicates } from "@/components/duplicates/explain-duplicates";
import { FieldScoresList } from "@/components/duplicates/field-scores";
import { RefreshDuplicatesButton } from "@/components/duplicates/refresh-button";
import { UndoMergeButton } from "@/components/duplicates/undo-merge-button";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { can } from "@/lib/auth/permissions";
import { resolveAiAccess } from "@/lib/ai/access/resolve-ai-access";
import { requireTenantAccess, tenantContext } from "@/lib/auth/tenant-access";
import { aiStatus } from "@/lib/config/ai";
import { listDuplicateCandidates } from "@/lib/citizens/duplicates/list-duplicate-candidates";
import { listRecentMerges } from "@/lib/citizens/duplicates/list-recent-merges";
import { BLOCK_LABELS, CANDIDATE_THRESHOLD, type Block } from "@/lib/citizens/duplicates/weights";
import { tenantMetadata } from "@/lib/tenants/page-title";

export const generateMetadata = tenantMetadata("Possible duplicates");

type Props = {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function DuplicatesPage({ params, searchParams }: Props) {
  const { tenant: slug } = await params;
  const sp = await searchParams;
  const access = await requireTenantAccess(slug);
  const fmt = await readFormatSettings(access.tenant.id);
  const header = (
    <div>
      <Breadcrumb items={[{ href: `/${slug}/citizens`, label: "Citizens" }]} current="Possible duplicates" />
      <h1 className="text-2xl font-semibold tracking-tight text-foreground">Possible duplicates</h1>
    </div>
  );
  if (!can(access.role, "citizen.merge"))
    return (
      <div className="mx-auto flex max-w-5xl flex-col gap-6">
        {header}
        <p className="text-sm text-muted-foreground">Reviewing duplicates needs the Admin or Owner role.</p>
      </div>
    );
  const ctx = await tenantContext(slug);
  const [queue, merges, ai] = await Promise.all([
    listDuplicateCandidates(ctx),
    listRecentMerges(ctx),
    resolveAiAccess({ ...ctx, access }, "duplicates", aiStatus()),
  ]);
  const names = Object.fromEntries(
    queue.items.flatMap((c) => [
      [c.a.id, formatName(c.a)],
      [c.b.id, formatName(c.b)],
    ]),
  );
  const justMerged = typeof sp.merged === "string" ? merges.find((m) => m.id === sp.merged) : undefined;

  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        {header}
        <RefreshDuplicatesButton slug={slug} />
      </div>
      {justMerged ? (
        <div
          role="status"
          className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900 dark:border-green-400/30 dark:bg-green-400/10 dark:text-green-100"
        >
          <span>
            Merged {justMerged.merged.name} into{" "}
            <Link className="underline" href={`/${slug}/citizens/${justMerged.kept.id}`}>
              {justMerged.kept.name}
            </Link>
            .
          </span>
          <UndoMergeButton slug={slug} mergeId={justMerged.id} name={justMerged.merged.name} />
        </div>
      ) : null}
      {sp.undone ? (
        <p role="status" className="text-sm text-muted-foreground">
          The merge was undone: both records are back as they were.
        </p>
      ) : null}
      {sp.dismissed ? (
        <p role="status" className="text-sm text-muted-foreground">
          Marked as not a duplicate: this pair will not be suggested again.
        </p>
      ) : null}

      {queue.items.length > 0 ? (
        ai.allowed ? (
          <ExplainDuplicates slug={slug} names={names} />
        ) : (
          <p className="text-sm text-muted-foreground">AI ranking is not available: {ai.message}</p>
        )
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle>
            {queue.total} pair{queue.total === 1 ? "" : "s"} to review
          </CardTitle>
          <p className="text-sm text-muted-foreground">
            Each field both records have adds or takes away evidence (in bits): the same value adds more the rarer it
            is, a different value takes some away, a field only one record has counts for nothing. Pairs scoring{" "}
            {CANDIDATE_THRESHOLD} or more are listed. Nothing is merged until you review a pair.
          </p>
        </CardHeader>
        <CardContent className="p-0">
          {queue.items.length === 0 ? (
            <EmptyState title="No possible duplicates">
              Nothing to review right now. The search runs every night; run it now with “Find duplicates now”.
            </EmptyState>
          ) : (
            <ol className="divide-y divide-border">
              {queue.items.map((c) => (
                <li key={`${c.a.id}-${c.b.id}`} className="flex flex-col gap-2 px-4 py-3 sm:px-6">
                  <div className="flex flex-wrap items-center justify-between gap-3">
                    <p className="font-medium text-foreground">
                      {formatName(c.a)}
                      {c.a.city ? <span className="text-muted-foreground"> ({c.a.city})</span> : null} and{" "}
                      {formatName(c.b)}
                      {c.b.city ? <span className="text-muted-foreground"> ({c.b.city})</span> : null}
                    </p>
                    <div className="flex items-center gap-3">
                      <span className="text-sm tabular-nums text-muted-foreground">score {c.score.toFixed(1)}</span>
                      <Link
                        href={`/${slug}/citizens/duplicates/review?a=${c.a.id}&b=${c.b.id}`}
                        className={buttonClasses({ variant: "secondary", size: "sm" })}
                        aria-label={`Review ${formatName(c.a)} and ${formatName(c.b)}`}
                      >
                        Review
                      </Link>
                    </div>
                  </div>
                  <FieldScoresList fields={c.fields} />
                  <p className="text-xs text-muted-foreground">
                    Found by: {c.blocks.map((b) => BLOCK_LABELS[b as Block] ?? b).join(", ")}
                  </p>
                </li>
              ))}
            </ol>
          )}
        </CardContent>
      </Card>

      {merges.length > 0 ? (
        <Card>
          <CardHeader>
            <CardTitle>Recent merges</CardTitle>
            <p className="text-sm text-muted-foreground">A merge can be undone for 30 days.</p>
          </CardHeader>
          <CardContent className="p-0">
            <ul className="divide-y divide-border">
              {merges.map((m) => (
                <li key={m.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm sm:px-6">
                  <span>
                    {m.merged.name} into{" "}
                    <Link className="underline" href={`/${slug}/citizens/${m.kept.id}`}>
                      {m.kept.name}
                    </Link>{" "}
                    <span className="text-muted-foreground">· {formatDateTime(m.createdAt, fmt)}</span>
                  </span>
                  <UndoMergeButton slug={slug} mergeId={m.id} name={m.merged.name} />
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
