import { Breadcrumb } from "@/components/ui/breadcrumb";
import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { AiUnavailable } from "@/components/ai/ai-unavailable";
import { NewCaseForm } from "@/components/cases/new-case-form";
import { LazyIntakePanel } from "@/components/intake/lazy-intake-panel";
import { Notice } from "@/components/cases/notice";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { resolveAiAccess } from "@/lib/ai/access/resolve-ai-access";
import { can } from "@/lib/auth/permissions";
import { aiStatus } from "@/lib/config/ai";
import { requireTenantAccess, tenantContext } from "@/lib/auth/tenant-access";
import { listAssignees } from "@/lib/cases/read";
import { getCitizen } from "@/lib/citizens/read";
import { NotFoundError } from "@/lib/errors";
import { formatName } from "@/lib/format/format";

type Props = {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const access = await requireTenantAccess((await params).tenant);
  return { title: `New case – ${access.tenant.name}` };
}

const citizenIdSchema = z.uuid();

/** The citizen the case is for, or why there is none (no id, a bad id, deleted or another tenant's). */
async function findCitizen(ctx: Awaited<ReturnType<typeof tenantContext>>, raw: string | string[] | undefined) {
  const id = citizenIdSchema.safeParse(Array.isArray(raw) ? raw[0] : raw);
  if (!id.success) return { citizen: null, missing: raw === undefined || raw === "" } as const;
  try {
    const citizen = await getCitizen(ctx, id.data);
    return { citizen: { id: citizen.id, name: formatName(citizen) }, missing: false } as const;
  } catch (err) {
    if (err instanceof NotFoundError) return { citizen: null, missing: false } as const;
    throw err;
  }
}

export default async function NewCasePage({ params, searchParams }: Props) {
  const { tenant: slug } = await params;
  const [access, ctx] = await Promise.all([requireTenantAccess(slug), tenantContext(slug)]);
  const citizensHref = `/${slug}/citizens`;

  if (!can(access.role, "case.create")) {
    return (
      <Shell slug={slug}>
        <Notice>
          Your role in {access.tenant.name} lets you read cases but not open them. Ask an admin if you need to.{" "}
          <Link href={`/${slug}/cases`} className="font-medium underline">
            Back to cases
          </Link>
        </Notice>
      </Shell>
    );
  }

  const [{ citizen, missing }, assignees] = await Promise.all([
    findCitizen(ctx, (await searchParams).citizenId),
    listAssignees(ctx),
  ]);
  if (!citizen) {
    // No citizen in the link (the cases list's "New case"): the form asks whom the case is for.
    // A case can also start from a letter: the AI reads it and pre-fills the forms.
    const status = aiStatus();
    const intake = missing ? await resolveAiAccess({ ...ctx, access }, "intake", status) : null;
    return (
      <Shell slug={slug}>
        {missing ? null : (
          <Notice>That citizen does not exist (or their record was deleted): choose who the case is for below.</Notice>
        )}
        <Card>
          <CardHeader>
            <CardTitle>Case details</CardTitle>
            <CardDescription>
              The case starts as open; you can change its status, assignee and details later.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <NewCaseForm slug={slug} assignees={assignees} cancelHref={`/${slug}/cases`} />
          </CardContent>
        </Card>
        {intake?.allowed ? (
          <LazyIntakePanel
            tenantSlug={slug}
            assignees={assignees}
            canCreateCitizen={can(access.role, "citizen.create")}
            demo={status.demo}
          />
        ) : intake ? (
          <AiUnavailable
            title="Start from a letter or email"
            reason={intake.reason}
            message={intake.message}
            href={intake.reason === "plan" && can(access.role, "billing.read") ? `/${slug}/settings/billing` : null}
          />
        ) : null}
      </Shell>
    );
  }

  return (
    <Shell slug={slug}>
      <Card>
        <CardHeader>
          <CardTitle>
            For{" "}
            <Link href={`${citizensHref}/${citizen.id}`} className="underline-offset-2 hover:underline">
              {citizen.name}
            </Link>
          </CardTitle>
          <CardDescription>
            The case starts as open; you can change its status, assignee and details later.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <NewCaseForm
            slug={slug}
            citizenId={citizen.id}
            assignees={assignees}
            cancelHref={`${citizensHref}/${citizen.id}`}
          />
        </CardContent>
      </Card>
    </Shell>
  );
}

function Shell({ slug, children }: { slug: string; children: React.ReactNode }) {
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6">
      <div>
        <Breadcrumb items={[{ href: `/${slug}/cases`, label: "Cases" }]} current="New" />
        <h1 className="mt-1 text-2xl font-semibold tracking-tight text-foreground">Open a case</h1>
      </div>
      {children}
    </div>
  );
}
