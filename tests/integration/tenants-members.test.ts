// Tenants, invitations and membership rules through the business functions (lib/tenants):
// creation, invitations (token, email, single use, right address only), roles (nobody above
// their own, last OWNER kept), ownership transfer, inheritance down the tenant hierarchy.
process.env.PGLITE_DATA_DIR = "memory://";
process.env.SEED_DEMO_ON_FIRST_START = "0";
process.env.DEV_MAILBOX = "1";
process.env.APP_URL = "http://civitas.test";

import { randomUUID } from "node:crypto";
import { getDatabase, getDb } from "@/lib/db";
import { checkSession, startSession } from "@/lib/auth/sessions/store";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { acceptInvitation, findInvitation } from "@/lib/tenants/accept-invitation";
import { listMemberships, resolveTenantAccess } from "@/lib/tenants/access";
import { blockInheritedMember, restoreInheritedMember } from "@/lib/tenants/inheritance";
import { createTenant } from "@/lib/tenants/create-tenant";
import { inviteMember, listPendingInvitations, revokeInvitation } from "@/lib/tenants/invitations";
import {
  changeMemberRole,
  LAST_OWNER_MESSAGE,
  listMembers,
  removeMember,
  setMemberInherit,
  transferOwnership,
} from "@/lib/tenants/members";
import { createTenantSchema, inviteMemberSchema } from "@/lib/tenants/schemas";
import { runWithLogContext, type TenantContext } from "@/lib/context/request-context";

type U = { id: string; email: string; name: string };

async function user(label = "u", verified = true): Promise<U> {
  const db = await getDb();
  const email = `${label}-${randomUUID().slice(0, 8)}@tenants.test`;
  return db.user.create({
    data: { email, name: `${label} person`, emailVerifiedAt: verified ? new Date() : null },
    select: { id: true, email: true, name: true },
  });
}

const slug = () => `t-${randomUUID().slice(0, 10)}`;

function ctxFor(tenantId: string, u: U, role: Role): TenantContext {
  return { tenantId, userId: u.id, role, requestId: "test" };
}

/** The link in the newest mailbox email to `to`. */
async function invitationToken(to: string): Promise<string> {
  const db = await getDb();
  const mail = await db.mailboxMessage.findFirst({ where: { to }, orderBy: { createdAt: "desc" } });
  const match = mail?.text.match(/\/invitations\/([A-Za-z0-9_-]+)/);
  if (!match) throw new Error(`no invitation email to ${to}`);
  return match[1]!;
}

async function tenantWithOwner() {
  const owner = await user("owner");
  const tenant = await createTenant(owner, { name: "Probe Org", slug: slug() });
  return { owner, tenant, ctx: ctxFor(tenant.id, owner, "OWNER") };
}

async function addMember(tenantId: string, role: Role, inherit = false): Promise<U> {
  const u = await user(role.toLowerCase());
  const db = await getDb();
  await db.forTenant({ tenantId }).membership.create({ data: { tenantId, userId: u.id, role, inherit } });
  return u;
}

async function auditActions(tenantId: string): Promise<string[]> {
  const db = await getDb();
  const rows = await db
    .forTenant({ tenantId })
    .$tenantTransaction(
      (tx) =>
        tx.$queryRaw<
          Array<{ action: string }>
        >`SELECT action FROM audit_events WHERE tenant_id = ${tenantId}::uuid ORDER BY seq`,
    );
  return rows.map((r) => r.action);
}

beforeAll(async () => {
  await getDb();
});
afterAll(async () => {
  await (await getDatabase()).close();
});

describe("creating a tenant", () => {
  test("the creator becomes OWNER; the event is audited in the new tenant's chain", async () => {
    const { owner, tenant } = await tenantWithOwner();
    expect(await listMemberships(owner.id)).toEqual([{ tenant, role: "OWNER" }]);
    expect(await auditActions(tenant.id)).toEqual(["tenant.created", "credits.allowance_granted"]);
  });

  test("an unverified email address cannot create an organisation", async () => {
    const unverified = await user("unverified", false);
    await expect(createTenant(unverified, { name: "Spam", slug: slug() })).rejects.toThrow(ForbiddenError);
    expect(await listMemberships(unverified.id)).toEqual([]);
  });

  test("a taken slug is a field error and nothing is half-created", async () => {
    const { owner, tenant } = await tenantWithOwner();
    const err = await createTenant(owner, { name: "Copy", slug: tenant.slug }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fieldErrors.slug).toBeDefined();
    expect(await listMemberships(owner.id)).toHaveLength(1);
  });

  test("reserved, malformed and short slugs are refused by the shared schema", () => {
    for (const bad of ["admin", "api", "Sign In", "a", "-x-", "x--y", "new"]) {
      expect(createTenantSchema.safeParse({ name: "Name", slug: bad }).success).toBe(false);
    }
    expect(createTenantSchema.parse({ name: " Ghent ", slug: "Ghent-City " })).toEqual({
      name: "Ghent",
      slug: "ghent-city",
    });
  });

  test("a child tenant needs ADMIN or OWNER in the parent", async () => {
    const { tenant: parent } = await tenantWithOwner();
    const viewer = await addMember(parent.id, "VIEWER");
    await expect(createTenant(viewer, { name: "Child", slug: slug(), parentSlug: parent.slug })).rejects.toThrow(
      ValidationError,
    );
    const admin = await addMember(parent.id, "ADMIN");
    const child = await createTenant(admin, { name: "Child", slug: slug(), parentSlug: parent.slug });
    const db = await getDb();
    expect((await db.tenant.findUniqueOrThrow({ where: { id: child.id } })).parentId).toBe(parent.id);
  });
});

describe("invitations", () => {
  test("invite → email with link → the invited address accepts → member with that role, audited", async () => {
    const { tenant, ctx } = await tenantWithOwner();
    const invitee = await user("invitee", false);
    await inviteMember(ctx, { email: invitee.email, role: "VIEWER" });
    expect((await listPendingInvitations(ctx)).map((i) => i.email)).toEqual([invitee.email]);
    const token = await invitationToken(invitee.email);
    expect(await findInvitation(token)).toMatchObject({
      email: invitee.email,
      role: "VIEWER",
      status: "pending",
      tenant: { id: tenant.id },
    });

    await acceptInvitation(invitee, token);
    expect((await listMemberships(invitee.id)).map((m) => [m.tenant.slug, m.role])).toEqual([[tenant.slug, "VIEWER"]]);
    expect(await listPendingInvitations(ctx)).toEqual([]);
    const db = await getDb();
    expect((await db.user.findUniqueOrThrow({ where: { id: invitee.id } })).emailVerifiedAt).not.toBeNull();
    expect(await auditActions(tenant.id)).toEqual([
      "tenant.created",
      "credits.allowance_granted",
      "invitation.created",
      "invitation.accepted",
      "member.added",
    ]);
  });

  test("a token works once, even with concurrent accepts", async () => {
    const { ctx } = await tenantWithOwner();
    const invitee = await user("twice");
    await inviteMember(ctx, { email: invitee.email, role: "MEMBER" });
    const token = await invitationToken(invitee.email);
    const results = await Promise.allSettled([
      acceptInvitation(invitee, token),
      acceptInvitation(invitee, token),
      acceptInvitation(invitee, token),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(
      results
        .filter((r) => r.status === "rejected")
        .every((r) => (r as PromiseRejectedResult).reason instanceof ConflictError),
    ).toBe(true);
    await expect(acceptInvitation(invitee, token)).rejects.toThrow(ConflictError);
  });

  test("someone else signed in cannot use a forwarded link", async () => {
    const { ctx } = await tenantWithOwner();
    const invitee = await user("right");
    const stranger = await user("wrong");
    await inviteMember(ctx, { email: invitee.email, role: "MEMBER" });
    const token = await invitationToken(invitee.email);
    await expect(acceptInvitation(stranger, token)).rejects.toThrow(ForbiddenError);
    expect(await listMemberships(stranger.id)).toEqual([]);
  });

  test("revoked and expired invitations cannot be accepted; unknown and malformed tokens are not found", async () => {
    const { ctx } = await tenantWithOwner();
    const a = await user("revoked");
    const { invitationId } = await inviteMember(ctx, { email: a.email, role: "MEMBER" });
    const token = await invitationToken(a.email);
    await revokeInvitation(ctx, { invitationId });
    await expect(acceptInvitation(a, token)).rejects.toThrow(/withdrawn/);

    const b = await user("expired");
    const inv = await inviteMember(ctx, { email: b.email, role: "MEMBER" });
    const db = await getDb();
    await db
      .forTenant(ctx)
      .invitation.update({ where: { id: inv.invitationId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(acceptInvitation(b, await invitationToken(b.email))).rejects.toThrow(/expired/);

    await expect(acceptInvitation(b, "x".repeat(43))).rejects.toThrow(NotFoundError);
    await expect(acceptInvitation(b, "../../etc")).rejects.toThrow(NotFoundError);
    expect(await findInvitation("")).toBeNull();
  });

  test("nobody invites above their own role; members cannot be invited twice", async () => {
    const { tenant, ctx } = await tenantWithOwner();
    const admin = await addMember(tenant.id, "ADMIN");
    const adminCtx = ctxFor(tenant.id, admin, "ADMIN");
    await expect(inviteMember(adminCtx, { email: "boss@tenants.test", role: "OWNER" })).rejects.toThrow(ForbiddenError);
    await expect(inviteMember(adminCtx, { email: "peer@tenants.test", role: "ADMIN" })).resolves.toBeDefined();
    const memberCtx = ctxFor(tenant.id, await addMember(tenant.id, "MEMBER"), "MEMBER");
    await expect(inviteMember(memberCtx, { email: "x@tenants.test", role: "VIEWER" })).rejects.toThrow(ForbiddenError);
    const err = await inviteMember(ctx, { email: admin.email, role: "MEMBER" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fieldErrors.email).toBeDefined();
  });

  test("bad input is refused by the schema before anything happens", () => {
    expect(inviteMemberSchema.safeParse({ email: "not-an-email", role: "MEMBER" }).success).toBe(false);
    expect(inviteMemberSchema.safeParse({ email: "a@b.org", role: "SUPERUSER" }).success).toBe(false);
    expect(inviteMemberSchema.safeParse({}).success).toBe(false);
  });

  test("another tenant cannot revoke (or see) this tenant's invitation", async () => {
    const one = await tenantWithOwner();
    const two = await tenantWithOwner();
    const { invitationId } = await inviteMember(one.ctx, { email: "cross@tenants.test", role: "MEMBER" });
    await expect(revokeInvitation(two.ctx, { invitationId })).rejects.toThrow(NotFoundError);
    expect(await listPendingInvitations(two.ctx)).toEqual([]);
    expect((await listPendingInvitations(one.ctx)).map((i) => i.id)).toEqual([invitationId]);
  });

  test("invitations are rate limited per inviter", async () => {
    const { ctx, tenant } = await tenantWithOwner();
    // 50 invitations need the seats of a plan without a seat limit (lib/billing/seats.ts).
    await (await getDb()).tenant.update({ where: { id: tenant.id }, data: { plan: "ENTERPRISE" } });
    await runWithLogContext({ requestId: "rl", ip: `198.51.100.${Math.floor(Math.random() * 200)}` }, async () => {
      for (let i = 0; i < 50; i++) await inviteMember(ctx, { email: `bulk-${i}@tenants.test`, role: "VIEWER" });
      await expect(inviteMember(ctx, { email: "one-too-many@tenants.test", role: "VIEWER" })).rejects.toThrow(
        /Too many invitations/,
      );
    });
  });
});

describe("roles and the last owner", () => {
  test("the last OWNER cannot leave, be removed or be demoted", async () => {
    const { owner, tenant, ctx } = await tenantWithOwner();
    await expect(removeMember(ctx, { userId: owner.id })).rejects.toThrow(LAST_OWNER_MESSAGE);
    const other = await addMember(tenant.id, "OWNER");
    const otherCtx = ctxFor(tenant.id, other, "OWNER");
    // With two owners one may be demoted or leave…
    await changeMemberRole(otherCtx, { userId: owner.id, role: "ADMIN" });
    // …but not the remaining one.
    const exOwnerCtx = ctxFor(tenant.id, owner, "ADMIN");
    await expect(changeMemberRole(exOwnerCtx, { userId: other.id, role: "ADMIN" })).rejects.toThrow(ForbiddenError);
    await expect(removeMember(otherCtx, { userId: other.id })).rejects.toThrow(ConflictError);
    expect((await listMembers(ctx)).filter((m) => m.role === "OWNER").map((m) => m.userId)).toEqual([other.id]);
  });

  test("two owners demoting each other at the same moment leave one owner", async () => {
    const { owner, tenant } = await tenantWithOwner();
    const second = await addMember(tenant.id, "OWNER");
    const results = await Promise.allSettled([
      changeMemberRole(ctxFor(tenant.id, owner, "OWNER"), { userId: second.id, role: "ADMIN" }),
      changeMemberRole(ctxFor(tenant.id, second, "OWNER"), { userId: owner.id, role: "ADMIN" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const db = await getDb();
    expect(
      await db.forTenant({ tenantId: tenant.id }).membership.count({ where: { tenantId: tenant.id, role: "OWNER" } }),
    ).toBe(1);
  });

  test("nobody raises their own role or acts above it", async () => {
    const { tenant } = await tenantWithOwner();
    const admin = await addMember(tenant.id, "ADMIN");
    const adminCtx = ctxFor(tenant.id, admin, "ADMIN");
    await expect(changeMemberRole(adminCtx, { userId: admin.id, role: "OWNER" })).rejects.toThrow(ForbiddenError);
    const member = await addMember(tenant.id, "MEMBER");
    await expect(changeMemberRole(adminCtx, { userId: member.id, role: "OWNER" })).rejects.toThrow(ForbiddenError);
    await changeMemberRole(adminCtx, { userId: member.id, role: "ADMIN" }); // up to their own: fine
    const viewer = await addMember(tenant.id, "VIEWER");
    await expect(
      changeMemberRole(ctxFor(tenant.id, member, "MEMBER"), { userId: viewer.id, role: "MEMBER" }),
    ).rejects.toThrow(ForbiddenError);
    await expect(removeMember(ctxFor(tenant.id, viewer, "VIEWER"), { userId: member.id })).rejects.toThrow(
      ForbiddenError,
    );
  });

  test("a role change signs the member out everywhere and is audited with before/after", async () => {
    const { tenant, ctx } = await tenantWithOwner();
    const member = await addMember(tenant.id, "MEMBER");
    const { sessionId } = await startSession(member.id);
    await changeMemberRole(ctx, { userId: member.id, role: "VIEWER" });
    expect(await checkSession(sessionId, 0)).toEqual({ ok: false, reason: "revoked" });
    const db = await getDb();
    const [event] = await db
      .forTenant(ctx)
      .$tenantTransaction(
        (tx) =>
          tx.$queryRaw<Array<{ data: unknown }>>`SELECT data FROM audit_events WHERE action = 'member.role_changed'`,
      );
    expect(event!.data).toEqual({ before: { role: "MEMBER" }, after: { role: "VIEWER" } });
  });

  test("transfer ownership: the target becomes OWNER, the old owner ADMIN; only an owner may", async () => {
    const { owner, tenant, ctx } = await tenantWithOwner();
    const admin = await addMember(tenant.id, "ADMIN");
    await expect(transferOwnership(ctxFor(tenant.id, admin, "ADMIN"), { userId: admin.id })).rejects.toThrow(
      ForbiddenError,
    );
    await expect(transferOwnership(ctx, { userId: (await user("outsider")).id })).rejects.toThrow(NotFoundError);
    await transferOwnership(ctx, { userId: admin.id });
    const roles = Object.fromEntries((await listMembers(ctx)).map((m) => [m.userId, m.role]));
    expect(roles).toEqual({ [owner.id]: "ADMIN", [admin.id]: "OWNER" });
    expect(await auditActions(tenant.id)).toContain("tenant.ownership_transferred");
  });

  test("a member from another tenant is not found here", async () => {
    const one = await tenantWithOwner();
    const two = await tenantWithOwner();
    const theirs = await addMember(two.tenant.id, "MEMBER");
    await expect(changeMemberRole(one.ctx, { userId: theirs.id, role: "VIEWER" })).rejects.toThrow(NotFoundError);
    await expect(removeMember(one.ctx, { userId: theirs.id })).rejects.toThrow(NotFoundError);
    expect((await listMemberships(theirs.id))[0]?.role).toBe("MEMBER");
  });
});

describe("tenant hierarchy", () => {
  test("inherit gives the same role in child and grandchild tenants; without it, no access", async () => {
    const { owner, tenant: region, ctx } = await tenantWithOwner();
    const city = await createTenant(owner, { name: "City", slug: slug(), parentSlug: region.slug });
    const district = await createTenant(owner, { name: "District", slug: slug(), parentSlug: city.slug });
    const analyst = await addMember(region.id, "VIEWER");
    expect(await resolveTenantAccess(analyst, district.slug)).toBeNull();

    await setMemberInherit(ctx, { userId: analyst.id, inherit: true });
    const access = await resolveTenantAccess(analyst, district.slug);
    expect(access).toMatchObject({ role: "VIEWER", inheritedFrom: { id: region.id } });
    expect((await listMemberships(analyst.id)).map((m) => m.tenant.id).sort()).toEqual(
      [region.id, city.id, district.id].sort(),
    );
    // Members of the child list the inherited person, marked as such.
    const cityMembers = await listMembers(ctxFor(city.id, owner, "OWNER"));
    expect(cityMembers.find((m) => m.userId === analyst.id)).toMatchObject({
      role: "VIEWER",
      inheritedFrom: { slug: region.slug },
    });
  });

  test("a direct membership in the child wins over the inherited role", async () => {
    const { owner, tenant: region } = await tenantWithOwner();
    const city = await createTenant(owner, { name: "City", slug: slug(), parentSlug: region.slug });
    const boss = await addMember(region.id, "ADMIN", true);
    const db = await getDb();
    await db
      .forTenant({ tenantId: city.id })
      .membership.create({ data: { tenantId: city.id, userId: boss.id, role: "VIEWER" } });
    expect((await resolveTenantAccess(boss, city.slug))?.role).toBe("VIEWER");
  });

  test("inheritance never flows upwards", async () => {
    const { owner, tenant: region } = await tenantWithOwner();
    const city = await createTenant(owner, { name: "City", slug: slug(), parentSlug: region.slug });
    const local = await addMember(city.id, "OWNER", true);
    expect(await resolveTenantAccess(local, region.slug)).toBeNull();
  });
});

describe("nobody changes their own access; the child tenant decides about inherited access", () => {
  async function hierarchy() {
    const { owner, tenant: region, ctx } = await tenantWithOwner();
    const city = await createTenant(owner, { name: "City", slug: slug(), parentSlug: region.slug });
    const district = await createTenant(owner, { name: "District", slug: slug(), parentSlug: city.slug });
    // The city's own owner and admin: not members of the region.
    const cityOwner = await addMember(city.id, "OWNER");
    const cityAdmin = await addMember(city.id, "ADMIN");
    return {
      owner,
      region,
      city,
      district,
      regionCtx: ctx,
      cityOwnerCtx: ctxFor(city.id, cityOwner, "OWNER"),
      cityAdminCtx: ctxFor(city.id, cityAdmin, "ADMIN"),
    };
  }

  test("an ADMIN cannot turn on inheritance for themselves (nor off), so gains no child tenant", async () => {
    const { region, city, regionCtx } = await hierarchy();
    const admin = await addMember(region.id, "ADMIN");
    const adminCtx = ctxFor(region.id, admin, "ADMIN");
    await expect(setMemberInherit(adminCtx, { userId: admin.id, inherit: true })).rejects.toThrow(ForbiddenError);
    expect(await resolveTenantAccess(admin, city.slug)).toBeNull();
    // The owner may still grant it to them; then the admin cannot take it away from themselves either.
    await setMemberInherit(regionCtx, { userId: admin.id, inherit: true });
    await expect(setMemberInherit(adminCtx, { userId: admin.id, inherit: false })).rejects.toThrow(ForbiddenError);
    expect(await auditActions(region.id)).toEqual([
      "tenant.created",
      "credits.allowance_granted",
      "member.inherit_changed",
    ]);
  });

  test("the child's owner sees every inherited member with its source, blocks one for the child only, and restores them", async () => {
    const { region, city, district, cityOwnerCtx } = await hierarchy();
    const regional = await addMember(region.id, "ADMIN", true);
    const listed = (await listMembers(cityOwnerCtx)).find((m) => m.userId === regional.id);
    expect(listed).toMatchObject({ role: "ADMIN", inheritedFrom: { slug: region.slug }, blocked: false });

    await blockInheritedMember(cityOwnerCtx, { userId: regional.id });
    expect(await resolveTenantAccess(regional, city.slug)).toBeNull();
    expect((await listMemberships(regional.id)).map((m) => m.tenant.id).sort()).toEqual(
      [region.id, district.id].sort(),
    );
    expect((await listMembers(cityOwnerCtx)).find((m) => m.userId === regional.id)).toMatchObject({
      blocked: true,
      inheritedFrom: { slug: region.slug },
    });
    await expect(blockInheritedMember(cityOwnerCtx, { userId: regional.id })).rejects.toThrow(ConflictError);

    await restoreInheritedMember(cityOwnerCtx, { userId: regional.id });
    expect(await resolveTenantAccess(regional, city.slug)).toMatchObject({
      role: "ADMIN",
      inheritedFrom: { id: region.id },
    });
    expect(await auditActions(city.id)).toEqual([
      "tenant.created",
      "credits.allowance_granted",
      "member.inheritance_blocked",
      "member.inheritance_restored",
    ]);
  });

  test("the rules: not oneself, not above one's role, only people who really inherit access here", async () => {
    const { region, city, cityOwnerCtx, cityAdminCtx } = await hierarchy();
    const regionalOwner = await addMember(region.id, "OWNER", true);
    const regionalAdmin = await addMember(region.id, "ADMIN", true);
    // An ADMIN of the child cannot block an inherited OWNER; the child's OWNER can.
    await expect(blockInheritedMember(cityAdminCtx, { userId: regionalOwner.id })).rejects.toThrow(ForbiddenError);
    await blockInheritedMember(cityOwnerCtx, { userId: regionalOwner.id });
    // Someone acting on inherited access cannot block (or restore) themselves.
    await expect(
      blockInheritedMember(ctxFor(city.id, regionalAdmin, "ADMIN"), { userId: regionalAdmin.id }),
    ).rejects.toThrow(ForbiddenError);
    // A direct member, someone without inherit and a stranger are not inherited members.
    const plainRegional = await addMember(region.id, "MEMBER");
    const stranger = await user("stranger");
    for (const userId of [cityAdminCtx.userId, plainRegional.id, stranger.id]) {
      await expect(blockInheritedMember(cityOwnerCtx, { userId })).rejects.toThrow(NotFoundError);
    }
    await expect(restoreInheritedMember(cityOwnerCtx, { userId: regionalAdmin.id })).rejects.toThrow(ConflictError);
    expect((await resolveTenantAccess(regionalAdmin, city.slug))?.role).toBe("ADMIN");
  });

  test("another tenant's blocks are invisible and cannot be written from it", async () => {
    const { region, cityOwnerCtx } = await hierarchy();
    const regional = await addMember(region.id, "VIEWER", true);
    await blockInheritedMember(cityOwnerCtx, { userId: regional.id });
    const other = await tenantWithOwner();
    const db = await getDb();
    expect(await db.forTenant(other.ctx).inheritanceBlock.count()).toBe(0);
    const rows = await db
      .forTenant(other.ctx)
      .$tenantTransaction(
        (tx) => tx.$queryRaw<unknown[]>`SELECT * FROM inheritance_blocks WHERE user_id = ${regional.id}::uuid`,
      );
    expect(rows).toEqual([]);
    await expect(
      db
        .forTenant(other.ctx)
        .$tenantTransaction(
          (tx) =>
            tx.$executeRaw`INSERT INTO inheritance_blocks (id, tenant_id, user_id) VALUES (gen_random_uuid(), ${cityOwnerCtx.tenantId}::uuid, ${regional.id}::uuid)`,
        ),
    ).rejects.toThrow();
  });
});
