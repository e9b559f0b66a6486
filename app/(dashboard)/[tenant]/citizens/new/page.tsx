import { notFound } from "next/navigation";
import { CitizenForm } from "@/components/citizens/citizen-form";
import { can } from "@/lib/auth/permissions";
import { requireTenantAccess } from "@/lib/auth/tenant-access";
import { listCustomFields } from "@/lib/citizens/custom-fields";
import { tenantMetadata } from "@/lib/tenants/page-title";

export const generateMetadata = tenantMetadata("New citizen");

export default async function NewCitizenPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const access = await requireTenantAccess(slug);
  if (!can(access.role, "citizen.create")) notFound();
  const defs = await listCustomFields({ tenantId: access.tenant.id });
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-2xl font-semibold tracking-tight text-foreground">New citizen</h1>
      <p className="mt-1 mb-6 text-sm text-muted-foreground">
        Only the name is required. Personal details are stored encrypted.
      </p>
      <CitizenForm slug={slug} customFieldDefs={defs} />
    </div>
  );
}
