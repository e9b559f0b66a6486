// Side-by-side review of two records (?a=…&b=…): the score by field, then the merge form.
// Another tenant's ids, malformed ids or a deleted record are Next's 404.
import { notFound } from "next/navigation";
import { FieldScoresList } from "@/components/duplicates/field-scores";
import { MergeForm, type ReviewSide } from "@/components/duplicates/merge-form";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireTenantAccess } from "@/lib/auth/tenant-access";
import { readDuplicatePair } from "@/lib/citizens/duplicates/read-duplicate-pair";
import type { CitizenView } from "@/lib/citizens/types";
import { NotFoundError } from "@/lib/errors";
import { formatName } from "@/lib/format/format";
import { tenantMetadata } from "@/lib/tenants/page-title";

export const generateMetadata = tenantMetadata("Review a possible duplicate");

type Props = {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

function side(c: CitizenView & { cases: number }): ReviewSide {
  return {
    id: c.id,
    version: c.version,
    name: formatName(c),
    cases: c.cases,
    tags: c.tags,
    values: {
      firstName: c.firstName,
      lastName: c.lastName,
      email: c.pii.email,
      phone: c.pii.phone,
      nationalId: c.pii.nationalId,
      dateOfBirth: c.pii.dateOfBirth,
      addressLine1: c.addressLine1,
      addressLine2: c.addressLine2,
      postalCode: c.postalCode,
      city: c.city,
      country: c.country,
      preferredLanguage: c.preferredLanguage,
    },
  };
}

export default async function ReviewDuplicatePage({ params, searchParams }: Props) {
  const { tenant: slug } = await params;
  const sp = await searchParams;
  const access = await requireTenantAccess(slug);
  if (!can(access.role, "citizen.merge")) notFound();
  const a = typeof sp.a === "string" ? sp.a : "";
  const b = typeof sp.b === "string" ? sp.b : "";
  const pair = await readDuplicatePair({ tenantId: access.tenant.id }, { a, b }).catch((err: unknown) => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  });
  const left = side(pair.a);
  const right = side(pair.b);
  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-6">
      <div>
        <Breadcrumb
          items={[
            { href: `/${slug}/citizens`, label: "Citizens" },
            { href: `/${slug}/citizens/duplicates`, label: "Possible duplicates" },
          ]}
          current="Review"
        />
        <h1 className="text-2xl font-semibold tracking-tight text-foreground">
          {left.name} and {right.name}
        </h1>
      </div>
      {pair.candidate ? (
        <section aria-label="Why this pair was proposed" className="flex flex-col gap-2">
          <p className="text-sm text-muted-foreground">Score {pair.candidate.score.toFixed(1)}</p>
          <FieldScoresList fields={pair.candidate.fields} />
        </section>
      ) : null}
      <Card>
        <CardHeader>
          <CardTitle>Merge</CardTitle>
        </CardHeader>
        <CardContent>
          <MergeForm slug={slug} a={left} b={right} />
        </CardContent>
      </Card>
    </div>
  );
}
