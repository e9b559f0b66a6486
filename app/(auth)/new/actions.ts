"use server";
import { redirect } from "next/navigation";
import { userAction } from "@/lib/auth/guard";
import { createTenant } from "@/lib/tenants/create-tenant";
import { createTenantSchema } from "@/lib/tenants/schemas";

export const createTenantAction = userAction(createTenantSchema, (user, input) => createTenant(user, input));

/** After the form reports success it navigates itself; this is for no-JS submissions. */
export const goToTenant = userAction(createTenantSchema.pick({ slug: true }), async (_user, input) =>
  redirect(`/${input.slug}`),
);
