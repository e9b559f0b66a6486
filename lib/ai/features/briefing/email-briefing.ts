// Emails a stored briefing to the members who opted in (the email job, briefing-job.ts). The
// first run finds the recipients and queues one job per person, so a failed delivery is retried
// for that person only. Each person's job checks again that they still open the tenant with a
// role that reads the dashboard and that their account is active; otherwise nothing is sent.
// Links are absolute (APP_URL, lib/email/app-url.ts) and go to the lists behind each number,
// counted in the briefing's zone (briefing-links.ts).
import "server-only";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { appUrl, sendEmail } from "@/lib/email";
import { dailyBriefingEmail } from "@/lib/email/templates";
import { logger } from "@/lib/log/logger";
import { listMemberships } from "@/lib/tenants/access";
import { sendEmailBriefingJob } from "./briefing-job-names";
import { briefingHref } from "./briefing-links";
import { readBriefing } from "./read-briefing";
import { briefingSegments } from "./validate-briefing";

export async function emailBriefing(input: { tenantId: string; briefingId: string; userId?: string }) {
  const { tenantId, briefingId, userId } = input;
  const db = await getDb();
  const scoped = db.forTenant({ tenantId });
  if (!userId) {
    const optIns = await scoped.briefingEmailOptIn.findMany({ select: { userId: true }, orderBy: { userId: "asc" } });
    for (const o of optIns) await sendEmailBriefingJob({ tenantId, briefingId, userId: o.userId });
    return { queued: optIns.length };
  }

  const [row, optedIn, tenant, user] = await Promise.all([
    scoped.briefing.findUnique({ where: { tenantId_id: { tenantId, id: briefingId } }, select: { day: true } }),
    scoped.briefingEmailOptIn.findUnique({ where: { tenantId_userId: { tenantId, userId } } }),
    db.tenant.findUnique({ where: { id: tenantId }, select: { slug: true, name: true } }),
    db.user.findUnique({ where: { id: userId }, select: { email: true, disabledAt: true } }),
  ]);
  if (!row || !optedIn || !tenant || !user || user.disabledAt) return { sent: false };
  const access = (await listMemberships(userId)).find((m) => m.tenant.id === tenantId);
  if (!access || !can(access.role, "dashboard.read")) return { sent: false };
  const briefing = await readBriefing({ tenantId }, row.day.toISOString().slice(0, 10));
  if (!briefing || briefing.status !== "ready" || !briefing.numbers) return { sent: false };
  const n = briefing.numbers;

  const sentences = briefing.sentences.map((s) =>
    briefingSegments(s, n)
      .map((seg) => ("ref" in seg ? String(seg.value) : seg.text))
      .join(""),
  );
  const link = (ref: string) => appUrl(briefingHref(tenant.slug, n, ref)!);
  const figures = [
    { label: `New cases: ${n.newCases}`, url: await link("new") },
    { label: `Resolved: ${n.resolved}`, url: await link("resolved") },
    { label: `Overdue at the day's end: ${n.overdue}`, url: await link("overdue") },
    ...(await Promise.all(
      n.spikes.map(async (s, i) => ({
        label: `${s.category}: ${s.count} new (usually ${s.average})`,
        url: await link(`spike:${i + 1}`),
      })),
    )),
  ];
  const slug = encodeURIComponent(tenant.slug);
  await sendEmail({
    to: user.email,
    ...dailyBriefingEmail({
      tenantName: tenant.name,
      day: briefing.day,
      sentences,
      figures,
      dashboardUrl: await appUrl(`/${slug}`),
      settingsUrl: await appUrl(`/${slug}/settings/notifications`),
    }),
  });
  logger.info({ briefingId, userId }, "daily briefing emailed");
  return { sent: true };
}
