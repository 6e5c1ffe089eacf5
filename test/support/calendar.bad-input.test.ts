import { describe, expect, it, test } from "vitest";
import { errorOf } from "../helpers/tables";
import { addBusinessTime, businessCalendar, businessDuration } from "../../src/index";

const nine = { mon: [["09:00", "17:00"]] } as const;

const code = errorOf;

describe("businessCalendar bad input", () => {
  it.each([
    [{ timeZone: "Mars/Olympus", week: nine }, "INVALID_OPTION"],
    [{ week: nine }, "INVALID_OPTION"],
    [{ timeZone: "UTC", week: { mon: [["9:00", "17:00"]] } }, "INVALID_OPTION"],
    [{ timeZone: "UTC", week: { mon: [["09:60", "17:00"]] } }, "INVALID_OPTION"],
    [{ timeZone: "UTC", week: { mon: [["24:00", "17:00"]] } }, "INVALID_OPTION"],
    [{ timeZone: "UTC", week: { mon: [["09:00", "09:00"]] } }, "INVALID_OPTION"],
    [{ timeZone: "UTC", week: { monday: [["09:00", "17:00"]] } }, "INVALID_OPTION"],
    [{ timeZone: "UTC", week: {} }, "INVALID_OPTION"], // no working time at all
    [{ timeZone: "UTC", week: { mon: [] }, overrides: { "2025-01-06": [] } }, "INVALID_OPTION"],
    [{ timeZone: "UTC", week: nine, holidays: ["2025-02-30"] }, "INVALID_DATE"],
    [{ timeZone: "UTC", week: nine, holidays: ["25/12/2025"] }, "INVALID_DATE"],
    [{ timeZone: "UTC", week: nine, closed: [["2025-01-02T00:00:00Z", "2025-01-01T00:00:00Z"]] }, "OUT_OF_RANGE"],
  ])("businessCalendar(%o) throws %s", (options, expected) => {
    const [c, message] = code(() => businessCalendar(options as never));
    expect(c).toBe(expected);
    expect(message.startsWith("businessCalendar: ")).toBe(true);
  });
});

describe("businessDuration and addBusinessTime bad input", () => {
  const cal = businessCalendar({ timeZone: "UTC", week: nine });
  it.each([
    [() => businessDuration("2025-01-02T00:00:00Z", "2025-01-01T00:00:00Z", cal), "OUT_OF_RANGE", "businessDuration"],
    [() => businessDuration("yesterday", "2025-01-01T00:00:00Z", cal), "INVALID_DATE", "businessDuration"],
    [() => businessDuration("2025-01-01T10:00", "2025-01-02T00:00:00Z", cal), "INVALID_DATE", "businessDuration"],
    [() => businessDuration(0, 1, { kind: "nope" } as never), "INVALID_OPTION", "businessDuration"],
    [() => businessDuration(0, 300 * 366 * 86_400_000, cal), "OUT_OF_RANGE", "businessDuration"],
    [() => addBusinessTime(0, -1, cal), "OUT_OF_RANGE", "addBusinessTime"],
    [() => addBusinessTime(0, Number.NaN, cal), "NON_FINITE", "addBusinessTime"],
  ])("%s throws %s", (call, expected, fn) => {
    const [c, message] = code(call);
    expect(c).toBe(expected);
    expect(message.startsWith(`${fn}: `)).toBe(true);
  });

  it("a duration of 0 is the start itself, even outside working time", () => {
    expect(addBusinessTime("2025-01-04T03:00:00Z", 0, cal)).toBe(Date.parse("2025-01-04T03:00:00Z"));
  });
});

describe("a calendar object that did not come from businessCalendar", () => {
  const good = businessCalendar({ timeZone: "Europe/Paris", week: { mon: [["09:00", "17:00"]] }, holidays: new Set(["2025-12-25"]) as never });
  const t0 = "2025-03-03T08:00:00Z";
  const t1 = "2025-03-04T08:00:00Z";
  test("a round trip through JSON is accepted and gives the same duration", () => {
    const copy = JSON.parse(JSON.stringify(good)) as typeof good;
    expect(businessDuration(t0, t1, copy)).toBe(businessDuration(t0, t1, good));
    expect(businessDuration(t0, t1, good)).toBe(8 * 3_600_000);
  });
  test.each([
    ["an unknown time zone", { ...good, timeZone: "Mars/Phobos" }],
    ["a week of 6 days", { ...good, week: good.week.slice(1) }],
    ["an interval that ends before it starts", { ...good, week: [[], [[600, 540]], [], [], [], [], []] }],
    ["a holiday that is not a date", { ...good, holidays: [20251225] }],
    ["unsorted closed periods", { ...good, closed: [[10, 20], [5, 8]] }],
    ["overrides that are a list", { ...good, overrides: [] }],
  ])("%s is INVALID_OPTION, not a NaN or a TypeError", (_, cal) => {
    expect(errorOf(() => businessDuration(t0, t1, cal as never))[0]).toBe("INVALID_OPTION");
  });
});

describe("addBusinessTime near the end of the Date range", () => {
  test("a due time past the last date a Date holds is OUT_OF_RANGE, not a RangeError", () => {
    const cal = businessCalendar({ timeZone: "America/New_York", week: { mon: [["09:00", "17:00"]] } });
    expect(errorOf(() => addBusinessTime(8.64e15 - 86_400_000, 8 * 3_600_000, cal))[0]).toBe("OUT_OF_RANGE");
  });
});

describe("addBusinessTime from the first date a Date holds", () => {
  test("starts at −8.64e15 without a RangeError", () => {
    const cal = businessCalendar({ timeZone: "America/New_York", week: { mon: [["09:00", "17:00"]] } });
    const due = addBusinessTime(-8.64e15, 8 * 3_600_000, cal);
    expect(Number.isFinite(due)).toBe(true);
    expect(businessDuration(-8.64e15, due, cal)).toBe(8 * 3_600_000);
  });
});
