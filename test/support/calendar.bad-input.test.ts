import { describe, expect, it } from "vitest";
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
