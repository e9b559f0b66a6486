"use server";
// The signed-in user's own security settings: sessions and password. Not tenant data, so the
// user guard (signed in, input parsed, errors mapped) is the right one.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { userAction, userFormAction } from "@/lib/auth/guard";
import { revokeMyOtherSessions, revokeMySession } from "@/lib/auth/sessions/manage";
import { changePassword } from "@/lib/auth/change-password";
import type { ChangePasswordState } from "@/lib/auth/schemas";
import { retryAfterPhrase } from "@/lib/rate-limit/sign-in-policy";

export const revokeSessionAction = userAction(
  z.object({ sessionId: z.string().uuid("Not a valid session") }),
  async (user, input) => {
    const result = await revokeMySession(user, input);
    revalidatePath("/", "layout");
    return result;
  },
);

export const revokeOtherSessionsAction = userAction(z.object({}), async (user) => {
  const result = await revokeMyOtherSessions(user);
  revalidatePath("/", "layout");
  return result;
});

export const changePasswordAction = userFormAction<ChangePasswordState>(async (user, _prev, formData) => {
  const result = await changePassword(user.id, user.sessionId ?? null, Object.fromEntries(formData));
  if (result.ok) {
    revalidatePath("/", "layout");
    return { status: "changed" };
  }
  if (result.reason === "rate_limited")
    return { error: `Too many attempts. Please try again ${retryAfterPhrase(result.retryAfterSeconds)}.` };
  return { fieldErrors: result.fieldErrors };
});
