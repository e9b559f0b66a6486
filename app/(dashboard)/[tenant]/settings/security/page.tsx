import { SessionsList } from "@/components/account/sessions-list";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { listMySessions } from "@/lib/auth/sessions/manage";
import { requireTenantAccess } from "@/lib/auth/tenant-access";
import { changePasswordAction } from "./actions";
import { tenantMetadata } from "@/lib/tenants/page-title";

type Props = { params: Promise<{ tenant: string }> };

export const generateMetadata = tenantMetadata("Security");

export default async function SecurityPage({ params }: Props) {
  const access = await requireTenantAccess((await params).tenant);
  const sessions = await listMySessions(access.user);
  const renderedAt = new Date(); // "last active 3 minutes ago" is relative to this render
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-foreground">Security</h1>
        <p className="mt-1 text-sm text-muted-foreground">
          Your password and the browsers signed in to your account ({access.user.email}).
        </p>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Sessions</CardTitle>
          <CardDescription>
            Revoke any you do not recognise. Changing your password signs out every other session.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <SessionsList
            now={renderedAt.getTime()}
            sessions={sessions.map((s) => ({
              ...s,
              createdAt: s.createdAt.toISOString(),
              lastSeenAt: s.lastSeenAt.toISOString(),
            }))}
          />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Change password</CardTitle>
        </CardHeader>
        <CardContent>
          <ChangePasswordForm action={changePasswordAction} />
        </CardContent>
      </Card>
    </div>
  );
}
