import { createLogThrottle } from "@/lib/errors/log-throttle";

describe("createLogThrottle", () => {
  test("one line per key per window, then the count of the ones left out", () => {
    const throttle = createLogThrottle(10_000);
    expect(throttle.check("a", 0)).toEqual({ log: true, suppressed: 0 });
    expect(throttle.check("a", 1_000)).toEqual({ log: false });
    expect(throttle.check("a", 9_999)).toEqual({ log: false });
    expect(throttle.check("b", 5_000)).toEqual({ log: true, suppressed: 0 });
    expect(throttle.check("a", 10_000)).toEqual({ log: true, suppressed: 2 });
    expect(throttle.check("a", 20_001)).toEqual({ log: true, suppressed: 0 });
  });

  test("bounded: the oldest key goes when the table is full", () => {
    const throttle = createLogThrottle(10_000, 2);
    throttle.check("a", 0);
    throttle.check("b", 0);
    throttle.check("c", 0);
    expect(throttle.check("a", 1)).toEqual({ log: true, suppressed: 0 });
    expect(throttle.check("c", 1)).toEqual({ log: false });
  });
});
