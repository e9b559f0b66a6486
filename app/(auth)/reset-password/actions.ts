"use server";
// Thin server action: use the emailed token to set a new password. The user then signs in with
// it (every session was ended by the reset, including any a thief had).
import { publicAction } from "@/lib/auth/guard";
import { resetPassword } from "@/lib/auth/password-reset";
import { INVALID_LINK_MESSAGE, type ResetPasswordState } from "@/lib/auth/schemas";
import { currentRequestId } from "@/lib/auth/tenant-access";
import { actionFailure } from "@/lib/errors/action";

const field = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
};

export const resetPasswordAction = publicAction(
  async (_prev: ResetPasswordState, formData: FormData): Promise<ResetPasswordState> => {
    const input = {
      token: field(formData, "token"),
      password: field(formData, "password"),
      confirmPassword: field(formData, "confirmPassword"),
    };
    try {
      const result = await resetPassword(input);
      if (result.ok) return { status: "done" };
      if (result.reason === "invalid_token") return { error: INVALID_LINK_MESSAGE };
      const { password, confirmPassword, token } = result.fieldErrors;
      // A broken token field is not something the user can fix in the form: say so for the form.
      if (token) return { error: INVALID_LINK_MESSAGE };
      return { fieldErrors: { password, confirmPassword } };
    } catch (err) {
      return { error: actionFailure(err, await currentRequestId()).message };
    }
  },
);
