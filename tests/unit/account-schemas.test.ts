// The account forms' schemas: the client form and the server action parse with the same ones,
// so what they accept and the messages they give are the contract for both.
import { z } from "zod";
import {
  changePasswordSchema,
  forgotPasswordSchema,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  resetPasswordSchema,
  signInSchema,
  signUpSchema,
} from "@/lib/auth/schemas";

const ok = "ten chars!";
const errors = (result: z.ZodSafeParseResult<unknown>) =>
  result.success ? {} : z.flattenError(result.error).fieldErrors;

describe("signUpSchema", () => {
  const valid = { name: "  Ada Lovelace ", email: "  Ada@Example.ORG ", password: ok, confirmPassword: ok };

  test("trims the name and trims and lower-cases the email; keeps the password as typed", () => {
    expect(signUpSchema.parse({ ...valid, password: ` ${ok} `, confirmPassword: ` ${ok} ` })).toEqual({
      name: "Ada Lovelace",
      email: "ada@example.org",
      password: ` ${ok} `,
      confirmPassword: ` ${ok} `,
    });
  });

  test(`passwords are ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters, nothing else required`, () => {
    const pw = (password: string) => signUpSchema.safeParse({ ...valid, password, confirmPassword: password });
    expect(pw("a".repeat(PASSWORD_MIN_LENGTH)).success).toBe(true);
    expect(pw("a".repeat(PASSWORD_MAX_LENGTH)).success).toBe(true);
    expect(errors(pw("a".repeat(PASSWORD_MIN_LENGTH - 1)))).toEqual({
      password: [`Use at least ${PASSWORD_MIN_LENGTH} characters`],
    });
    expect(errors(pw("a".repeat(PASSWORD_MAX_LENGTH + 1)))).toEqual({
      password: [`Use at most ${PASSWORD_MAX_LENGTH} characters`],
    });
  });

  test("the confirmation must match, reported on its own field", () => {
    expect(errors(signUpSchema.safeParse({ ...valid, confirmPassword: `${ok}x` }))).toEqual({
      confirmPassword: ["The passwords don't match"],
    });
  });

  test("every field reports its own problem at once", () => {
    const result = signUpSchema.safeParse({ name: "   ", email: "nope", password: "short", confirmPassword: "other" });
    expect(errors(result)).toEqual({
      name: ["Enter your name"],
      email: ["Enter a valid email address"],
      password: [`Use at least ${PASSWORD_MIN_LENGTH} characters`],
      confirmPassword: ["The passwords don't match"],
    });
  });

  test("missing fields and wrong types are field errors, never exceptions", () => {
    expect(Object.keys(errors(signUpSchema.safeParse({})))).toEqual(
      expect.arrayContaining(["name", "email", "password", "confirmPassword"]),
    );
    expect(signUpSchema.safeParse(null).success).toBe(false);
    expect(errors(signUpSchema.safeParse({ ...valid, name: 42 }))).toEqual({ name: ["Enter your name"] });
    expect(errors(signUpSchema.safeParse({ ...valid, name: "x".repeat(101) }))).toEqual({
      name: ["Use at most 100 characters"],
    });
    expect(errors(signUpSchema.safeParse({ ...valid, email: `${"a".repeat(250)}@x.org` }))).toHaveProperty("email");
  });

  test("normalises emails the same way sign-in does", () => {
    const raw = "  MiXeD@Example.Org ";
    expect(signUpSchema.parse({ ...valid, email: raw }).email).toBe(
      signInSchema.parse({ email: raw, password: "x" }).email,
    );
  });
});

describe("forgotPasswordSchema", () => {
  test("normalises the address and rejects a malformed one", () => {
    expect(forgotPasswordSchema.parse({ email: " X@Y.Test " })).toEqual({ email: "x@y.test" });
    expect(errors(forgotPasswordSchema.safeParse({ email: "x@" }))).toEqual({ email: ["Enter a valid email address"] });
    expect(errors(forgotPasswordSchema.safeParse({}))).toEqual({ email: ["Enter your email address"] });
  });
});

describe("resetPasswordSchema", () => {
  const valid = { token: "t".repeat(43), password: ok, confirmPassword: ok };

  test("needs a token and a confirmed new password", () => {
    expect(resetPasswordSchema.safeParse(valid).success).toBe(true);
    expect(errors(resetPasswordSchema.safeParse({ ...valid, token: "" }))).toEqual({
      token: ["This reset link is incomplete"],
    });
    expect(errors(resetPasswordSchema.safeParse({ ...valid, token: "t".repeat(201) }))).toEqual({
      token: ["This reset link is not valid"],
    });
    expect(errors(resetPasswordSchema.safeParse({ ...valid, confirmPassword: "nope" }))).toEqual({
      confirmPassword: ["The passwords don't match"],
    });
    expect(errors(resetPasswordSchema.safeParse({ ...valid, password: "short", confirmPassword: "short" }))).toEqual({
      password: [`Use at least ${PASSWORD_MIN_LENGTH} characters`],
    });
  });
});

describe("changePasswordSchema", () => {
  const valid = { currentPassword: "old password", newPassword: ok, confirmPassword: ok };

  test("accepts a confirmed new password that differs from the current one", () => {
    expect(changePasswordSchema.parse(valid)).toEqual(valid);
  });

  test("the current password is required but not held to the new-password rules", () => {
    expect(changePasswordSchema.safeParse({ ...valid, currentPassword: "x" }).success).toBe(true);
    expect(errors(changePasswordSchema.safeParse({ ...valid, currentPassword: "" }))).toEqual({
      currentPassword: ["Enter your current password"],
    });
  });

  test("refuses a mismatch and a new password equal to the current one", () => {
    expect(errors(changePasswordSchema.safeParse({ ...valid, confirmPassword: "nope" }))).toEqual({
      confirmPassword: ["The passwords don't match"],
    });
    expect(
      errors(changePasswordSchema.safeParse({ currentPassword: ok, newPassword: ok, confirmPassword: ok })),
    ).toEqual({
      newPassword: ["Choose a password different from the current one"],
    });
  });
});
