// Opaque cursors for keyset pagination: the sort key values of the last row, base64url JSON.
// A tampered cursor is a validation error, never a 500.
import { ValidationError } from "@/lib/errors/app-error";
import { isUuid } from "@/lib/validation/uuid";

export function encodeCursor(values: Array<string | number | null>): string {
  return Buffer.from(JSON.stringify(values), "utf8").toString("base64url");
}

export function decodeCursor(cursor: string, shape: Array<"string" | "date" | "uuid">): string[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    values = null;
  }
  const ok =
    Array.isArray(values) &&
    values.length === shape.length &&
    values.every(
      (v, i) =>
        typeof v === "string" &&
        (shape[i] !== "date" || !Number.isNaN(Date.parse(v))) &&
        (shape[i] !== "uuid" || isUuid(v)),
    );
  if (!ok)
    throw new ValidationError("This page link is no longer valid", { cursor: ["Start again from the first page"] });
  return values as string[];
}
