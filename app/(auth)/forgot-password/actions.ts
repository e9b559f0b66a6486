"use server";
// Thin server action: every well-formed address gets the same "if an account exists, we sent a
// link" answer (requestPasswordReset makes it take the same time too).
import { headers } from "next/headers";
import { publicAction } from "@/lib/auth/guard";
import { requestPasswordReset } from "@/lib/auth/password-reset";
import type { ForgotPasswordState } from "@/lib/auth/schemas";
import { currentRequestId } from "@/lib/auth/tenant-access";
import { actionFailure } from "@/lib/errors/action";
import { clientIpFrom } from "@/lib/rate-limit/client-ip";
import { tooManyAttemptsMessage } from "@/lib/rate-limit/account-policy";

export const forgotPasswordAction = publicAction(
  async (_prev: ForgotPasswordState, formData: FormData): Promise<ForgotPasswordState> => {
    const raw = formData.get("email");
    const email = typeof raw === "string" ? raw : "";
    try {
      const result = await requestPasswordReset(email, clientIpFrom(await headers()));
      if (result.ok) return { status: "sent", values: { email: email.trim().toLowerCase() } };
      if (result.reason === "rate_limited")
        return { error: tooManyAttemptsMessage(result.retryAfterSeconds), values: { email } };
      return { fieldErrors: { email: result.fieldErrors.email }, values: { email } };
    } catch (err) {
      return { error: actionFailure(err, await currentRequestId()).message, values: { email } };
    }
  },
);
