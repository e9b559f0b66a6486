// The one text type of the input schemas (forms, query strings, JSON bodies, CSV cells). Every
// string that may reach the database goes through it, because PostgreSQL refuses a NUL byte in
// text (22021) and a lone UTF-16 surrogate in jsonb (22P05): without it a stray byte in a query
// string or a pasted cell was a 500 instead of a field error. Control characters are refused
// too (they are invisible, break CSV exports and logs); tab and line breaks only where a field
// says it is multi-line. Client-safe: the forms validate with the same schemas.
import { z } from "zod";

/** C0 controls except tab, LF and CR; DEL; C1 controls. */
const CONTROL_MULTILINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Every C0 control (tab and line breaks included), DEL, C1. */
const CONTROL_SINGLE_LINE = /[\u0000-\u001F\u007F-\u009F]/;
/** Half of a surrogate pair without the other half: not a character, not storable as UTF-8/jsonb. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const CONTROL_CHARACTER_MESSAGE = "Remove the invisible control characters from this text";
export const BROKEN_CHARACTER_MESSAGE = "This text contains a broken character: type or paste it again";

/** Why `value` cannot be stored as text, or null when it can. Shared with non-zod checks (custom fields, CSV). */
export function unsafeTextProblem(value: string, options: { multiline?: boolean } = {}): string | null {
  if ((options.multiline ? CONTROL_MULTILINE : CONTROL_SINGLE_LINE).test(value)) return CONTROL_CHARACTER_MESSAGE;
  if (LONE_SURROGATE.test(value)) return BROKEN_CHARACTER_MESSAGE;
  return null;
}

export type TextOptions = {
  /** Allow tab, LF and CR (notes, descriptions). Single-line fields refuse them. */
  multiline?: boolean;
  /** Trim surrounding whitespace first (the default, as every form field did); passwords keep it. */
  trim?: boolean;
  /** The message for a value that is not a string at all (missing field). */
  error?: string;
  /** The message for a value longer than `max`. */
  tooLong?: string;
};

/**
 * A string of at most `max` characters without control characters. Chain `.min()`, `.regex()`,
 * `.email()`, `.toLowerCase()` as with `z.string()`; the length bound is not optional.
 */
export function text(max: number, options: TextOptions = {}): z.ZodString {
  const base = options.error ? z.string({ error: options.error }) : z.string();
  const trimmed = options.trim === false ? base : base.trim();
  return trimmed
    .max(max, options.tooLong ?? `At most ${max.toLocaleString("en")} characters`)
    .superRefine((value, ctx) => {
      const problem = unsafeTextProblem(value, options);
      if (problem) ctx.addIssue({ code: "custom", message: problem, continue: false });
    });
}

/** "", whitespace and null are "not given" (HTML forms send every field). */
export const blankToUndefined = (v: unknown) =>
  v === null || (typeof v === "string" && v.trim() === "") ? undefined : v;

/** An optional `text`: blank means unset. */
export function optionalText(max: number, options: TextOptions = {}) {
  return z.preprocess(blankToUndefined, text(max, options).optional());
}

/** Optional with blank as unset, for any schema: `optionalOf(text(40).regex(…))`. */
export function optionalOf<T extends z.ZodType>(schema: T) {
  return z.preprocess(blankToUndefined, schema.optional());
}

/**
 * Model output made storable: the model is not a person who can be asked to retype, so its
 * stray control characters and broken surrogate halves are dropped rather than refused
 * (tab and line breaks stay). Used before model text meets `text()` in a save schema.
 */
export function storableModelText(value: string): string {
  return value
    .replace(new RegExp(CONTROL_MULTILINE.source, "g"), "")
    .replace(new RegExp(LONE_SURROGATE.source, "g"), "");
}
