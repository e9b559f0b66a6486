// Seat limits of the plan (lib/billing/plans.ts), enforced on the server when inviting (members
// plus pending invitations: an invitation holds its seat until it is accepted, revoked or
// expires) and when accepting. The tenant row is locked first, so two concurrent invitations
// cannot both take the last seat.
import "server-only";
import { ConflictError } from "@/lib/errors";
import type { Tx } from "@/lib/credits/shared";
import type { Plan } from "@/lib/generated/prisma/enums";
import { PLAN_ORDER, PLANS } from "./plans";

export type SeatUse = { plan: Plan; seats: number | null; members: number; pending: number };

export async function seatUse(tx: Tx, tenantId: string, lock = false): Promise<SeatUse & { slug: string }> {
  const [row] = lock
    ? await tx.$queryRaw<
        { plan: Plan; slug: string }[]
      >`SELECT plan, slug FROM tenants WHERE id = ${tenantId}::uuid FOR UPDATE`
    : await tx.$queryRaw<{ plan: Plan; slug: string }[]>`SELECT plan, slug FROM tenants WHERE id = ${tenantId}::uuid`;
  const plan = row?.plan ?? "FREE";
  const [counts] = await tx.$queryRaw<{ members: number; pending: number }[]>`
    SELECT (SELECT count(*) FROM memberships WHERE tenant_id = ${tenantId}::uuid)::int AS members,
           (SELECT count(*) FROM invitations WHERE tenant_id = ${tenantId}::uuid AND accepted_at IS NULL
              AND revoked_at IS NULL AND expires_at > now())::int AS pending`;
  return {
    plan,
    slug: row?.slug ?? "",
    seats: PLANS[plan].seats,
    members: counts?.members ?? 0,
    pending: counts?.pending ?? 0,
  };
}

function upgradePath(plan: Plan, slug: string): string {
  const bigger = PLAN_ORDER.slice(PLAN_ORDER.indexOf(plan) + 1).find(
    (p) => (PLANS[p].seats ?? Infinity) > (PLANS[plan].seats ?? Infinity),
  );
  const target = bigger ? PLANS[bigger] : null;
  const seats = target ? (target.seats === null ? "unlimited seats" : `${target.seats} seats`) : "";
  return target
    ? `Upgrade to ${target.name} (${seats}) at /${slug}/settings/billing`
    : "Contact Civitas for more seats";
}

/** Before an invitation: a seat for one more person, counting pending invitations (minus one being replaced). */
export async function assertSeatForInvitation(tx: Tx, tenantId: string, replacing: number): Promise<void> {
  const use = await seatUse(tx, tenantId, true);
  if (use.seats === null) return;
  const taken = use.members + use.pending - replacing;
  if (taken < use.seats) return;
  throw new ConflictError(
    `The ${PLANS[use.plan].name} plan has ${use.seats} seats and all are taken (${use.members} members, ${use.pending - replacing} pending invitations). ${upgradePath(use.plan, use.slug)}, or revoke an invitation or remove a member.`,
    {
      details: {
        seats: use.seats,
        members: use.members,
        pending: use.pending - replacing,
        billingUrl: `/${use.slug}/settings/billing`,
      },
    },
  );
}

/** Before an accepted invitation adds its member. */
export async function assertSeatForNewMember(tx: Tx, tenantId: string): Promise<void> {
  const use = await seatUse(tx, tenantId, true);
  if (use.seats === null || use.members < use.seats) return;
  throw new ConflictError(
    `This organisation's ${PLANS[use.plan].name} plan has ${use.seats} seats and all are taken. Ask an owner or admin to upgrade (${upgradePath(use.plan, use.slug)}) or to free a seat, then open this link again.`,
    { details: { seats: use.seats, members: use.members } },
  );
}
