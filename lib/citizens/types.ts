// The citizen as pages and forms see it (personal fields masked). Client-safe.
import type { PiiFieldName } from "./schemas";

export type CitizenView = {
  id: string;
  firstName: string;
  lastName: string;
  /** Masked values ("j•••@example.org"); `null` when not on file. */
  pii: Record<PiiFieldName, string | null>;
  addressLine1: string | null;
  addressLine2: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
  preferredLanguage: string;
  tags: string[];
  consents: Record<string, { granted: boolean; at: string; source: string }>;
  notes: string;
  customFields: Record<string, unknown>;
  version: number;
  deletedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};
