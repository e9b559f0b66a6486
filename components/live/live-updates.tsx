"use client";
// Mounted once in the tenant layout: keeps this tab's view of the tenant live.
import { useTenantEvents } from "./use-tenant-events";

export function LiveUpdates({ tenantSlug }: { tenantSlug: string }) {
  useTenantEvents(tenantSlug);
  return null;
}
