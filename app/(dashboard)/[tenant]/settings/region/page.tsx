import { notFound } from "next/navigation";
import { FormatSettingsForm } from "@/components/tenants/format-settings-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireTenantAccess } from "@/lib/auth/tenant-access";
import { timeZoneOptions } from "@/lib/format/locales";
import { readFormatSettings } from "@/lib/tenants/format-settings";
import { tenantMetadata } from "@/lib/tenants/page-title";

type Props = { params: Promise<{ tenant: string }> };

export const generateMetadata = tenantMetadata("Region and format");

export default async function RegionSettingsPage({ params }: Props) {
  const { tenant: slug } = await params;
  const access = await requireTenantAccess(slug);
  if (!can(access.role, "tenant.update")) notFound();
  const settings = await readFormatSettings(access.tenant.id);
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-foreground">Region and format</h1>
        <p className="mt-1 text-sm text-muted-foreground">
          How {access.tenant.name}&apos;s pages write dates, times and numbers, for everyone in the organisation.
        </p>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Language, region and time zone</h2>
          </CardTitle>
          <CardDescription>
            Exports keep ISO dates and UTC times, so other systems read them the same way.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <FormatSettingsForm
            slug={slug}
            settings={settings}
            timeZones={timeZoneOptions()}
            sample={new Date().toISOString()}
          />
        </CardContent>
      </Card>
    </div>
  );
}
