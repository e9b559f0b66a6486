// The duplicate score's parameters, named once: the finder's SQL computes with them and the
// review page shows them, so what a person reads is what was computed. Client-safe.
//
// The score is the Fellegi–Sunter sum (as record-linkage tools such as Splink compute it):
// each field that both records have is compared, and its level (exact / similar / different)
// adds log2(m / u) bits, where m is how often true duplicates agree at that level and u how
// often two different people do by chance. For exact agreement u is the value's own share of
// the tenant's citizens, so a rare name or a birth date few people share weighs more than a
// common one. A field either record lacks adds nothing.
export const DUPLICATE_FIELDS = ["nationalId", "email", "phone", "dateOfBirth", "name", "address"] as const;
export type DuplicateField = (typeof DUPLICATE_FIELDS)[number];

export const LEVELS = ["exact", "similar", "different", "missing"] as const;
export type Level = (typeof LEVELS)[number];

export type FieldWeights = {
  /** P(exact agreement | same person). u is measured: the value's frequency (see above). */
  mExact: number;
  /**
   * For fuzzy fields, the "similar" level's m and u. Names: each part within one or two edits
   * (candidates-sql.ts); addresses: trigram similarity at or above `threshold`.
   */
  similar?: { m: number; u: number; threshold?: number };
  /** P(disagreement | same person): typos, a new phone, a move. u ≈ 1, so the weight is log2(m). */
  mDifferent: number;
  /** A fixed u for exact agreement when the value's frequency is not counted (addresses). */
  uExact?: number;
};

export const WEIGHTS: Record<DuplicateField, FieldWeights> = {
  nationalId: { mExact: 0.95, mDifferent: 0.05 },
  email: { mExact: 0.9, mDifferent: 0.1 },
  phone: { mExact: 0.85, mDifferent: 0.15 },
  dateOfBirth: { mExact: 0.95, mDifferent: 0.05 },
  name: { mExact: 0.85, similar: { m: 0.12, u: 0.005 }, mDifferent: 0.03 },
  address: { mExact: 0.6, uExact: 0.001, similar: { m: 0.15, u: 0.005, threshold: 0.5 }, mDifferent: 0.25 },
};

/** Pairs at or above this many bits are stored as candidates. */
export const CANDIDATE_THRESHOLD = 12;

/**
 * Frequencies are shares of at least this many people: in a tenant's first few hundred
 * records every value is "rare", which would make two records that share only a birth date
 * look decisive.
 */
export const MIN_POPULATION = 10_000;

/** A blocking key shared by more records than this (an office's phone) proposes no pairs. */
export const MAX_BLOCK_SIZE = 50;

/** At most this many candidates are kept per tenant, the highest scores first. */
export const MAX_CANDIDATES = 10_000;

export const FIELD_LABELS: Record<DuplicateField, string> = {
  nationalId: "National ID",
  email: "Email",
  phone: "Phone",
  dateOfBirth: "Date of birth",
  name: "Name",
  address: "Address",
};

export const BLOCKS = ["email", "phone", "national_id", "dob_name", "address_name"] as const;
export type Block = (typeof BLOCKS)[number];

export const BLOCK_LABELS: Record<Block, string> = {
  email: "same email",
  phone: "same phone",
  national_id: "same national ID",
  dob_name: "same birth date and a name initial",
  address_name: "same postal code and a name initial",
};

export type FieldScore = { level: Level; weight: number; swapped?: boolean };
export type FieldScores = Partial<Record<DuplicateField, FieldScore>>;
