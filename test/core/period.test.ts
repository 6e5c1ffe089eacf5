// The period indexer's fast path (binary search over cached period starts) against its calendar
// path (date-fns on TZDate, used by a fresh indexer for its first instant), in zones with DST at
// midnight, skipped days and half-hour offsets.
import fc from "fast-check";
import { expect, test } from "vitest";
import { periodIndexer } from "../../src/core/period";

const zones = ["UTC", "America/New_York", "America/Santiago", "America/Havana", "Asia/Tehran", "Pacific/Apia", "Australia/Lord_Howe", "Asia/Kathmandu", "Europe/London"];
const periods = ["day", "week", "month", "quarter", "year"] as const;

test("indexOf on a warm indexer equals a fresh indexer's calendar computation", () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...zones),
      fc.constantFrom(...periods),
      // instants from 2009 to 2013 (Apia skipped 2011-12-30), with many on the hour and at midnight
      fc.array(fc.oneof(fc.integer({ min: 1.23e12, max: 1.39e12 }), fc.integer({ min: 342_000, max: 386_000 }).map((h) => h * 3_600_000)), { minLength: 1, maxLength: 60 }),
      (zone, period, instants) => {
        const warm = periodIndexer("t", period, zone, 1);
        for (const ms of instants) {
          const fresh = periodIndexer("t", period, zone, 1).indexOf(ms);
          expect(warm.indexOf(ms), `${new Date(ms).toISOString()} in ${zone}, ${period}`).toBe(fresh);
        }
      },
    ),
    { numRuns: 150 },
  );
});

test("period bounds: the start of a period belongs to it, the instant before to the previous one with instants", () => {
  for (const zone of zones) {
    for (const period of periods) {
      const ix = periodIndexer("t", period, zone, 1);
      const k = ix.indexOf(Date.UTC(2011, 11, 30, 12));
      for (let j = k - 3; j <= k + 3; j++) {
        // a day that a zone skipped (Apia, 2011-12-30) has no instants: its start is the next day's
        if (ix.startMs(j) === ix.startMs(j + 1)) continue;
        expect(ix.indexOf(ix.startMs(j)), `${zone} ${period} ${j}`).toBe(j);
        const previous = ix.startMs(j - 1) === ix.startMs(j) ? j - 2 : j - 1;
        expect(ix.indexOf(ix.startMs(j) - 1), `${zone} ${period} ${j} - 1 ms`).toBe(previous);
      }
    }
  }
});
