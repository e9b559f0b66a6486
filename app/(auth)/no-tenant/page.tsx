import type { Metadata } from "next";
import { redirect } from "next/navigation";
import Link from "next/link";
import { Button, buttonClasses } from "@/components/ui/button";
import { requireUserOrRedirect } from "@/lib/auth/session";
import { isEmailVerified } from "@/lib/auth/verify-email";
import { listMemberships } from "@/lib/tenants/access";
import { signOutAction } from "../sign-out/actions";

export const metadata: Metadata = { title: "No organisation yet" };

/** Where a signed-in user with no membership lands: say why, and what to do about it. */
export default async function NoTenantPage() {
  const user = await requireUserOrRedirect("/no-tenant");
  const memberships = await listMemberships(user.id);
  if (memberships[0]) redirect(`/${memberships[0].tenant.slug}`);
  // createTenant refuses an unconfirmed address: offer the step that unblocks it instead.
  const verified = await isEmailVerified(user.id);

  return (
    <div className="rounded-xl border border-border bg-surface p-6 shadow-sm sm:p-8">
      <h1 className="text-xl font-semibold tracking-tight text-foreground">You&apos;re not in an organisation yet</h1>
      <p className="mt-2 text-sm text-muted-foreground">
        You are signed in as <strong className="text-foreground">{user.email}</strong>, but no organisation has added
        you to its team. Ask an administrator of your organisation to invite this address, or start a new organisation
        of your own.
      </p>
      {verified ? (
        <Link href="/new" className={buttonClasses({ className: "mt-6 w-full" })}>
          Create an organisation
        </Link>
      ) : (
        <>
          <p className="mt-4 text-sm text-muted-foreground">
            To start an organisation, first confirm your email address with the link we sent you.
          </p>
          <Link href="/verify-email" className={buttonClasses({ className: "mt-6 w-full" })}>
            Get a new confirmation link
          </Link>
        </>
      )}
      <form action={signOutAction} className="mt-3">
        <Button type="submit" variant="secondary" className="w-full">
          Sign out
        </Button>
      </form>
    </div>
  );
}
