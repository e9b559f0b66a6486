// The demo data set: two tenants, four staff with different roles, citizens and their cases.
// Idempotent: a database that already has the demo tenant is left alone. Used by
// `npm run db:seed` and by the first start of the embedded database.
import type { Db } from "../tenant-extension";
import { hashPassword } from "@/lib/auth/password";
import { can } from "@/lib/auth/permissions";
import { allowanceGrantSql, allowanceMonth } from "@/lib/credits/allowance-sql";
import { encryptPii } from "@/lib/citizens/pii";
import type { CasePriority, CaseStatus, Role } from "@/lib/generated/prisma/enums";
import { CASE_TITLES, CITIES, FIRST_NAMES, LAST_NAMES, TAGS, pick, prng } from "./demo-data";
import { auditCaseHistory, auditCitizenCreated } from "./demo-history";

export const DEMO_PASSWORD = "civitas-demo";
export const DEMO_USERS: Array<{ email: string; name: string; role: Role }> = [
  { email: "demo@civitas.test", name: "Dana Demo", role: "OWNER" },
  { email: "admin@civitas.test", name: "Alex Admin", role: "ADMIN" },
  { email: "member@civitas.test", name: "Morgan Member", role: "MEMBER" },
  { email: "viewer@civitas.test", name: "Val Viewer", role: "VIEWER" },
];

const STATUSES: CaseStatus[] = [
  "OPEN",
  "OPEN",
  "IN_PROGRESS",
  "IN_PROGRESS",
  "WAITING",
  "RESOLVED",
  "RESOLVED",
  "CLOSED",
];
const PRIORITIES: CasePriority[] = ["LOW", "NORMAL", "NORMAL", "NORMAL", "HIGH", "URGENT"];
const DAY = 86_400_000;
const SEED_ACTOR = { actorId: null, actorType: "system", requestId: null };
export type SeedSummary = { tenant: string; skipped: boolean; citizens: number; cases: number };

export async function seedDemo(db: Db, options: { citizens?: number; now?: Date } = {}): Promise<SeedSummary> {
  const existing = await db.tenant.findUnique({ where: { slug: "demo" } });
  if (existing) return { tenant: "demo", skipped: true, citizens: 0, cases: 0 };

  const now = options.now ?? new Date();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  // The demo tenant is on PRO so a newcomer sees every AI feature (FREE has three).
  const tenant = await db.tenant.create({ data: { slug: "demo", name: "Demo Municipality", plan: "PRO" } });
  const neighbour = await db.tenant.create({ data: { slug: "riverside", name: "Riverside Constituency Office" } });
  // This month's allowances (Pro for the demo, so the AI features work from the first look), as
  // the daily allowance job would grant them: recorded per month, so it does not grant again.
  for (const [t, plan] of [
    [tenant, "PRO"],
    [neighbour, "FREE"],
  ] as const)
    await db
      .forTenant({ tenantId: t.id })
      .$tenantTransaction((tx) => tx.$queryRaw(allowanceGrantSql(t.id, plan, allowanceMonth(now), SEED_ACTOR)));

  const users: Array<{ id: string; role: Role }> = [];
  for (const u of DEMO_USERS) {
    const user = await db.user.upsert({
      where: { email: u.email },
      update: {},
      create: { email: u.email, name: u.name, passwordHash },
    });
    await db
      .forTenant({ tenantId: tenant.id })
      .membership.create({ data: { tenantId: tenant.id, userId: user.id, role: u.role } });
    users.push({ id: user.id, role: u.role });
  }
  // Cases are assigned to, moved and recorded by people whose role works cases (never the
  // viewer, who could not, and whom the assignee filter rightly leaves out).
  const workers = users.filter((u) => can(u.role, "case.update"));
  const creators = users.filter((u) => can(u.role, "citizen.create"));
  // The demo owner also helps out at a neighbouring office, so the tenant switcher has work.
  await db
    .forTenant({ tenantId: neighbour.id })
    .membership.create({ data: { tenantId: neighbour.id, userId: users[0]!.id, role: "MEMBER" } });

  await db.forTenant({ tenantId: tenant.id }).customFieldDefinition.create({
    data: {
      tenantId: tenant.id,
      key: "ward",
      label: "Ward",
      type: "SELECT",
      options: ["North", "South", "East", "West", "Centre"],
      position: 0,
    },
  });
  const rand = prng(20261121);
  const citizenCount = options.citizens ?? 60;
  let caseCount = 0;
  await db.forTenant({ tenantId: tenant.id }).$tenantTransaction(
    async (tx) => {
      for (let i = 0; i < citizenCount; i++) {
        const firstName = pick(rand, FIRST_NAMES);
        const lastName = pick(rand, LAST_NAMES);
        const citizen = await tx.citizen.create({
          data: {
            tenantId: tenant.id,
            firstName,
            lastName,
            ...encryptPii(tenant.id, {
              email: `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z.]/g, "") + `${i}@example.org`,
              phone: `+31 6 ${String(10_000_000 + Math.floor(rand() * 89_999_999))}`,
              dateOfBirth: `${1940 + Math.floor(rand() * 65)}-${String(1 + Math.floor(rand() * 12)).padStart(2, "0")}-${String(1 + Math.floor(rand() * 28)).padStart(2, "0")}`,
              nationalId: rand() > 0.5 ? String(100_000_000 + Math.floor(rand() * 899_999_999)) : undefined,
            }),
            city: pick(rand, CITIES),
            postalCode: `${1000 + Math.floor(rand() * 8999)} ${String.fromCharCode(65 + Math.floor(rand() * 26))}${String.fromCharCode(65 + Math.floor(rand() * 26))}`,
            preferredLanguage: rand() > 0.7 ? "nl" : "en",
            consents: {
              data_processing: { granted: true, at: "2026-01-15", source: "form" },
              ...(rand() > 0.5 ? { contact_email: { granted: rand() > 0.2, at: "2026-03-02", source: "email" } } : {}),
            },
            tags: [...new Set([pick(rand, TAGS), ...(rand() > 0.6 ? [pick(rand, TAGS)] : [])])],
            customFields: { ward: pick(rand, ["North", "South", "East", "West", "Centre"]) },
            createdAt: new Date(now.getTime() - Math.floor(rand() * 120) * DAY),
          },
        });
        await auditCitizenCreated(tx, tenant.id, pick(rand, creators), citizen);
        const n = Math.floor(rand() * 4);
        for (let c = 0; c < n; c++) {
          const createdAt = new Date(now.getTime() - Math.floor(rand() * 14 * DAY));
          const status = pick(rand, STATUSES);
          const [openedBy, movedBy] = [pick(rand, workers), pick(rand, workers)];
          const created = await tx.case.create({
            data: {
              tenantId: tenant.id,
              citizenId: citizen.id,
              title: pick(rand, CASE_TITLES),
              description: "Reported at the front desk; follow up by phone.",
              status,
              priority: pick(rand, PRIORITIES),
              assigneeId: rand() > 0.3 ? pick(rand, workers).id : null,
              dueAt: rand() > 0.4 ? new Date(createdAt.getTime() + Math.floor(rand() * 21 - 5) * DAY) : null,
              createdAt,
            },
          });
          // The timeline the case page shows: opened, then (for moved cases) the status change.
          await tx.caseEvent.create({
            data: {
              tenantId: tenant.id,
              caseId: created.id,
              kind: "CREATED",
              toStatus: "OPEN",
              authorId: openedBy.id,
              createdAt,
            },
          });
          if (status !== "OPEN") {
            await tx.caseEvent.create({
              data: {
                tenantId: tenant.id,
                caseId: created.id,
                kind: "STATUS_CHANGED",
                fromStatus: "OPEN",
                toStatus: status,
                authorId: movedBy.id,
                createdAt: new Date(createdAt.getTime() + 3_600_000),
              },
            });
          }
          await auditCaseHistory(tx, tenant.id, created, openedBy, movedBy);
          caseCount++;
        }
      }
    },
    { timeout: 120_000 },
  );
  return { tenant: "demo", skipped: false, citizens: citizenCount, cases: caseCount };
}
