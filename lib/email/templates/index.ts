// Email templates: pure functions from plain values to { subject, text, html }, every value
// escaped in the HTML. Send one with `sendEmail({ to, ...template(params) })`.
export { verificationEmail, type VerifyEmailParams } from "./verify-email";
export { resetPasswordEmail, type ResetPasswordParams } from "./reset-password";
export { accountExistsEmail, type AccountExistsParams } from "./account-exists";
export { invitationEmail, roleLabel, type InvitationParams } from "./invitation";
export { dailyBriefingEmail, type DailyBriefingEmailParams } from "./daily-briefing";
export { escapeHtml } from "./escape";
