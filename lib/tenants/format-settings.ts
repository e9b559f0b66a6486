// The tenant's locale and time zone: read for every tenant page (the layout passes them to the
// FormatProvider), changed by OWNER/ADMIN in Settings → Region and format, in one transaction
// with its audit event. The tenants table is global (not tenant-owned), so the row is addressed
// by the context's tenant id, never by an id from the input: another tenant cannot be reached.
import "server-only";
import { cache } from "react";
import { recordAudit } from "@/lib/audit/record";
import { can } from "@/lib/auth/permissions";
import type { TenantContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import type { FormatSettings } from "@/lib/format/format";
import { DEFAULT_LOCALE, DEFAULT_TIME_ZONE, isSupportedLocale, isTimeZone } from "@/lib/format/locales";
import type { FormatSettingsInput } from "./schemas";

/** One look-up per request (layout, page and metadata share it). */
export const readFormatSettings = cache(async (tenantId: string): Promise<FormatSettings> => {
  const db = await getDb();
  const row = await db.tenant.findUnique({ where: { id: tenantId }, select: { locale: true, timeZone: true } });
  if (!row) throw new NotFoundError("Organisation not found");
  // A value written before a locale was dropped from the list, or a zone a later ICU renamed,
  // falls back rather than failing every page.
  return {
    locale: isSupportedLocale(row.locale) ? row.locale : DEFAULT_LOCALE,
    timeZone: isTimeZone(row.timeZone) ? row.timeZone : DEFAULT_TIME_ZONE,
  };
});

export async function updateFormatSettings(ctx: TenantContext, input: FormatSettingsInput): Promise<FormatSettings> {
  if (!can(ctx.role, "tenant.update")) throw new ForbiddenError("Only owners and admins change the region and format");
  const db = await getDb();
  return db.forTenant(ctx).$tenantTransaction(async (tx) => {
    const [before] = await tx.$queryRaw<Array<{ locale: string; time_zone: string }>>`
      SELECT locale, time_zone FROM tenants WHERE id = ${ctx.tenantId}::uuid FOR UPDATE`;
    if (!before) throw new NotFoundError("Organisation not found");
    const changed = before.locale !== input.locale || before.time_zone !== input.timeZone;
    if (changed) {
      await tx.$executeRaw`
        UPDATE tenants SET locale = ${input.locale}, time_zone = ${input.timeZone}, updated_at = now()
         WHERE id = ${ctx.tenantId}::uuid`;
      await recordAudit(tx, {
        tenantId: ctx.tenantId,
        action: "tenant.format_updated",
        targetType: "tenant",
        targetId: ctx.tenantId,
        data: {
          before: { locale: before.locale, timeZone: before.time_zone },
          after: { locale: input.locale, timeZone: input.timeZone },
        },
      });
    }
    return { locale: input.locale, timeZone: input.timeZone };
  });
}
