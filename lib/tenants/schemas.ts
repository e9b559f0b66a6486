// Inputs of the tenant and membership operations: one schema each, shared by the forms
// (field errors in the browser) and the server (the same rules, enforced). Client-safe.
import { z } from "zod";
import { canonicalTimeZone, isSupportedLocale, isTimeZone } from "@/lib/format/locales";
import { optionalOf, text } from "@/lib/validation/text";

/** Top-level paths a tenant slug may not take (they are routes of the app itself). */
export const RESERVED_SLUGS = new Set([
  "admin",
  "api",
  "dev",
  "new",
  "no-tenant",
  "sign-in",
  "sign-up",
  "sign-out",
  "verify-email",
  "forgot-password",
  "reset-password",
  "invitations",
  "settings",
  "account",
  "pricing",
  "static",
  "_next",
  "favicon.ico",
  "robots.txt",
  "icon.svg",
]);

export const ROLES = ["OWNER", "ADMIN", "MEMBER", "VIEWER", "COMPLIANCE"] as const;
export const roleSchema = z.enum(ROLES, { message: "Choose a role" });

export const slugSchema = text(48)
  .toLowerCase()
  .min(3, "At least 3 characters")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Lower-case letters, digits and single hyphens only")
  .refine((s) => !RESERVED_SLUGS.has(s), "This address is reserved, choose another");

/** A slug suggestion from an organisation name ("Ville de Liège" → "ville-de-liege"). */
export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/g, "");
}

export const createTenantSchema = z.object({
  name: text(100).min(2, "At least 2 characters"),
  slug: slugSchema,
  /** Slug of the parent tenant (the creator must be ADMIN or OWNER there). */
  parentSlug: optionalOf(text(48)),
});
export type CreateTenantInput = z.infer<typeof createTenantSchema>;

export const emailSchema = text(254, { tooLong: "Too long" })
  .toLowerCase()
  .min(1, "Enter an email address")
  .email("Enter a valid email address");

export const inviteMemberSchema = z.object({
  email: emailSchema,
  role: roleSchema,
});
export type InviteMemberInput = z.infer<typeof inviteMemberSchema>;

const uuid = z.string().uuid("Not a valid id");

export const revokeInvitationSchema = z.object({ invitationId: uuid });
export const changeRoleSchema = z.object({ userId: uuid, role: roleSchema });
export const removeMemberSchema = z.object({ userId: uuid });
export const transferOwnershipSchema = z.object({ userId: uuid });
/** Block (or restore) the access someone has here through a parent organisation. */
export const inheritedMemberSchema = z.object({ userId: uuid });
export const setInheritSchema = z.object({
  userId: uuid,
  inherit: z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean()),
});

export const invitationTokenSchema = text(128).regex(/^[A-Za-z0-9_-]{32,128}$/, "This invitation link is not valid");

/** The tenant's locale and time zone (how its pages write dates, times, numbers): OWNER/ADMIN. */
export const formatSettingsSchema = z.object({
  locale: z
    .string({ error: "Choose a language and region" })
    .refine(isSupportedLocale, { error: "Choose one of the listed languages and regions" }),
  timeZone: z
    .string({ error: "Enter a time zone" })
    .trim()
    .min(1, { error: "Enter a time zone", abort: true })
    .refine(isTimeZone, { error: "Not a time zone: use a name such as Europe/Brussels or America/New_York" })
    .transform(canonicalTimeZone),
});
export type FormatSettingsInput = z.infer<typeof formatSettingsSchema>;
