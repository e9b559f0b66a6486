import { notFound } from "next/navigation";
import { CitizenForm } from "@/components/citizens/citizen-form";
import { can } from "@/lib/auth/permissions";
import { requireTenantAccess } from "@/lib/auth/tenant-access";
import { listCustomFields } from "@/lib/citizens/custom-fields";
import { loadCitizen } from "../load";
import { formatName } from "@/lib/format/format";
import { tenantMetadata } from "@/lib/tenants/page-title";

export const generateMetadata = tenantMetadata("Edit citizen");

export default async function EditCitizenPage({ params }: { params: Promise<{ tenant: string; citizenId: string }> }) {
  const { tenant: slug, citizenId } = await params;
  const access = await requireTenantAccess(slug);
  if (!can(access.role, "citizen.update")) notFound();
  const [citizen, defs] = await Promise.all([
    loadCitizen(access.tenant.id, citizenId),
    listCustomFields({ tenantId: access.tenant.id }),
  ]);
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-2xl font-semibold tracking-tight text-foreground">Edit {formatName(citizen)}</h1>
      <p className="mt-1 mb-6 text-sm text-muted-foreground">
        Personal details are not shown in clear here: a blank field keeps what is on file.
      </p>
      <CitizenForm
        slug={slug}
        customFieldDefs={defs}
        initial={{ ...citizen, id: citizen.id, version: citizen.version }}
      />
    </div>
  );
}
