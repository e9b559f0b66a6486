// The pure parts of the one form hook (components/forms/form-state.ts): what the schema says
// about a submission, and what a server answer says went wrong, in both answer shapes.
import { z } from "zod";
import { failureOf, fieldAria, hasFieldErrors, validateInput, validationInput } from "@/components/forms/form-state";
import { invitationSignUpSchema, signUpSchema } from "@/lib/auth/schemas";

describe("validateInput", () => {
  it("reads FormData as an object, hidden fields included", () => {
    const data = new FormData();
    data.set("token", "t");
    data.set("name", "Ada");
    expect(validationInput(data)).toEqual({ token: "t", name: "Ada" });
    expect(validationInput({ a: 1 })).toEqual({ a: 1 });
  });

  it("returns null when the schema accepts the submission", () => {
    const data = new FormData();
    data.set("name", "Ada Lovelace");
    data.set("password", "long enough password");
    data.set("confirmPassword", "long enough password");
    expect(validateInput(invitationSignUpSchema, data)).toBeNull();
  });

  it("returns the messages per field, refinements included", () => {
    const errors = validateInput(invitationSignUpSchema, { name: " ", password: "short", confirmPassword: "other" });
    expect(errors).toEqual({
      name: ["Enter your name"],
      password: ["Use at least 10 characters"],
      confirmPassword: ["The passwords don't match"],
    });
  });

  it("validates objects as they are (the case and citizen forms)", () => {
    const schema = z.object({ title: z.string().min(1, "Give the case a title") });
    expect(validateInput(schema, { title: "" })).toEqual({ title: ["Give the case a title"] });
    expect(validateInput(schema, { title: "Leak" })).toBeNull();
  });

  it("the invitation schema asks for the same name and password rules as sign-up", () => {
    const input = { name: "x".repeat(101), password: "x".repeat(201), confirmPassword: "y" };
    const invitation = validateInput(invitationSignUpSchema, input);
    const signUp = validateInput(signUpSchema, { ...input, email: "a@b.test" });
    expect(invitation?.name).toEqual(signUp?.name);
    expect(invitation?.password).toEqual(signUp?.password);
  });
});

describe("failureOf", () => {
  it("reads a guard's ActionFailure", () => {
    const failure = failureOf({
      ok: false,
      code: "CONFLICT",
      message: "Changed meanwhile",
      details: { currentVersion: 3 },
    });
    expect(failure).toEqual({
      message: "Changed meanwhile",
      fieldErrors: undefined,
      code: "CONFLICT",
      details: { currentVersion: 3 },
    });
    expect(
      failureOf({
        ok: false,
        code: "VALIDATION",
        message: "Some fields are not valid",
        fieldErrors: { name: ["Enter your name"] },
      })?.fieldErrors,
    ).toEqual({ name: ["Enter your name"] });
  });

  it("reads an auth form's state", () => {
    expect(failureOf({ error: "That email and password don't match an account." })).toEqual({
      message: "That email and password don't match an account.",
      fieldErrors: undefined,
    });
    expect(failureOf({ fieldErrors: { email: ["Enter a valid email address"] }, values: { email: "x" } })).toEqual({
      message: null,
      fieldErrors: { email: ["Enter a valid email address"] },
    });
  });

  it("finds no failure in a success, a done state or nothing yet", () => {
    expect(failureOf({ ok: true, data: { id: "1" } })).toBeNull();
    expect(failureOf({ status: "sent", values: { email: "a@b.test" } })).toBeNull();
    expect(failureOf({})).toBeNull();
    expect(failureOf(null)).toBeNull();
  });
});

describe("hasFieldErrors and fieldAria", () => {
  it("counts only fields that still have a message", () => {
    expect(hasFieldErrors(undefined)).toBe(false);
    expect(hasFieldErrors({ name: undefined })).toBe(false);
    expect(hasFieldErrors({ name: [] })).toBe(false);
    expect(hasFieldErrors({ name: ["Enter your name"] })).toBe(true);
  });

  it("describes an input by its hint, then its error while it has one", () => {
    expect(fieldAria(undefined, "password", "p-error", "p-hint")).toEqual({
      "aria-invalid": undefined,
      "aria-describedby": "p-hint",
    });
    expect(fieldAria({ password: ["Too short"] }, "password", "p-error", "p-hint")).toEqual({
      "aria-invalid": true,
      "aria-describedby": "p-hint p-error",
    });
    expect(fieldAria({ password: ["Too short"] }, "name", "n-error")).toEqual({
      "aria-invalid": undefined,
      "aria-describedby": undefined,
    });
  });
});
