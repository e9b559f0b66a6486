import { retryOnceOnOutage } from "@/lib/db/retry-once";
import { DatabaseUnavailableError } from "@/lib/db/unavailable";
import { ConflictError, WriteOutcomeUnknownError } from "@/lib/errors";

const outage = () => new DatabaseUnavailableError({ kind: "connect", code: "ECONNREFUSED" });

describe("retryOnceOnOutage", () => {
  test("not saved (no connection): tried once more", async () => {
    const attempt = jest.fn().mockRejectedValueOnce(outage()).mockResolvedValueOnce("saved");
    await expect(retryOnceOnOutage(attempt, async () => null)).resolves.toBe("saved");
    expect(attempt).toHaveBeenCalledTimes(2);
  });

  test("commit lost but it was saved: the check answers, nothing is written twice", async () => {
    const attempt = jest.fn().mockRejectedValueOnce(new WriteOutcomeUnknownError());
    await expect(retryOnceOnOutage(attempt, async () => "found")).resolves.toBe("found");
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  test("commit lost and not saved: written again", async () => {
    const attempt = jest.fn().mockRejectedValueOnce(new WriteOutcomeUnknownError()).mockResolvedValueOnce("saved");
    await expect(retryOnceOnOutage(attempt, async () => null)).resolves.toBe("saved");
  });

  test("commit lost and the check cannot run: still 'may not have been saved'", async () => {
    const attempt = jest.fn().mockRejectedValueOnce(new WriteOutcomeUnknownError());
    await expect(retryOnceOnOutage(attempt, async () => Promise.reject(outage()))).rejects.toBeInstanceOf(
      WriteOutcomeUnknownError,
    );
  });

  test("only once, and never for ordinary errors", async () => {
    const down = jest.fn().mockRejectedValue(outage());
    await expect(retryOnceOnOutage(down, async () => null)).rejects.toBeInstanceOf(DatabaseUnavailableError);
    expect(down).toHaveBeenCalledTimes(2);
    const conflict = jest.fn().mockRejectedValue(new ConflictError("changed"));
    await expect(retryOnceOnOutage(conflict, async () => null)).rejects.toBeInstanceOf(ConflictError);
    expect(conflict).toHaveBeenCalledTimes(1);
  });
});
