// Type tests of the portfolio: run by `vitest --typecheck` and `tsc --noEmit`. Each
// `@ts-expect-error` proves that a misuse does not compile (an unused directive is itself an error).
import { describe, expectTypeOf, test } from "vitest";
import {
  type CsatResult,
  csatMetric,
  defineMetric,
  definePortfolio,
  evaluatePortfolio,
  type Metric,
  mergePortfolios,
  type NpsResult,
  type NpsSummary,
  npsMetric,
  portfolioCell,
  proportionMetric,
  type ResultOf,
  type SummaryOf,
} from "../src/index";

type Response = { channel: string; nps: number; csat: number; contacts: number; at: string };
declare const responses: Response[];

// a third-party metric: first contact resolution
const fcr = defineMetric({
  id: "fcr",
  label: "First contact resolution",
  unit: "%",
  direction: "higher-is-better",
  summarize: (rows: ArrayLike<{ contacts: number }>) => {
    let solved = 0;
    for (let i = 0; i < rows.length; i++) if (rows[i]!.contacts === 1) solved++;
    return { solved, n: rows.length };
  },
  merge: (...s) => ({ solved: s.reduce((a, x) => a + x.solved, 0), n: s.reduce((a, x) => a + x.n, 0) }),
  empty: () => ({ solved: 0, n: 0 }),
  count: (s) => s.n,
  finish: (s) => ({ rate: (100 * s.solved) / s.n, n: s.n }),
  value: (r) => r.rate,
});

const portfolio = definePortfolio({
  nps: npsMetric<Response>({ score: (r) => r.nps }),
  csat: csatMetric<Response>({ score: (r) => r.csat }),
  fcr,
});

describe("metric types", () => {
  test("defineMetric infers id, row, summary and result", () => {
    expectTypeOf(fcr).toExtend<Metric<"fcr", { contacts: number }, { solved: number; n: number }, { rate: number; n: number }>>();
    expectTypeOf<ResultOf<typeof fcr>>().toEqualTypeOf<{ rate: number; n: number }>();
    expectTypeOf(fcr.id).toEqualTypeOf<"fcr">();
  });

  test("built-in metrics carry the existing result types", () => {
    const m = npsMetric<Response>({ score: (r) => r.nps });
    expectTypeOf<ResultOf<typeof m>>().toEqualTypeOf<NpsResult>();
    expectTypeOf<SummaryOf<typeof m>>().toEqualTypeOf<NpsSummary>();
    expectTypeOf(proportionMetric<Response, "fcr">({ id: "fcr", label: "FCR", success: (r) => r.contacts === 1 }).id).toEqualTypeOf<"fcr">();
  });

  test("a wrong accessor does not compile", () => {
    // @ts-expect-error the score accessor must return a number
    npsMetric<Response>({ score: (r) => r.channel });
    // @ts-expect-error a field the row does not have
    csatMetric<Response>({ score: (r) => r.missing });
    defineMetric({
      id: "x",
      label: "x",
      unit: "",
      // @ts-expect-error not a direction
      direction: "up",
      summarize: () => 0,
      merge: () => 0,
      empty: () => 0,
      count: () => 0,
      finish: () => 0,
      value: () => 0,
    });
  });
});

describe("portfolio types", () => {
  test("results are typed per key", () => {
    const report = evaluatePortfolio(portfolio, responses, { segmentBy: "channel", period: "month", date: (r) => r.at });
    const cell = portfolioCell(report, { channel: "email" })!;
    expectTypeOf(cell.metrics.nps.result).toEqualTypeOf<NpsResult | null>();
    expectTypeOf(cell.metrics.csat.result).toEqualTypeOf<CsatResult | null>();
    expectTypeOf(cell.metrics.fcr.result).toEqualTypeOf<{ rate: number; n: number } | null>();
    expectTypeOf(cell.metrics.nps.value).toEqualTypeOf<number | null>();
    // @ts-expect-error not a metric of the portfolio
    void cell.metrics.ces;
  });

  test("rows must carry every metric's fields", () => {
    const onlyScores: { nps: number; csat: number }[] = [];
    // @ts-expect-error fcr reads `contacts`, which these rows lack
    evaluatePortfolio(portfolio, onlyScores);
  });

  test("segment keys are fields of the row", () => {
    // @ts-expect-error "region" is not a field of Response
    evaluatePortfolio(portfolio, responses, { segmentBy: "region" });
    evaluatePortfolio(portfolio, responses, { segmentBy: { region: (r) => r.channel.slice(0, 2) } });
  });

  test("targets and composite weights take only the portfolio's metric keys", () => {
    evaluatePortfolio(portfolio, responses, { targets: { nps: { target: 30, warning: 10 } }, composite: { weights: { nps: 1, csat: 1 } } });
    // @ts-expect-error "ces" is not a metric of the portfolio
    evaluatePortfolio(portfolio, responses, { targets: { ces: { target: 5 } } });
    // @ts-expect-error "churn" is not a metric of the portfolio
    evaluatePortfolio(portfolio, responses, { composite: { weights: { churn: 1 } } });
  });

  test("mergePortfolios keeps every key's type", () => {
    const a = definePortfolio({ nps: npsMetric<Response>({ score: (r) => r.nps }) });
    const b = definePortfolio({ fcr });
    const report = evaluatePortfolio(mergePortfolios(a, b), responses);
    expectTypeOf(report.cells[0]!.metrics.nps.result).toEqualTypeOf<NpsResult | null>();
    expectTypeOf(report.cells[0]!.metrics.fcr.result).toEqualTypeOf<{ rate: number; n: number } | null>();
  });
});
