import type { Metadata } from "next";
import Link from "next/link";
import { CreateTenantForm } from "@/components/tenants/create-tenant-form";
import { can } from "@/lib/auth/permissions";
import { requireUserOrRedirect } from "@/lib/auth/session";
import { listMemberships } from "@/lib/tenants/access";
import { isEmailVerified } from "@/lib/auth/verify-email";
import { buttonClasses } from "@/components/ui/button";

export const metadata: Metadata = { title: "New organisation" };

export default async function NewTenantPage() {
  const user = await requireUserOrRedirect("/new");
  const memberships = await listMemberships(user.id);
  if (!(await isEmailVerified(user.id))) {
    return (
      <div className="rounded-xl border border-border bg-surface p-6 shadow-sm sm:p-8">
        <h1 className="text-xl font-semibold tracking-tight text-foreground">Confirm your email first</h1>
        <p className="mt-2 text-sm text-muted-foreground">
          Open the link we sent to <strong className="text-foreground">{user.email}</strong>, then come back to create
          your organisation.
        </p>
        <Link href="/verify-email" className={buttonClasses({ variant: "secondary", className: "mt-6 w-full" })}>
          Get a new link
        </Link>
      </div>
    );
  }
  const parents = memberships
    .filter((m) => can(m.role, "tenant.update"))
    .map((m) => ({ slug: m.tenant.slug, name: m.tenant.name }));
  return (
    <div className="rounded-xl border border-border bg-surface p-6 shadow-sm sm:p-8">
      <h1 className="text-xl font-semibold tracking-tight text-foreground">Create an organisation</h1>
      <p className="mt-2 text-sm text-muted-foreground">You will be its owner and can invite your team next.</p>
      <CreateTenantForm parents={parents} />
      {memberships[0] ? (
        <p className="mt-6 text-center text-sm text-muted-foreground">
          <Link
            href={`/${memberships[0].tenant.slug}`}
            className="font-medium text-brand-700 hover:underline dark:text-brand-300"
          >
            Back to {memberships[0].tenant.name}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
