// The shape of a citizen the app works with (PII masked unless revealed), and the mapping from
// validated fields to database columns. Shared by create, update, get and import.
import "server-only";
import type { Citizen, Prisma } from "@/lib/generated/prisma/client";
import { decryptPii, encryptPii, maskPii } from "./pii";
import type { CitizenFields, PiiFieldName } from "./schemas";
import { PII_FIELDS } from "./schemas";
import type { CitizenView } from "./types";

export type CitizenRow = Citizen;

export type { CitizenView } from "./types";

const ENC_COLUMN: Record<PiiFieldName, "emailEnc" | "phoneEnc" | "nationalIdEnc" | "dateOfBirthEnc"> = {
  email: "emailEnc",
  phone: "phoneEnc",
  nationalId: "nationalIdEnc",
  dateOfBirth: "dateOfBirthEnc",
};

export function storedPii(
  row: Pick<CitizenRow, "emailEnc" | "phoneEnc" | "nationalIdEnc" | "dateOfBirthEnc">,
  field: PiiFieldName,
): string | null {
  return row[ENC_COLUMN[field]];
}

export function toView(row: CitizenRow): CitizenView {
  const pii = Object.fromEntries(
    PII_FIELDS.map((f) => [f, maskPii(f, decryptPii(row.tenantId, f, storedPii(row, f)))]),
  ) as Record<PiiFieldName, string | null>;
  return {
    id: row.id,
    firstName: row.firstName,
    lastName: row.lastName,
    pii,
    addressLine1: row.addressLine1,
    addressLine2: row.addressLine2,
    postalCode: row.postalCode,
    city: row.city,
    country: row.country,
    preferredLanguage: row.preferredLanguage,
    tags: row.tags,
    consents: row.consents as CitizenView["consents"],
    notes: row.notes,
    customFields: row.customFields as Record<string, unknown>,
    version: row.version,
    deletedAt: row.deletedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Validated fields → the columns to write (PII encrypted, blind indexes computed). */
export function toColumns(tenantId: string, fields: CitizenFields, customFields: Record<string, unknown>) {
  return {
    firstName: fields.firstName,
    lastName: fields.lastName,
    ...encryptPii(tenantId, {
      email: fields.email,
      phone: fields.phone,
      nationalId: fields.nationalId,
      dateOfBirth: fields.dateOfBirth,
    }),
    addressLine1: fields.addressLine1 ?? null,
    addressLine2: fields.addressLine2 ?? null,
    postalCode: fields.postalCode ?? null,
    city: fields.city ?? null,
    country: fields.country ?? null,
    preferredLanguage: fields.preferredLanguage,
    tags: fields.tags,
    consents: fields.consents as Prisma.InputJsonValue,
    notes: fields.notes,
    customFields: customFields as Prisma.InputJsonValue,
  };
}

const CLEAR_FIELDS = [
  "firstName",
  "lastName",
  "addressLine1",
  "addressLine2",
  "postalCode",
  "city",
  "country",
  "preferredLanguage",
  "tags",
  "consents",
  "notes",
  "customFields",
] as const;

/**
 * The audit diff of an update: clear fields with before/after, PII fields by name only (their
 * values never enter the audit log; blind indexes tell whether they changed).
 */
export function auditDiff(
  before: CitizenRow,
  after: ReturnType<typeof toColumns>,
  /** Custom fields the tenant marked as personal data: named when changed, values left out. */
  piiCustomKeys: ReadonlySet<string> = new Set(),
) {
  const changed: string[] = [];
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  const customChanged: string[] = [];
  for (const key of CLEAR_FIELDS) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    if (key === "customFields") {
      const was = (before.customFields ?? {}) as Record<string, unknown>;
      const now = (after.customFields ?? {}) as Record<string, unknown>;
      const clear = (v: Record<string, unknown>) =>
        Object.fromEntries(Object.entries(v).filter(([k]) => !piiCustomKeys.has(k)));
      for (const k of new Set([...Object.keys(was), ...Object.keys(now)]))
        if (piiCustomKeys.has(k) && JSON.stringify(was[k]) !== JSON.stringify(now[k]))
          customChanged.push(`customFields.${k}`);
      if (JSON.stringify(clear(was)) !== JSON.stringify(clear(now))) {
        changed.push(key);
        b[key] = clear(was);
        a[key] = clear(now);
      }
      continue;
    }
    changed.push(key);
    b[key] = before[key];
    a[key] = after[key];
  }
  const piiChanged = [
    ...PII_FIELDS.filter((f) => {
      const bidx = `${f}Bidx` as "emailBidx";
      return before[bidx] !== after[bidx];
    }),
    ...customChanged,
  ];
  return { changed: [...changed, ...piiChanged], before: b, after: a, piiChanged };
}
