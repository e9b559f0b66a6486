// Validates a citizen's custom field values against the tenant's definitions, by type. Pure:
// the definitions are passed in. Unknown keys are refused (a typo must not store junk), values
// are normalised (numbers as numbers, dates as YYYY-MM-DD, booleans as booleans).
import type { FieldErrors } from "@/lib/errors/app-error";
import { dayProblem } from "@/lib/validation/date";
import { unsafeTextProblem } from "@/lib/validation/text";

export type CustomFieldDef = {
  key: string;
  label: string;
  type: "TEXT" | "NUMBER" | "DATE" | "BOOLEAN" | "SELECT";
  options: string[];
  required: boolean;
  /**
   * Personal data (the tenant's choice): the value never reaches an AI feature (none sends
   * custom field values: tests/integration/custom-field-pii.test.ts) nor the audit log.
   */
  pii?: boolean;
};

const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

export function validateCustomFieldValues(
  defs: CustomFieldDef[],
  raw: Record<string, unknown>,
): { values: Record<string, string | number | boolean>; errors: FieldErrors } {
  const values: Record<string, string | number | boolean> = {};
  const errors: FieldErrors = {};
  const byKey = new Map(defs.map((d) => [d.key, d]));
  for (const key of Object.keys(raw)) {
    if (!byKey.has(key)) errors[`customFields.${key}`] = ["Unknown field"];
  }
  for (const def of defs) {
    const v = raw[def.key];
    const path = `customFields.${def.key}`;
    if (blank(v)) {
      if (def.type === "BOOLEAN") values[def.key] = false;
      else if (def.required) errors[path] = [`${def.label} is required`];
      continue;
    }
    // Forms send strings and JSON sends scalars; an object or array is not a value of any type
    // (and String() of one without a prototype throws).
    if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") {
      errors[path] = [`${def.label} is not a valid value`];
      continue;
    }
    switch (def.type) {
      case "TEXT": {
        const s = String(v).trim();
        const problem = unsafeTextProblem(s);
        if (s.length > 500) errors[path] = [`${def.label} is at most 500 characters`];
        else if (problem) errors[path] = [problem];
        else values[def.key] = s;
        break;
      }
      case "NUMBER": {
        const n = typeof v === "number" ? v : Number(String(v).trim().replace(",", "."));
        if (!Number.isFinite(n)) errors[path] = [`${def.label} must be a number`];
        else values[def.key] = n;
        break;
      }
      case "DATE": {
        const s = String(v).trim();
        const problem = dayProblem(s, { message: `${def.label} must be a date (YYYY-MM-DD)` });
        if (problem) errors[path] = [problem];
        else values[def.key] = s;
        break;
      }
      case "BOOLEAN": {
        if (v === true || v === "true" || v === "on" || v === "1" || v === "yes") values[def.key] = true;
        else if (v === false || v === "false" || v === "0" || v === "no") values[def.key] = false;
        else errors[path] = [`${def.label} must be yes or no`];
        break;
      }
      case "SELECT": {
        const s = String(v).trim();
        if (!def.options.includes(s)) errors[path] = [`${def.label} must be one of: ${def.options.join(", ")}`];
        else values[def.key] = s;
        break;
      }
    }
  }
  return { values, errors };
}

/** Custom field inputs arrive from forms as `cf.<key>` entries; collect them into one object. */
export function customFieldsFromForm(entries: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(entries)) if (k.startsWith("cf.")) out[k.slice(3)] = v;
  return out;
}
