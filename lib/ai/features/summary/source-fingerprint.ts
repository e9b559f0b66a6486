// The fingerprint a stored summary keeps of what it summarised: SHA-256 of the source in a fixed
// order (the caller passes a canonical array). A summary is stale exactly when the prompt would
// now be built from something else. Shared by the case and citizen summaries.
import "server-only";
import { createHash } from "node:crypto";

export function sourceFingerprint(canonical: unknown[]): string {
  return `v1:${createHash("sha256").update(JSON.stringify(canonical)).digest("hex")}`;
}
