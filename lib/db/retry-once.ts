// One retry, on a fresh connection, for writes that are safe to repeat (a case's status, a
// citizen's tags: "make it X", with the version the person saw). A pool's broken connection is
// discarded on failure, so the second attempt gets a new one.
//
// If the first attempt may have committed (WriteOutcomeUnknownError), `alreadyApplied` looks
// first: the record one version on with the wanted value means it was saved, and that is the
// answer; only a record still at the old version is written again. When even that cannot be
// checked, the outcome stays unknown and the person is told so (never "saved", never "failed").
import { WriteOutcomeUnknownError } from "@/lib/errors/app-error";
import { DatabaseUnavailableError } from "./unavailable";

const RETRY_DELAY_MS = 250;

export async function retryOnceOnOutage<T>(
  attempt: () => Promise<T>,
  alreadyApplied: () => Promise<T | null>,
): Promise<T> {
  try {
    return await attempt();
  } catch (first) {
    if (!(first instanceof DatabaseUnavailableError || first instanceof WriteOutcomeUnknownError)) throw first;
    await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
    try {
      if (first instanceof WriteOutcomeUnknownError) {
        const applied = await alreadyApplied();
        if (applied) return applied;
      }
      return await attempt();
    } catch (second) {
      if (
        first instanceof WriteOutcomeUnknownError &&
        (second instanceof DatabaseUnavailableError || second instanceof WriteOutcomeUnknownError)
      )
        throw first;
      throw second;
    }
  }
}
