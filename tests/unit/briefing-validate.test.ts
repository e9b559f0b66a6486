// The briefing's pure parts: local-day arithmetic across zones and DST, and the check that
// keeps only sentences whose markers and figures are the given numbers.
import { briefingDay, dayBefore, isBriefingDue, localNow } from "@/lib/ai/features/briefing/local-day";
import type { BriefingNumbers } from "@/lib/ai/features/briefing/schemas";
import { briefingSegments, validateBriefing } from "@/lib/ai/features/briefing/validate-briefing";

const numbers: BriefingNumbers = {
  day: "2026-03-02",
  timeZone: "UTC",
  newCases: 14,
  resolved: 9,
  overdue: 3,
  spikes: [{ category: "Roads", count: 6, average: 1.5 }],
};

describe("local day", () => {
  it("reads the date and time in the tenant's zone", () => {
    expect(localNow(new Date("2026-03-01T23:30:00Z"), "Europe/Amsterdam")).toEqual({
      date: "2026-03-02",
      time: "00:30",
    });
    expect(localNow(new Date("2026-03-02T03:00:00Z"), "America/New_York")).toEqual({
      date: "2026-03-01",
      time: "22:00",
    });
    // Summer time: Amsterdam is UTC+2.
    expect(localNow(new Date("2026-07-01T22:15:00Z"), "Europe/Amsterdam")).toEqual({
      date: "2026-07-02",
      time: "00:15",
    });
  });

  it("steps back over month and year ends", () => {
    expect(dayBefore("2026-03-01")).toBe("2026-02-28");
    expect(dayBefore("2026-01-01")).toBe("2025-12-31");
    expect(briefingDay(new Date("2026-03-01T23:30:00Z"), "Europe/Amsterdam")).toBe("2026-03-01");
    expect(briefingDay(new Date("2026-03-01T23:30:00Z"), "UTC")).toBe("2026-02-28");
  });

  it("is due from the local time on, not before", () => {
    const at = new Date("2026-03-02T06:59:00Z");
    expect(isBriefingDue(at, "Europe/Amsterdam", "07:59")).toBe(true);
    expect(isBriefingDue(at, "Europe/Amsterdam", "08:00")).toBe(false);
    expect(isBriefingDue(at, "UTC", "07:00")).toBe(false);
  });
});

describe("validateBriefing", () => {
  it("keeps sentences whose markers and figures are given, drops the rest", () => {
    const { sentences, dropped } = validateBriefing(
      [
        "[ref:new] new cases came in; [ref:resolved] were resolved.",
        "Roads had [ref:spike:1] new cases against an average of [ref:spike_avg:1].",
        "There were 14 new cases and 1.5 on average.",
        "About 40 people called.",
        "[ref:spike:2] in Waste.",
        "[ref:secret] was found.",
        "Broken [ref:new marker.",
        "On 2 March the queue was calm.",
        "   ",
      ],
      numbers,
    );
    expect(sentences).toEqual([
      "[ref:new] new cases came in; [ref:resolved] were resolved.",
      "Roads had [ref:spike:1] new cases against an average of [ref:spike_avg:1].",
      "There were 14 new cases and 1.5 on average.",
      "On 2 March the queue was calm.",
    ]);
    expect(dropped).toBe(5);
  });

  it("splits a sentence into text and number segments", () => {
    expect(briefingSegments("Got [ref:new] new, [ref:overdue] overdue.", numbers)).toEqual([
      { text: "Got " },
      { ref: "new", value: 14 },
      { text: " new, " },
      { ref: "overdue", value: 3 },
      { text: " overdue." },
    ]);
  });
});
