import { loadCase } from "./load";

type Props = { children: React.ReactNode; params: Promise<{ tenant: string; caseId: string }> };

/**
 * Looks the case up before anything streams. The loading skeleton (./loading.tsx) is a
 * Suspense boundary inside this layout: once it has been sent the status is 200 whatever the
 * page decides, so an unknown or another tenant's id must call notFound() here, above it, for
 * the response to be a real 404. The page reads the same cached record.
 */
export default async function CaseLayout({ children, params }: Props) {
  const { tenant, caseId } = await params;
  await loadCase(tenant, caseId);
  return children;
}
