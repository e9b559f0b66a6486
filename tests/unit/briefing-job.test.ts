// The briefing scheduler is registered with the worker as a 15-minute cron, one pass at a time.
import { getJob } from "@/lib/jobs/catalog";

jest.mock("server-only", () => ({}));

it("registers ai.daily-briefings every 15 minutes with a singleton key", () => {
  const job = getJob("ai.daily-briefings");
  expect(job).toMatchObject({ cron: "*/15 * * * *", cronData: {} });
  expect(job!.singletonKey!({})).toBe("ai.daily-briefings");
});
