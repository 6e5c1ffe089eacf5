// Bad input to the charts: results of the wrong shape (they may come from JSON or be forged) are
// checked field by field. Every row throws a CxMetricsError with its code, index and a message that
// starts with the function's name.
import { describe, expect, test } from "vitest";
import { cohortRetention, firstReplyTime, kaplanMeier, laggedCorrelation, nps } from "../../src/index";
import { cohortHeatmap, laggedCorrelationChart, npsDistributionChart, resolutionTimeChart, survivalChart } from "../../src/charts/index";
import { bad, badInput, L, rejection } from "../helpers/tables";

// Results are checked field by field (they may come from JSON or be forged): a field of the wrong
// shape is INVALID_INPUT naming it, not a TypeError from inside the chart.
describe("charts: results of the wrong shape", () => {
  const km = kaplanMeier([1, 2], [1, 1]);
  const tickets = firstReplyTime([{ c: "2025-03-03T09:00:00Z", r: "2025-03-03T10:00:00Z" }], { created: (t) => t.c, firstReply: (t) => t.r, asOf: "2025-03-05T00:00:00Z" });
  const lags = laggedCorrelation([1, 3, 2, 5, 4, 6], [0, 1, 3, 2, 5, 4], { maxLag: 1 });
  const cohorts = cohortRetention([{ id: 1, s: "2024-01-03", e: null }], { customerId: (x) => x.id, start: (x) => x.s, end: (x) => x.e, period: "month", asOf: "2024-03-31" });
  badInput(npsDistributionChart as never, [
    bad("npsDistributionChart", [[{ label: L("Object.create(null)", Object.create(null)), result: nps([10]) }]], "INVALID_INPUT", 0, "a label without toString (was a TypeError)"),
    bad("npsDistributionChart", [[null]], "INVALID_INPUT", 0),
    bad("npsDistributionChart", [[{ label: "web", result: L("an NPS result with passiveShare null", { ...nps([10]), passiveShare: null }) }]], "INVALID_INPUT", 0),
    bad("npsDistributionChart", [[], null], "INVALID_OPTION"),
  ]);
  badInput(cohortHeatmap as never, [
    bad("cohortHeatmap", [{ cohorts: [{ cohort: "2024-01-01", size: 1, share: null }] }], "INVALID_INPUT", undefined, "was a TypeError (share.map)"),
    bad("cohortHeatmap", [L("a cohort result with cohorts [null]", { ...cohorts, cohorts: [null] })], "INVALID_INPUT", 0),
    bad("cohortHeatmap", [L("a cohort result with share [\"1\"]", { ...cohorts, cohorts: [{ ...cohorts.cohorts[0]!, share: ["1"] }] })], "INVALID_INPUT", 0),
  ]);
  badInput(survivalChart as never, [
    bad("survivalChart", [L("a curve with times null", { ...km, times: null })], "INVALID_INPUT", undefined, "was a TypeError"),
    bad("survivalChart", [L("a curve with a shorter upper", { ...km, upper: km.upper.subarray(1) })], "INVALID_INPUT"),
    bad("survivalChart", [L("a curve with median \"2\"", { ...km, median: "2" })], "INVALID_INPUT"),
  ]);
  badInput(resolutionTimeChart as never, [
    bad("resolutionTimeChart", [L("ticket times with percentiles new Set()", { ...tickets, percentiles: new Set() })], "INVALID_INPUT", undefined, "was a TypeError (filter)"),
    bad("resolutionTimeChart", [L("ticket times with censored null", { ...tickets, censored: null })], "INVALID_INPUT"),
    bad("resolutionTimeChart", [L("ticket times with percentiles [null]", { ...tickets, percentiles: [null] })], "INVALID_INPUT", 0),
  ]);
  badInput(laggedCorrelationChart as never, [
    bad("laggedCorrelationChart", [L("laggedCorrelation(...)", lags), null], "INVALID_OPTION", undefined, "options null (was a TypeError)"),
    bad("laggedCorrelationChart", [L("lags with rows [null]", { ...lags, rows: [null] })], "INVALID_INPUT", 0),
    bad("laggedCorrelationChart", [L("lags with a row whose ci is 3", { ...lags, rows: [{ ...lags.rows[0]!, ci: 3 }] })], "INVALID_INPUT", 0),
    bad("laggedCorrelationChart", [L("laggedCorrelation(...)", lags), { alpha: 2 }], "INVALID_OPTION"),
  ]);

  test("the message names the field", async () => {
    const e = await rejection(() => survivalChart({ ...km, times: null } as never));
    expect(e.message).toBe("survivalChart: expected a Kaplan–Meier result: curve.times should be a list of 2 numbers (as survival), got null");
  });
});
