// The invitee's side. They are not a member yet, so the tenant-scoped walls would hide the
// invitation from them: the token itself is the key. Its hash goes into app.invitation_token
// for one transaction, and the `by_token` RLS policy shows that one row and nothing else.
import "server-only";
import { assertSeatForNewMember } from "@/lib/billing/seats";
import { recordAudit } from "@/lib/audit/record";
import { currentLogContext } from "@/lib/context/request-context";
import { getDb } from "@/lib/db";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { enforceRateLimits } from "@/lib/rate-limit/enforce";
import { ACCEPTS_PER_IP, acceptIpKey } from "./invite-policy";
import { invitationTokenSchema } from "./schemas";
import { hashSecretToken } from "@/lib/crypto/secret-token";
import type { TenantSummary } from "./types";

export type InvitationStatus = "pending" | "accepted" | "revoked" | "expired";

export type InvitationView = {
  id: string;
  email: string;
  role: Role;
  status: InvitationStatus;
  expiresAt: Date;
  tenant: TenantSummary;
  inviterName: string | null;
};

type Row = {
  id: string;
  tenant_id: string;
  email: string;
  role: Role;
  expires_at: Date;
  accepted_at: Date | null;
  revoked_at: Date | null;
  slug: string;
  name: string;
  inviter_name: string | null;
};

function statusOf(row: Pick<Row, "accepted_at" | "revoked_at" | "expires_at">, now = new Date()): InvitationStatus {
  if (row.accepted_at) return "accepted";
  if (row.revoked_at) return "revoked";
  if (row.expires_at <= now) return "expired";
  return "pending";
}

/** The invitation behind a token, or null for a malformed or unknown token. */
export async function findInvitation(token: string): Promise<InvitationView | null> {
  const parsed = invitationTokenSchema.safeParse(token);
  if (!parsed.success) return null;
  const hash = hashSecretToken(parsed.data);
  const db = await getDb();
  const [row] = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('app.invitation_token', ${hash}, true)`;
    return tx.$queryRaw<Row[]>`
      SELECT i.id, i.tenant_id, i.email, i.role, i.expires_at, i.accepted_at, i.revoked_at, t.slug, t.name, u.name AS inviter_name
        FROM invitations i JOIN tenants t ON t.id = i.tenant_id LEFT JOIN users u ON u.id = i.invited_by_id
       WHERE i.token_hash = ${hash}`;
  });
  if (!row) return null;
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    status: statusOf(row),
    expiresAt: row.expires_at,
    tenant: { id: row.tenant_id, slug: row.slug, name: row.name },
    inviterName: row.inviter_name,
  };
}

const STATUS_MESSAGES: Record<Exclude<InvitationStatus, "pending">, string> = {
  accepted: "This invitation has already been used",
  revoked: "This invitation was withdrawn",
  expired: "This invitation has expired: ask for a new one",
};

/**
 * Joins the invited user to the tenant. The signed-in user's email must be the invited one
 * (the link alone is not enough: it may have been forwarded). Accepting proves the address,
 * so the email becomes verified.
 */
export async function acceptInvitation(user: { id: string; email: string }, token: string): Promise<TenantSummary> {
  const ip = currentLogContext()?.ip;
  if (ip) await enforceRateLimits([{ key: acceptIpKey(ip), ...ACCEPTS_PER_IP }], "attempts");
  const found = await findInvitation(token);
  if (!found) throw new NotFoundError("This invitation link is not valid");
  if (found.status !== "pending") throw new ConflictError(STATUS_MESSAGES[found.status]);
  if (found.email.toLowerCase() !== user.email.toLowerCase()) {
    throw new ForbiddenError(
      `This invitation was sent to another email address. Sign in as that address to accept it.`,
    );
  }
  const db = await getDb();
  await db.forTenant({ tenantId: found.tenant.id }).$tenantTransaction(async (tx) => {
    // Claim it atomically: of two concurrent accepts, one updates the row.
    const claimed = await tx.invitation.updateMany({
      where: { id: found.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      data: { acceptedAt: new Date() },
    });
    if (claimed.count === 0) throw new ConflictError(STATUS_MESSAGES.accepted);
    const existing = await tx.membership.findUnique({
      where: { tenantId_userId: { tenantId: found.tenant.id, userId: user.id } },
    });
    if (!existing) await assertSeatForNewMember(tx, found.tenant.id);
    if (!existing)
      await tx.membership.create({ data: { tenantId: found.tenant.id, userId: user.id, role: found.role } });
    await tx.user.updateMany({ where: { id: user.id, emailVerifiedAt: null }, data: { emailVerifiedAt: new Date() } });
    await recordAudit(tx, {
      tenantId: found.tenant.id,
      action: "invitation.accepted",
      targetType: "invitation",
      targetId: found.id,
      data: { role: found.role },
    });
    if (!existing) {
      await recordAudit(tx, {
        tenantId: found.tenant.id,
        action: "member.added",
        targetType: "user",
        targetId: user.id,
        data: { role: found.role, via: "invitation" },
      });
    }
  });
  return found.tenant;
}
