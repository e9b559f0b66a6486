// Input schemas for authentication, shared by the sign-in form (client) and the server action.
import { z } from "zod";
import { text } from "@/lib/validation/text";

export const signInSchema = z.object({
  email: text(254).toLowerCase().email("Enter a valid email address"),
  password: text(200, { trim: false, tooLong: "Password is too long" }).min(1, "Enter your password"),
  // Where to go after sign-in; one that is not even storable text is dropped, not a form error
  // (lib/auth/safe-redirect.ts decides whether the rest is on this site).
  callbackUrl: text(2048, { trim: false }).optional().catch(undefined),
});
export type SignInInput = z.infer<typeof signInSchema>;

/** What the sign-in server action returns to `useActionState`. */
export type SignInState = {
  /** A message for the whole form, e.g. wrong credentials. */
  error?: string;
  /** Messages per field, from the zod schema. */
  fieldErrors?: Partial<Record<"email" | "password", string[]>>;
  /** Echoed back so the form keeps what the user typed (never the password). */
  values?: { email: string };
};

/** One wording for a failed password sign-in, wherever it is shown. Says nothing about which part was wrong. */
export const WRONG_CREDENTIALS_MESSAGE = "That email and password don't match an account.";

// ---------------------------------------------------------------------------------------------
// Account lifecycle: sign-up, password reset, password change. Each form's state type lives
// beside its schema so the client form and the server action agree on field names.

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

/**
 * A password someone is choosing. Length is the rule that matters (NIST SP 800-63B): no
 * composition rules, no trimming (spaces are characters), capped so bcrypt's input stays sane.
 */
const newPassword = text(PASSWORD_MAX_LENGTH, {
  trim: false,
  error: "Choose a password",
  tooLong: `Use at most ${PASSWORD_MAX_LENGTH} characters`,
}).min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters`);

const email = text(254, { error: "Enter your email address", tooLong: "Email address is too long" })
  .toLowerCase()
  .email("Enter a valid email address");

// Only compared with the password (which reports its own length), so its own bound is looser.
const confirmation = text(4 * PASSWORD_MAX_LENGTH, { trim: false, error: "Repeat the password" });
const PASSWORDS_DIFFER = "The passwords don't match";

export const signUpSchema = z
  .object({
    name: text(100, { error: "Enter your name", tooLong: "Use at most 100 characters" }).min(1, "Enter your name"),
    email,
    password: newPassword,
    confirmPassword: confirmation,
  })
  .refine((d) => d.password === d.confirmPassword, { path: ["confirmPassword"], message: PASSWORDS_DIFFER });
export type SignUpInput = z.infer<typeof signUpSchema>;

/** Sign-up through an invitation: the address is the invited one (the server's), so only these fields are the form's. */
export const invitationSignUpSchema = z
  .object({
    name: signUpSchema.shape.name,
    password: signUpSchema.shape.password,
    confirmPassword: signUpSchema.shape.confirmPassword,
  })
  .refine((d) => d.password === d.confirmPassword, { path: ["confirmPassword"], message: PASSWORDS_DIFFER });

export type SignUpState = {
  /** "sent": the account exists or was created; the page says "check your email". */
  status?: "sent";
  error?: string;
  fieldErrors?: Partial<Record<"name" | "email" | "password" | "confirmPassword", string[]>>;
  /** Echoed back so the form keeps what the user typed (never a password). */
  values?: { name: string; email: string };
};

export const forgotPasswordSchema = z.object({ email });
export type ForgotPasswordInput = z.infer<typeof forgotPasswordSchema>;

export type ForgotPasswordState = {
  /** "sent" for every address, known or not: the page never says whether an account exists. */
  status?: "sent";
  error?: string;
  fieldErrors?: Partial<Record<"email", string[]>>;
  values?: { email: string };
};

export const resetPasswordSchema = z
  .object({
    // The emailed token (32 random bytes, base64url). Its shape is checked by the server.
    token: text(200, {
      trim: false,
      error: "This reset link is incomplete",
      tooLong: "This reset link is not valid",
    }).min(1, "This reset link is incomplete"),
    password: newPassword,
    confirmPassword: confirmation,
  })
  .refine((d) => d.password === d.confirmPassword, { path: ["confirmPassword"], message: PASSWORDS_DIFFER });
export type ResetPasswordInput = z.infer<typeof resetPasswordSchema>;

export type ResetPasswordState = {
  /** "done": the password was changed; the page offers sign-in. */
  status?: "done";
  error?: string;
  fieldErrors?: Partial<Record<"password" | "confirmPassword", string[]>>;
};

export const changePasswordSchema = z
  .object({
    currentPassword: text(PASSWORD_MAX_LENGTH, {
      trim: false,
      error: "Enter your current password",
      tooLong: "Password is too long",
    }).min(1, "Enter your current password"),
    newPassword,
    confirmPassword: confirmation,
  })
  .refine((d) => d.newPassword === d.confirmPassword, { path: ["confirmPassword"], message: PASSWORDS_DIFFER })
  .refine((d) => d.newPassword !== d.currentPassword, {
    path: ["newPassword"],
    message: "Choose a password different from the current one",
  });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

export type ChangePasswordState = {
  /** "changed": done; other sessions were signed out. */
  status?: "changed";
  error?: string;
  fieldErrors?: Partial<Record<"currentPassword" | "newPassword" | "confirmPassword", string[]>>;
};

/** What a used, expired or unknown emailed link says. One wording: the cases are not told apart. */
export const INVALID_LINK_MESSAGE = "This link has expired or has already been used.";
