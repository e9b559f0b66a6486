"use server";
// Accepting an invitation: signed in as the invited address, or creating the account on the
// spot (the emailed link proves the address, so it starts verified) and signing in.
import { redirect } from "next/navigation";
import { z } from "zod";
import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth/auth";
import { publicAction, userAction, type ActionResult } from "@/lib/auth/guard";
import { signUp } from "@/lib/auth/sign-up";
import { signUpSchema } from "@/lib/auth/schemas";
import { currentLogContext } from "@/lib/context/request-context";
import { actionFailure } from "@/lib/errors/action";
import { ConflictError, NotFoundError, RateLimitedError, ValidationError } from "@/lib/errors";
import { acceptInvitation, findInvitation } from "@/lib/tenants/accept-invitation";
import { invitationTokenSchema } from "@/lib/tenants/schemas";
import { retryAfterPhrase } from "@/lib/rate-limit/sign-in-policy";

const tokenInput = z.object({ token: invitationTokenSchema });

export const acceptInvitationAction = userAction(tokenInput, async (user, input) => {
  const tenant = await acceptInvitation(user, input.token);
  return { slug: tenant.slug };
});

const signUpAndAccept = z.object({
  token: invitationTokenSchema,
  name: z.unknown(),
  password: z.unknown(),
  confirmPassword: z.unknown(),
});

export const signUpAndAcceptAction = publicAction(
  async (_prev: ActionResult<{ slug: string }> | null, formData: FormData): Promise<ActionResult<{ slug: string }>> => {
    const requestId = currentLogContext()?.requestId;
    let destination: string;
    try {
      const raw = signUpAndAccept.safeParse(Object.fromEntries(formData));
      if (!raw.success) throw new NotFoundError("This invitation link is not valid");
      const invitation = await findInvitation(raw.data.token);
      if (!invitation || invitation.status !== "pending")
        throw new ConflictError("This invitation can no longer be used");
      // The address is the invited one, never what the form says.
      const input = {
        name: raw.data.name,
        email: invitation.email,
        password: raw.data.password,
        confirmPassword: raw.data.confirmPassword,
      };
      const result = await signUp(input, { emailVerified: true, ip: currentLogContext()?.ip });
      if (!result.ok && result.reason === "invalid")
        throw new ValidationError("Some fields are not valid", result.fieldErrors);
      if (!result.ok)
        throw new RateLimitedError(
          `Too many attempts. Please try again ${retryAfterPhrase(result.retryAfterSeconds)}.`,
          result.retryAfterSeconds,
        );
      if (!result.userId)
        throw new ConflictError("An account with this email already exists: sign in to accept the invitation");
      const tenant = await acceptInvitation({ id: result.userId, email: invitation.email }, raw.data.token);
      const parsed = signUpSchema.parse(input);
      destination = `/${tenant.slug}`;
      try {
        await signIn("credentials", { email: parsed.email, password: parsed.password, redirect: false });
      } catch (err) {
        if (!(err instanceof AuthError)) throw err;
        // Joined, but signing in did not work (e.g. rate limit): they can sign in by hand.
        destination = `/sign-in?callbackUrl=${encodeURIComponent(destination)}`;
      }
    } catch (err) {
      return actionFailure(err, requestId);
    }
    // A redirect, not a result: signing in set a cookie, so Next re-renders this route at once,
    // and the invitation is used by then (the form would be gone before it could navigate).
    redirect(destination);
  },
);
