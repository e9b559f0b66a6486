import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CitizenImport } from "@/components/import/citizen-import";
import type { MappingTarget } from "@/components/import/mapping-table";
import { can } from "@/lib/auth/permissions";
import { requireTenantAccess, tenantContext } from "@/lib/auth/tenant-access";
import { listCustomFields } from "@/lib/citizens/custom-fields";
import { CITIZEN_IMPORT_FIELDS, IMPORT_FIELD_LABELS } from "@/lib/citizens/import/schemas";

type Props = { params: Promise<{ tenant: string }> };

/** Members without citizen.import do not learn the page exists: the same 404 as a wrong URL. */
async function requireImportAccess(slug: string) {
  const access = await requireTenantAccess(slug);
  if (!can(access.role, "citizen.import")) notFound();
  return access;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const access = await requireImportAccess((await params).tenant);
  return { title: `Import citizens – ${access.tenant.name}` };
}

export default async function ImportCitizensPage({ params }: Props) {
  const { tenant: slug } = await params;
  const access = await requireImportAccess(slug);
  const fields = await listCustomFields(await tenantContext(slug));
  const targets: MappingTarget[] = [
    ...CITIZEN_IMPORT_FIELDS.map((f) => ({ value: f, label: IMPORT_FIELD_LABELS[f] })),
    ...fields.map((f) => ({ value: `cf.${f.key}`, label: `${f.label} (custom field)` })),
  ];

  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-6">
      <div>
        <Link
          href={`/${slug}/citizens`}
          className="text-sm text-muted-foreground underline-offset-2 hover:text-foreground hover:underline"
        >
          ← Citizens
        </Link>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight text-foreground">Import citizens</h1>
        <p className="mt-1 max-w-2xl text-sm text-muted-foreground">
          Add many citizens to {access.tenant.name} at once from a CSV file. Every row is checked first; you then import
          all of them, only the valid ones, or nothing. Personal details are encrypted as they are read.
        </p>
      </div>
      <CitizenImport slug={slug} targets={targets} />
    </div>
  );
}
