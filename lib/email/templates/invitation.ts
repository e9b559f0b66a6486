// "You've been invited to join <tenant>": sent when a tenant admin invites an address.
import type { RenderedEmail } from "../types";
import { renderLayout } from "./layout";

export type InvitationParams = {
  tenantName: string;
  inviterName: string;
  /** The role enum value (OWNER, ADMIN, …) or a label; shown as a word ("Admin"). */
  role: string;
  link: string;
  /** When the invitation stops working (shown as "in N days"), or the number of days directly. */
  expiresAt?: Date;
  expiresInDays?: number;
  /** The clock expiresAt is measured from (tests). */
  now?: Date;
  appName?: string;
};

/** "COMPLIANCE" → "Compliance". */
export function roleLabel(role: string): string {
  const lower = role.trim().toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

export function invitationEmail({
  tenantName,
  inviterName,
  role,
  link,
  expiresAt,
  expiresInDays,
  now = new Date(),
  appName = "Civitas",
}: InvitationParams): RenderedEmail {
  const label = roleLabel(role);
  const days =
    expiresInDays ?? (expiresAt ? Math.max(1, Math.round((expiresAt.getTime() - now.getTime()) / 86_400_000)) : 7);
  return {
    subject: `${inviterName} invited you to ${tenantName} on ${appName}`,
    ...renderLayout({
      appName,
      preheader: `Join ${tenantName} as ${label}.`,
      greeting: "Hello,",
      paragraphs: [`${inviterName} has invited you to join ${tenantName} on ${appName} with the role ${label}.`],
      action: { label: "Accept invitation", url: link },
      notes: [
        `The invitation expires in ${days} day${days === 1 ? "" : "s"} and can be used once.`,
        "If you were not expecting this invitation, you can ignore this email.",
      ],
    }),
  };
}
