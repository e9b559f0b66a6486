"use server";
// Thin server action of the audit page: the guard authenticates, resolves the tenant from the
// slug and checks audit.read; lib/audit verifies the chain and records that it did.
import { tenantAction } from "@/lib/auth/guard";
import { verifyChainSchema } from "@/lib/audit/schemas";
import { verifyTenantAuditChain } from "@/lib/audit/verify-action";

export const verifyChainAction = tenantAction("audit.read", verifyChainSchema, (ctx) => verifyTenantAuditChain(ctx));
