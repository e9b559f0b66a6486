import type { Metadata } from "next";
import Link from "next/link";
import { signOutAction } from "@/app/(auth)/sign-out/actions";
import { ROLE_LABELS } from "@/components/members/role-labels";
import { AcceptInvitationButton, SignUpAndAcceptForm } from "@/components/tenants/accept-invitation";
import { Button, buttonClasses } from "@/components/ui/button";
import { currentUser } from "@/lib/auth/session";
import { findInvitation } from "@/lib/tenants/accept-invitation";

export const metadata: Metadata = { title: "Invitation" };

type Props = { params: Promise<{ token: string }> };

const STATUS_TEXT = {
  accepted: "This invitation has already been used. If it was you, sign in to open the organisation.",
  revoked: "This invitation was withdrawn by the organisation. Ask them for a new one if you still need access.",
  expired: "This invitation has expired. Ask the person who invited you to send a new one.",
} as const;

function Frame({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="rounded-xl border border-border bg-surface p-6 shadow-sm sm:p-8">
      <h1 className="text-xl font-semibold tracking-tight text-foreground">{title}</h1>
      {children}
    </div>
  );
}

export default async function InvitationPage({ params }: Props) {
  const { token } = await params;
  const [invitation, user] = await Promise.all([findInvitation(token), currentUser()]);
  if (!invitation) {
    return (
      <Frame title="Invitation not found">
        <p className="mt-2 text-sm text-muted-foreground">
          This link is not valid. Check that you copied the whole link from the email.
        </p>
      </Frame>
    );
  }
  const here = `/invitations/${token}`;
  if (invitation.status !== "pending") {
    return (
      <Frame title={`Invitation to ${invitation.tenant.name}`}>
        <p className="mt-2 text-sm text-muted-foreground">{STATUS_TEXT[invitation.status]}</p>
        <Link href="/sign-in" className={buttonClasses({ variant: "secondary", className: "mt-6 w-full" })}>
          Go to sign in
        </Link>
      </Frame>
    );
  }
  const intro = (
    <p className="mt-2 text-sm text-muted-foreground">
      {invitation.inviterName ?? "Someone"} invited <strong className="text-foreground">{invitation.email}</strong> to
      join <strong className="text-foreground">{invitation.tenant.name}</strong> as{" "}
      {ROLE_LABELS[invitation.role].toLowerCase()}.
    </p>
  );

  if (user && user.email.toLowerCase() === invitation.email.toLowerCase()) {
    return (
      <Frame title={`Join ${invitation.tenant.name}`}>
        {intro}
        <AcceptInvitationButton token={token} tenantName={invitation.tenant.name} />
      </Frame>
    );
  }
  if (user) {
    return (
      <Frame title={`Invitation to ${invitation.tenant.name}`}>
        {intro}
        <p className="mt-4 text-sm text-muted-foreground">
          You are signed in as <strong className="text-foreground">{user.email}</strong>. Sign out, then open this link
          again and sign in as {invitation.email}.
        </p>
        <form action={signOutAction} className="mt-6">
          <Button type="submit" variant="secondary" className="w-full">
            Sign out
          </Button>
        </form>
      </Frame>
    );
  }
  return (
    <Frame title={`Join ${invitation.tenant.name}`}>
      {intro}
      <p className="mt-4 text-sm text-muted-foreground">
        Already have an account?{" "}
        <Link
          href={`/sign-in?callbackUrl=${encodeURIComponent(here)}`}
          className="font-medium text-brand-700 hover:underline dark:text-brand-300"
        >
          Sign in to accept
        </Link>
      </p>
      <SignUpAndAcceptForm token={token} email={invitation.email} />
    </Frame>
  );
}
