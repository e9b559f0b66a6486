// Input schemas for the platform admin area, shared by its forms (client) and the server
// actions and business functions. Client-safe: no server imports.
import { z } from "zod";
import { optionalOf, text } from "@/lib/validation/text";

/** Search text: optional, trimmed, an empty box means "everything". */
const search = optionalOf(text(100, { tooLong: "Search at most 100 characters" }));

/** The id of the last row of the previous page (keyset pagination: stable while rows are added). */
// z.guid, not z.uuid: any 8-4-4-4-12 hex id PostgreSQL accepts, whatever its version bits.
const cursor = z.preprocess(
  (v) => (v === "" || v === null ? undefined : v),
  z.guid("Not a valid page cursor").optional(),
);

const limit = z.coerce.number().int().min(1).max(100).default(25);

export const listTenantsSchema = z.object({ q: search, cursor, limit });
export type ListTenantsInput = z.input<typeof listTenantsSchema>;

export const listUsersSchema = z.object({ q: search, cursor, limit });
export type ListUsersInput = z.input<typeof listUsersSchema>;

/** Why an admin acts: recorded in the audit trail, so it must say something. */
export const adminReason = text(500, { error: "Give a reason", tooLong: "Keep the reason under 500 characters" }).min(
  5,
  "Give a reason of at least 5 characters",
);

/** FormData sends "true"/"false"; objects send booleans. Anything else is invalid. */
const formBoolean = z.preprocess(
  (v) => (v === "true" ? true : v === "false" ? false : v),
  z.boolean({ error: "Expected true or false" }),
);

export const setUserDisabledSchema = z
  .object({
    userId: z.guid("Not a valid user id"),
    disabled: formBoolean,
    // Required to disable (it ends someone's access); optional to enable.
    reason: z.preprocess((v) => (v === "" || v === null ? undefined : v), adminReason.optional()),
  })
  .superRefine((input, ctx) => {
    if (input.disabled && !input.reason)
      ctx.addIssue({ code: "custom", path: ["reason"], message: "Give a reason of at least 5 characters" });
  });
export type SetUserDisabledInput = z.infer<typeof setUserDisabledSchema>;

export const readTenantSchema = z.object({
  tenantId: z.guid("Not a valid organisation id"),
  reason: adminReason,
});
export type ReadTenantInput = z.infer<typeof readTenantSchema>;

/** `npm run admin:create -- <email>`; the password comes from ADMIN_PASSWORD or is generated. */
export const createAdminSchema = z.object({
  email: text(254).toLowerCase().pipe(z.email("Enter a valid email address")),
  password: text(200, { trim: false, tooLong: "ADMIN_PASSWORD must be at most 200 characters" })
    .min(12, "ADMIN_PASSWORD must be at least 12 characters")
    .optional(),
});
export type CreateAdminInput = z.input<typeof createAdminSchema>;

/** A platform admin's change to a tenant's credits: + adds, − takes away, with the reason. */
export const adjustTenantCreditsSchema = z.object({
  tenantId: z.guid("Not a valid organisation id"),
  credits: z.coerce
    .number({ message: "Enter a whole number of credits, e.g. 500 or -200" })
    .int("Enter a whole number of credits")
    .min(-10_000_000, "At most 10,000,000 credits at a time")
    .max(10_000_000, "At most 10,000,000 credits at a time")
    .refine((n) => n !== 0, "Enter a number other than 0"),
  reason: adminReason,
});
export type AdjustTenantCreditsInput = z.input<typeof adjustTenantCreditsSchema>;

/** A platform admin re-reads a tenant's billing state from Stripe, with the reason. */
export const resyncTenantBillingSchema = z.object({
  tenantId: z.guid("Not a valid organisation id"),
  reason: adminReason,
});
export type ResyncTenantBillingInput = z.input<typeof resyncTenantBillingSchema>;
