"use server";
// Thin server actions of the platform admin area: the guard authenticates, re-reads the admin
// from the database, parses the input with the shared schema and maps errors; the business
// functions in lib/admin do the work (and the audit).
import { revalidatePath } from "next/cache";
import { platformAction } from "@/lib/auth/platform-guard";
import { readTenantAsPlatformAdmin } from "@/lib/admin/read-tenant";
import { adjustTenantCredits } from "@/lib/admin/adjust-tenant-credits";
import { resyncTenantBilling } from "@/lib/admin/resync-tenant-billing";
import {
  adjustTenantCreditsSchema,
  readTenantSchema,
  resyncTenantBillingSchema,
  setUserDisabledSchema,
} from "@/lib/admin/schemas";
import { setUserDisabled } from "@/lib/admin/set-user-disabled";
import { setModelPriceSchema, setPriceMultiplierSchema } from "@/lib/usage/schemas";
import { setModelPrice } from "@/lib/usage/set-model-price";
import { setPriceMultiplier } from "@/lib/usage/set-price-multiplier";

export const setUserDisabledAction = platformAction(setUserDisabledSchema, async (ctx, input) => {
  const result = await setUserDisabled(ctx, input);
  revalidatePath("/admin", "layout"); // the users table and the overview's counts
  return result;
});

export const readTenantAction = platformAction(readTenantSchema, (ctx, input) => readTenantAsPlatformAdmin(ctx, input));

export const setModelPriceAction = platformAction(setModelPriceSchema, async (ctx, input) => {
  const result = await setModelPrice(ctx, input);
  revalidatePath("/admin/prices");
  return result;
});

export const setPriceMultiplierAction = platformAction(setPriceMultiplierSchema, async (ctx, input) => {
  const result = await setPriceMultiplier(ctx, input);
  revalidatePath("/admin/prices");
  return result;
});

export const adjustTenantCreditsAction = platformAction(adjustTenantCreditsSchema, async (ctx, input) => {
  const result = await adjustTenantCredits(ctx, input);
  revalidatePath(`/admin/tenants/${input.tenantId}`);
  return { credits: result.credits, balance: Number(result.balance) };
});

export const resyncTenantBillingAction = platformAction(resyncTenantBillingSchema, async (ctx, input) => {
  const result = await resyncTenantBilling(ctx, input);
  revalidatePath(`/admin/tenants/${input.tenantId}`);
  return result;
});
