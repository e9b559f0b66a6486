// At most one log line per key per window: an outage makes every request fail the same way,
// and a thousand identical lines a second drown the one that matters. The first line of a
// window is written; the ones after it are only counted, and the next line written for that
// key says how many were left out. Pure (time is passed in), so it is tested without a clock.

export type ThrottleDecision = { log: true; suppressed: number } | { log: false };

export type LogThrottle = { check(key: string, now?: number): ThrottleDecision };

export function createLogThrottle(windowMs: number, maxKeys = 1_000): LogThrottle {
  const entries = new Map<string, { since: number; suppressed: number }>();
  return {
    check(key, now = Date.now()) {
      const entry = entries.get(key);
      if (entry && now - entry.since < windowMs) {
        entry.suppressed++;
        return { log: false };
      }
      const suppressed = entry?.suppressed ?? 0;
      // Bounded: a burst of distinct keys (one per record id) must not grow without end.
      if (!entry && entries.size >= maxKeys) entries.delete(entries.keys().next().value as string);
      entries.set(key, { since: now, suppressed: 0 });
      return { log: true, suppressed };
    },
  };
}
