// Client-safe: the digest DatabaseUnavailableError carries (lib/db/unavailable.ts), which is all
// a page's error boundary can see of a server error in production (messages are withheld).
export const DATABASE_UNAVAILABLE_DIGEST = "DATABASE_UNAVAILABLE";

export function isDatabaseUnavailableDigest(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    (error as { digest?: unknown }).digest === DATABASE_UNAVAILABLE_DIGEST
  );
}
