// Audit events in words (issue #13 item 11): "Opened a case" instead of `case.created`, and the
// values people know ("In progress", "Admin") instead of enum codes. The raw event stays one
// click away in the viewer (components/audit/audit-table.tsx) and whole in the CSV export.
import { caseStatusLabel, casePriorityLabel } from "@/components/dashboard/case-labels";
import { formatDateTime, type FormatSettings } from "@/lib/format/format";

const SENTENCES: Record<string, string> = {
  "admin.created": "Created a platform admin",
  "admin.billing_resynced": "Re-read the organisation's billing from Stripe",
  "admin.credits_adjusted": "Adjusted the organisation's credits",
  "admin.model_price_set": "Set a model price",
  "admin.price_multiplier_set": "Set a price multiplier",
  "admin.tenant_read": "A platform admin read the organisation's data",
  "admin.user_disabled": "Disabled a user account",
  "admin.user_enabled": "Enabled a user account",
  "ai.briefing_batch_failed": "The daily briefing's batch failed; it was written directly",
  "ai.briefing_batch_submitted": "Sent the daily briefing to the AI as a batch",
  "ai.briefing_written": "The AI wrote the daily briefing",
  "ai.bulk_classification_completed": "A bulk AI classification finished",
  "ai.bulk_classification_retried": "Retried the failed cases of a bulk AI classification",
  "ai.bulk_classification_started": "Started a bulk AI classification",
  "ai.bulk_classification_undone": "Undid a bulk AI classification",
  "ai.case_classified": "Asked the AI to suggest a category",
  "ai.search_interpreted": "Had the AI turn a search into filters",
  "ai.duplicates_explained": "Had the AI explain possible duplicates",
  "ai.intake_extracted": "Had the AI read a letter",
  "ai.reply_drafted": "Had the AI draft a reply",
  "ai_settings.updated": "Changed the AI settings",
  "audit.chain_verified": "Verified the audit log's integrity",
  "audit.exported": "Exported the audit log",
  "auth.sign_in_failed": "Failed to sign in",
  "auth.sign_in_rate_limited": "Was stopped after too many sign-in attempts",
  "auth.signed_in": "Signed in",
  "billing.checkout_started": "Started a checkout",
  "billing.customer_created": "Set up billing",
  "billing.stripe_event": "Billing was updated by Stripe",
  "case.assigned": "Assigned a case",
  "case.created": "Opened a case",
  "case.note_added": "Added a note to a case",
  "case.reopened": "Reopened a case",
  "case.status_changed": "Changed a case's status",
  "case.summary_generated": "Had the AI summarise a case",
  "case.updated": "Updated a case",
  "chat.conversation_deleted": "Deleted a chat conversation",
  "chat.question": "Asked the chat a question",
  "citizen.created": "Added a citizen",
  "citizen.deleted": "Moved a citizen to the trash",
  "citizen.duplicate_dismissed": "Marked two citizens as not duplicates",
  "citizen.duplicates_flagged": "Possible duplicates of a citizen were flagged",
  "citizen.import_duplicates_flagged": "Possible duplicates of an import's citizens were flagged",
  "citizen.duplicates_refreshed": "Looked for duplicate citizens",
  "citizen.exported": "Exported citizens",
  "citizen.import_cancelled": "Cancelled a citizen import",
  "citizen.import_failed": "A citizen import failed",
  "citizen.import_validated": "Checked a citizen import file",
  "citizen.imported": "Imported citizens",
  "citizen.merge_undone": "Undid a merge of two citizens",
  "citizen.merged": "Merged two citizen records",
  "citizen.pii_revealed": "Revealed a citizen's personal data",
  "citizen.purged": "Deleted a citizen for good",
  "citizen.restored": "Restored a citizen from the trash",
  "citizen.summary_generated": "Had the AI summarise a citizen's cases",
  "citizen.updated": "Edited a citizen",
  "credits.allowance_granted": "The monthly credit allowance was granted",
  "credits.batch_settled": "Credits for a batch were settled",
  "credits.ledger_exported": "Exported the credit ledger",
  "credits.released": "Reserved credits were released",
  "credits.reserved": "Credits were reserved",
  "credits.settled": "Credits were used",
  "crypto.keys_rotated": "Encryption keys were rotated",
  "custom_field.created": "Added a custom field",
  "custom_field.deleted": "Removed a custom field",
  "custom_field.pii_changed": "Changed whether a custom field is personal data",
  "invitation.accepted": "Accepted an invitation",
  "invitation.created": "Invited someone",
  "invitation.revoked": "Withdrew an invitation",
  "member.added": "Added a member",
  "member.inherit_changed": "Changed inherited access",
  "member.inheritance_blocked": "Blocked inherited access",
  "member.inheritance_restored": "Restored inherited access",
  "member.removed": "Removed a member",
  "member.left": "Left the organisation",
  "member.role_changed": "Changed a member's role",
  "notification.briefing_email_off": "Stopped the daily briefing email",
  "notification.briefing_email_on": "Turned on the daily briefing email",
  "saved_view.created": "Saved a list view",
  "saved_view.deleted": "Deleted a list view",
  "session.revoked": "Ended a session",
  "session.revoked_all": "Signed out everywhere else",
  "session.token_reuse": "A copied session was detected and ended",
  "tenant.created": "Created the organisation",
  "tenant.format_updated": "Changed the language, region and time zone",
  "tenant.ownership_transferred": "Transferred ownership",
  "user.email_verified": "Confirmed their email address",
  "user.oauth_linked": "Linked a single sign-on account",
  "user.password_changed": "Changed their password",
  "user.password_reset": "Reset their password",
  "user.password_reset_requested": "Asked for a password reset",
  "user.signed_up": "Created an account",
};

/** "citizen.import_cancelled" → "Citizen import cancelled": an action nobody named yet still reads. */
function humanize(code: string): string {
  const words = code.replace(/[._]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The event as a sentence (its actor is shown beside it). */
export function auditSentence(action: string): string {
  return SENTENCES[action] ?? humanize(action);
}

/** "saved_view" → "Saved view". */
export function targetLabel(targetType: string): string {
  return humanize(targetType);
}

const ROLE_LABELS: Record<string, string> = {
  OWNER: "Owner",
  ADMIN: "Admin",
  MEMBER: "Member",
  VIEWER: "Viewer",
  COMPLIANCE: "Compliance",
};

const IMPORT_STATUS_LABELS: Record<string, string> = {
  VALIDATING: "Checking",
  VALIDATED: "Checked",
  IMPORTING: "Importing",
  COMPLETED: "Completed",
  FAILED: "Failed",
  CANCELLED: "Cancelled",
};

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A detail value in words when it is a code people know by another name (status, priority,
 * role), and a timestamp as a date and time (in the tenant's zone, named, like the rest of the
 * audit log).
 */
export function valueLabel(value: string, format: FormatSettings = { locale: "en-GB", timeZone: "UTC" }): string {
  if (ISO_TIME.test(value)) {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return formatDateTime(date, format);
  }
  return (
    caseStatusLabel[value as keyof typeof caseStatusLabel] ??
    casePriorityLabel[value as keyof typeof casePriorityLabel] ??
    ROLE_LABELS[value] ??
    IMPORT_STATUS_LABELS[value] ??
    value
  );
}

/** "dueAt" / "due_at" → "Due at": a detail's key in words. */
export function keyLabel(key: string): string {
  const spaced = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/_/g, " ")
    .toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
