// What a shift that starts (or ends) inside the spring-forward gap does. Europe/Paris on
// 2025-03-30: at 02:00 CET (+01:00, 01:00Z) clocks go to 03:00 CEST (+02:00), so local times
// 02:00–02:59 do not exist. A wall time in the gap is read with the offset before the change, i.e.
// it moves forward by the length of the gap (02:30 → 03:30 CEST = 01:30Z): the rule of RFC 5545
// §3.3.5 (iCalendar), of Temporal's default "compatible" disambiguation and of java.time, and what
// date-fns' TZDate (which the library uses for local dates) does. Expected instants are written by
// hand from the offsets above, not from the code.
import { TZDate } from "@date-fns/tz";
import { describe, expect, it } from "vitest";
import { addBusinessTime, businessCalendar, businessDuration } from "../../src/index";

const H = 3_600_000;
const M = 60_000;
const paris = (week: Record<string, [string, string][]>) => businessCalendar({ timeZone: "Europe/Paris", week: Object.freeze(week) as never });

describe("businessCalendar in a spring-forward gap", () => {
  it("starts a 02:30–10:30 shift at 03:30 CEST (moved forward by the gap), so it lasts 7 real hours", () => {
    const cal = paris({ sun: [["02:30", "10:30"]] });
    // the day of the change: 03:30 CEST (01:30Z) to 10:30 CEST (08:30Z) = 7 h
    expect(businessDuration("2025-03-30T00:00:00+01:00", "2025-03-30T12:00:00+02:00", cal)).toBe(7 * H);
    // not yet working between the first existing instant (03:00 CEST) and 03:30 CEST
    expect(businessDuration("2025-03-30T03:00:00+02:00", "2025-03-30T03:30:00+02:00", cal)).toBe(0);
    expect(businessDuration("2025-03-30T03:30:00+02:00", "2025-03-30T04:00:00+02:00", cal)).toBe(30 * M);
    // a week earlier, without a change: 8 h
    expect(businessDuration("2025-03-23T00:00:00+01:00", "2025-03-23T12:00:00+01:00", cal)).toBe(8 * H);
    // the due date of the first minute of work is 03:31 CEST = 01:31Z
    expect(new Date(addBusinessTime("2025-03-30T00:00:00+01:00", M, cal)).toISOString()).toBe("2025-03-30T01:31:00.000Z");
  });

  it("reads a gap time as date-fns' TZDate does", () => {
    // new TZDate(2025, 2, 30, 2, 30, "Europe/Paris") is 01:30Z: the same instant the calendar uses
    expect(new Date(+new TZDate(2025, 2, 30, 2, 30, "Europe/Paris")).toISOString()).toBe("2025-03-30T01:30:00.000Z");
  });

  it("ends an overnight shift that ends in the gap forward by the gap too (22:00 CET to 03:30 CEST: 4.5 h)", () => {
    const cal = paris({ sat: [["22:00", "02:30"]] });
    // 22:00 CET = 21:00Z to 03:30 CEST = 01:30Z
    expect(businessDuration("2025-03-29T00:00:00+01:00", "2025-03-30T12:00:00+02:00", cal)).toBe(4.5 * H);
  });

  it("gives no working time to a shift that lies in the gap but for its last minutes (02:30–03:15)", () => {
    // the start moves to 03:30 CEST, after the end (03:15 CEST, which exists): an empty shift, never negative time
    const cal = paris({ sun: [["02:30", "03:15"]], mon: [["09:00", "10:00"]] });
    expect(businessDuration("2025-03-30T00:00:00+01:00", "2025-03-30T12:00:00+02:00", cal)).toBe(0);
    expect(businessDuration("2025-03-23T00:00:00+01:00", "2025-03-23T12:00:00+01:00", cal)).toBe(45 * M);
  });
});
