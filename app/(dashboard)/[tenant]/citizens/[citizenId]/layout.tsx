import { requireTenantAccess } from "@/lib/auth/tenant-access";
import { loadCitizenRecord } from "./load";

type Props = { children: React.ReactNode; params: Promise<{ tenant: string; citizenId: string }> };

/**
 * Looks the citizen up before anything streams, for the record and its edit page alike: once
 * a Suspense fallback has been sent the status is 200 whatever the page decides, so an unknown
 * or another tenant's id must call notFound() here, above every boundary, to be a real 404.
 * The pages read the same cached record; their slower parts stream inside their own Suspense.
 */
export default async function CitizenLayout({ children, params }: Props) {
  const { tenant, citizenId } = await params;
  const access = await requireTenantAccess(tenant);
  await loadCitizenRecord(access.tenant.id, citizenId);
  return children;
}
