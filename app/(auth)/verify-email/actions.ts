"use server";
// Thin server action: a signed-in user whose verification link expired asks for a new one. The
// answer is a redirect back to the page with the outcome in the URL, so the page stays a plain
// server component and the form works without JavaScript.
import { redirect } from "next/navigation";
import { publicAction } from "@/lib/auth/guard";
import { currentUser } from "@/lib/auth/session";
import { currentRequestId } from "@/lib/auth/tenant-access";
import { resendVerification, verifyEmail } from "@/lib/auth/verify-email";
import { actionFailure } from "@/lib/errors/action";

export const resendVerificationAction = publicAction(async (): Promise<void> => {
  const user = await currentUser();
  if (!user) redirect("/sign-in?callbackUrl=%2Fverify-email");
  let destination: string;
  try {
    const result = await resendVerification(user.id);
    if (result.ok)
      destination = result.status === "sent" ? "/verify-email?resend=sent" : "/verify-email?status=verified";
    else destination = `/verify-email?resend=${result.reason === "rate_limited" ? "rate_limited" : "failed"}`;
  } catch (err) {
    actionFailure(err, await currentRequestId()); // logs it (with the request id) when it is our fault
    destination = "/verify-email?resend=failed";
  }
  redirect(destination);
});

/**
 * Uses the emailed token. A button press (POST), not the link itself: mail scanners and link
 * previews open links, and must not be the ones who confirm the address.
 */
export const confirmEmailAction = publicAction(async (formData: FormData): Promise<void> => {
  const result = await verifyEmail(formData.get("token"));
  redirect(`/verify-email?status=${result.ok ? "verified" : "invalid"}`);
});
