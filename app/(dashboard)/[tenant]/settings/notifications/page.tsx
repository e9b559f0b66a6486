import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BriefingEmailForm } from "@/components/notifications/briefing-email-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { resolveAiAccess } from "@/lib/ai/access/resolve-ai-access";
import { readBriefingEmailOptIn } from "@/lib/ai/features/briefing/read-briefing-email-opt-in";
import { can } from "@/lib/auth/permissions";
import { requireTenantAccess, tenantContext } from "@/lib/auth/tenant-access";
import { aiStatus } from "@/lib/config/ai";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const [access, ctx] = await Promise.all([requireTenantAccess(slug), tenantContext(slug)]);
  if (!can(access.role, "dashboard.read")) notFound();
  const [on, briefing] = await Promise.all([
    readBriefingEmailOptIn(ctx),
    resolveAiAccess({ ...ctx, access }, "briefing", aiStatus()),
  ]);
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-foreground">Notifications</h1>
        <p className="mt-1 text-sm text-muted-foreground">
          Your own choices for {access.tenant.name}, sent to {access.user.email}. Other members choose for themselves.
        </p>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Daily briefing by email</CardTitle>
          <CardDescription>
            When the day&apos;s briefing is written, you get it by email: yesterday&apos;s numbers of new, resolved and
            overdue cases and any category spikes, each linking to the list of those cases, with the AI-written
            sentences around them. No citizen names or case details are in the email.
          </CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-3">
          {!briefing.allowed ? (
            <p className="rounded-md border border-border bg-muted/40 p-3 text-sm text-muted-foreground" role="note">
              The daily briefing is not running for {access.tenant.name} right now ({briefing.message}), so no email is
              sent until it is. Your choice is kept.
            </p>
          ) : null}
          <BriefingEmailForm slug={slug} on={on} />
        </CardContent>
      </Card>
    </div>
  );
}
