// Every chart spec validates against the Vega-Lite JSON schema (ajv) and compiles with the
// vega-lite package without warnings; its data are the results' own numbers.
import { readFileSync } from "node:fs";
import Ajv from "ajv";
import * as vl from "vega-lite";
import { describe, expect, test } from "vitest";
import {
  cohortRetention,
  csatMetric,
  definePortfolio,
  evaluatePortfolio,
  firstReplyTime,
  kaplanMeier,
  laggedCorrelation,
  nps,
  npsMetric,
} from "../../src/index";
import { cohortHeatmap, laggedCorrelationChart, npsDistributionChart, resolutionTimeChart, scorecardChart, survivalChart, trendChart } from "../../src/charts/index";
import { rejection } from "../helpers/tables";

const schema = JSON.parse(readFileSync(new URL("../../node_modules/vega-lite/build/vega-lite-schema.json", import.meta.url), "utf8"));
const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
const validate = ajv.compile(schema);

function expectValid(spec: object): void {
  const ok = validate(spec);
  expect(ok, JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  const warnings: string[] = [];
  const logger = {
    level() {
      return logger;
    },
    error: (...a: unknown[]) => warnings.push(`error: ${a.join(" ")}`),
    warn: (...a: unknown[]) => warnings.push(`warn: ${a.join(" ")}`),
    info() {},
    debug() {},
  };
  const compiled = vl.compile(spec as never, { logger: logger as never });
  expect(warnings).toEqual([]);
  expect(compiled.spec).toBeTypeOf("object");
}

interface Row {
  channel: string;
  d: string;
  nps: number;
  csat: number;
}
let seed = 2;
const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
const rows: Row[] = Array.from({ length: 600 }, (_, i) => ({ channel: ["web", "app", "phone"][i % 3]!, d: `2024-0${1 + Math.floor(i / 100)}-1${i % 9}`, nps: Math.floor(rand() * 11), csat: 1 + Math.floor(rand() * 5) }));
const portfolio = definePortfolio({ nps: npsMetric<Row>({ score: (r) => r.nps }), csat: csatMetric<Row>({ score: (r) => r.csat }) });
const report = evaluatePortfolio(portfolio, rows, { segmentBy: "channel", period: "month", date: (r) => r.d, targets: { nps: { target: 10, warning: 0 }, csat: { target: 50 } } });

describe("charts", () => {
  test("trend with interval band and target line", () => {
    const spec = trendChart(report, { metric: "nps", segment: { channel: "web" } });
    expectValid(spec);
    const values = (spec.data as { values: { period: string; value: number; low: number; high: number }[] }).values;
    expect(values.map((v) => v.period)).toEqual(report.periods);
    const feb = report.cells.find((c) => c.period === "2024-02-01" && c.segment.channel === "web")!.metrics.nps;
    expect(values[1]).toMatchObject({ value: feb.value, low: feb.result!.ci[0], high: feb.result!.ci[1] });
    expect(spec.layer[2]).toMatchObject({ data: { values: [{ target: 10 }] }, mark: { type: "rule" } });
  });

  test("NPS distribution by channel", () => {
    const groups = ["web", "app", "phone"].map((label) => ({ label, result: nps(rows.filter((r) => r.channel === label).map((r) => r.nps)) }));
    const spec = npsDistributionChart(groups);
    expectValid(spec);
    expect(spec.data.values).toHaveLength(9);
    expect(spec.data.values[2]).toMatchObject({ group: "web", category: "promoters", share: groups[0]!.result.promoterShare });
  });

  test("cohort heat map", () => {
    const subs = Array.from({ length: 60 }, (_, i) => ({ id: i, s: `2024-0${1 + (i % 4)}-05`, e: i % 3 === 0 ? `2024-0${3 + (i % 4)}-20` : null }));
    const result = cohortRetention(subs, { customerId: (x) => x.id, start: (x) => x.s, end: (x) => x.e, period: "month", asOf: "2024-08-01" });
    const spec = cohortHeatmap(result);
    expectValid(spec);
    expect(spec.data.values.length).toBe(result.cohorts.reduce((a, c) => a + c.share.length, 0));
  });

  test("survival curve with band, and as share done", () => {
    const km = kaplanMeier([3, 5, 5, 8, 10, 12, 12, 15], [1, 1, 0, 1, 1, 0, 1, 1]);
    const spec = survivalChart(km, { timeLabel: "months" });
    expectValid(spec);
    expect(spec.data.values).toHaveLength(km.times.length + 1);
    const done = survivalChart(km, { cumulative: true });
    expectValid(done);
    expect((done.data.values as { value: number }[])[1]!.value).toBeCloseTo(1 - km.survival[0]!, 12);
  });

  test("resolution-time histogram with percentile markers", () => {
    const tickets = Array.from({ length: 80 }, (_, i) => ({ c: "2025-01-01T00:00:00Z", r: i % 10 === 0 ? null : new Date(Date.UTC(2025, 0, 1) + (1 + i * 17) * 60_000).toISOString() }));
    const result = firstReplyTime(tickets, { created: (t) => t.c, firstReply: (t) => t.r, asOf: "2025-01-02T00:00:00Z" });
    const spec = resolutionTimeChart(result);
    expectValid(spec);
    const marks = (spec.layer[1] as { data: { values: { label: string; value: number }[] } }).data.values;
    expect(marks.map((m) => m.label)).toEqual(["p50", "p90", "p95", "median (all tickets, KM)"]);
  });

  test("lagged correlations with significance", () => {
    const x = Array.from({ length: 30 }, (_, i) => Math.sin(i / 3) + i / 10);
    const y = x.map((_, i) => (i >= 2 ? x[i - 2]! : 0) + 0.05 * Math.cos(i));
    const result = laggedCorrelation(x, y, { maxLag: 3 });
    const spec = laggedCorrelationChart(result);
    expectValid(spec);
    expect(spec.data.values).toHaveLength(result.rows.filter((r) => r.r !== null).length);
  });

  test("scorecard by channel", () => {
    const spec = scorecardChart(report);
    expectValid(spec);
    expect(spec.data.values).toHaveLength(4 * 2);
    const web = spec.data.values.find((v) => v.segment === "web" && v.metric === "Net Promoter Score")!;
    expect(web.status).toBe(report.cells.find((c) => c.period === "2024-06-01" && c.segment.channel === "web")!.metrics.nps.status);
  });

  test("the checks can fail: an unknown mark or encoding channel is refused", () => {
    const spec = npsDistributionChart([{ label: "web", result: nps([10, 3]) }]);
    expect(validate({ ...spec, mark: "pointy" })).toBe(false);
    expect(validate({ ...spec, encoding: { ...(spec.encoding as object), colour: { field: "x" } } })).toBe(false);
  });

  test("bad input", async () => {
    const codes = await Promise.all([
      rejection(() => trendChart({} as never, { metric: "nps" })),
      rejection(() => trendChart(report, { metric: "ces" as never })),
      rejection(() => trendChart(evaluatePortfolio(portfolio, rows), { metric: "nps" })),
      rejection(() => npsDistributionChart([{ label: "x", result: {} as never }])),
      rejection(() => cohortHeatmap({} as never)),
      rejection(() => survivalChart({} as never)),
      rejection(() => scorecardChart(report, { segmentBy: "region" })),
    ]);
    expect(codes.map((e) => e.code)).toEqual(["INVALID_INPUT", "INVALID_OPTION", "INVALID_INPUT", "INVALID_INPUT", "INVALID_INPUT", "INVALID_INPUT", "INVALID_OPTION"]);
  });
});
