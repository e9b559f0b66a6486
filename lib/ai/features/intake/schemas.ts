// Intake from a pasted letter or email (issue #10 item 5), shapes only (no server-only imports):
// the route's body, and the tool the model must call, built per tenant so the category is one
// of the tenant's own. What comes back is a suggestion for the forms: every field is checked
// again against the citizen and case form schemas before it pre-fills anything.
import { z } from "zod";
import { text } from "@/lib/validation/text";

export const INTAKE_TEXT_MAX = 20_000;

export const intakeRequestSchema = z
  .object({
    text: text(INTAKE_TEXT_MAX, { multiline: true, tooLong: "The letter is too long (20,000 characters at most)" }).min(
      20,
      "Paste the letter or email (at least a sentence)",
    ),
  })
  .strict();

export type IntakeRequest = z.infer<typeof intakeRequestSchema>;

const optional = (max: number, what: string) => text(max).optional().describe(`${what}, if the letter states it`);

export function intakeToolSchema(categories: readonly string[]) {
  return z.object({
    citizen: z.object({
      firstName: text(100).describe("The writer's first name"),
      lastName: text(100).describe("The writer's last name"),
      email: optional(254, "Their email address"),
      phone: optional(40, "Their phone number"),
      addressLine1: optional(200, "Street and number"),
      postalCode: optional(20, "Postal code"),
      city: optional(100, "City"),
    }),
    case: z.object({
      title: text(200).min(3).describe("A short title for the request, without names"),
      description: text(10_000, { multiline: true }).describe("What the writer asks for, in a few sentences"),
      ...(categories.length
        ? {
            category: z
              .enum(categories as [string, ...string[]])
              .optional()
              .describe("One of the organisation's categories"),
          }
        : {}),
    }),
  });
}
