// Properties of portfolios: chunks summarized and merged equal one pass; every cell equals the
// metric's own function on that cell's rows; status respects direction.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  churnMetric,
  csat,
  csatMetric,
  definePortfolio,
  evaluatePortfolio,
  finishPortfolio,
  meanMetric,
  mergePortfolioSummaries,
  nps,
  npsMetric,
  portfolioCell,
  slaMetric,
  summarizePortfolio,
  ticketTimeMetric,
} from "../../src/index";
import { statusOf } from "../../src/portfolio/targets";
import { close, cutsArb, splitAt } from "../helpers/properties";

interface Row {
  channel: string;
  region: string;
  date: string;
  nps: number;
  csat: number;
  left: boolean;
  spend: number;
}

const rowArb: fc.Arbitrary<Row> = fc.record({
  channel: fc.constantFrom("email", "phone", "chat", "web", "store"),
  region: fc.constantFrom("EU", "US"),
  // days spread over four months, as date-only strings and instants
  date: fc.integer({ min: 0, max: 119 }).map((d) => new Date(Date.UTC(2024, 0, 1 + d, d % 24)).toISOString()),
  nps: fc.integer({ min: 0, max: 10 }),
  csat: fc.integer({ min: 1, max: 5 }),
  left: fc.boolean(),
  spend: fc.double({ min: 0, max: 1000, noNaN: true }),
});

const portfolio = definePortfolio({
  nps: npsMetric<Row>({ score: (r) => r.nps }),
  csat: csatMetric<Row>({ score: (r) => r.csat }),
  churn: churnMetric<Row>({ churned: (r) => r.left }),
});
const options = { segmentBy: ["channel", "region"] as const, period: "month" as const, date: (r: Row) => r.date, timeZone: "America/New_York" };
const opts = { ...options, segmentBy: [...options.segmentBy] };

describe("portfolio properties", () => {
  test("summaries of chunks, merged in any order (through JSON), finish to the one-pass report", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 120 }), cutsArb, fc.boolean(), (rows, cuts, reverse) => {
        const one = evaluatePortfolio(portfolio, rows, opts);
        let parts = splitAt(rows, cuts).map((c) => JSON.parse(JSON.stringify(summarizePortfolio(portfolio, c, opts))));
        if (reverse) parts = parts.reverse();
        const merged = finishPortfolio(portfolio, mergePortfolioSummaries(portfolio, ...parts));
        // counts are whole numbers: the merged results are identical, not just close
        expect(merged).toEqual(one);
      }),
      { numRuns: 60 },
    );
  });

  test("every cell equals nps() and csat() on that segment's rows in that period", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 150 }), (rows) => {
        const report = evaluatePortfolio(portfolio, rows, opts);
        const monthOf = (r: Row) => {
          // the month in New York, as the period label
          const parts = new Intl.DateTimeFormat("en-CA", { timeZone: "America/New_York", year: "numeric", month: "2-digit" }).formatToParts(new Date(r.date));
          return `${parts.find((p) => p.type === "year")!.value}-${parts.find((p) => p.type === "month")!.value}-01`;
        };
        for (const cell of report.cells) {
          const sel = rows.filter((r) => (cell.period === null || monthOf(r) === cell.period) && Object.entries(cell.segment).every(([k, v]) => r[k as keyof Row] === v));
          if (sel.length === 0) {
            expect(cell.metrics.nps.n).toBe(0);
            continue;
          }
          expect(cell.metrics.nps.result).toEqual(nps(sel, (r) => r.nps));
          expect(cell.metrics.csat.result).toEqual(csat(sel, (r) => r.csat));
          expect(cell.metrics.churn.value).toBe((100 * sel.filter((r) => r.left).length) / sel.length);
        }
      }),
      { numRuns: 40 },
    );
  });

  test("a mean metric: merged chunks are close to one pass", () => {
    const p = definePortfolio({ spend: meanMetric<Row, "spend">({ id: "spend", label: "Spend", value: (r) => r.spend }) });
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 2, maxLength: 100 }), cutsArb, (rows, cuts) => {
        const one = portfolioCell(evaluatePortfolio(p, rows, { segmentBy: "channel" }))!.metrics.spend.result!;
        const parts = splitAt(rows, cuts).map((c) => summarizePortfolio(p, c, { segmentBy: "channel" }));
        const merged = portfolioCell(finishPortfolio(p, mergePortfolioSummaries(p, ...parts)))!.metrics.spend.result!;
        expect(merged.n).toBe(one.n);
        close(merged.mean, one.mean, 1e-12, "mean");
        if (one.sd !== null) close(merged.sd!, one.sd, 1e-9, "sd");
      }),
      { numRuns: 60 },
    );
  });

  test("status respects direction: a lower-is-better metric is the mirror image", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), (v, target, gap) => {
        const higher = statusOf(v, { target, warning: target - gap }, "higher-is-better");
        const lower = statusOf(-v, { target: -target, warning: -target + gap }, "lower-is-better");
        expect(lower).toBe(higher);
        expect(higher === "on-track").toBe(v >= target);
        expect(higher === "off-track").toBe(v < target - gap);
      }),
      { numRuns: 200 },
    );
  });
});

describe("support metrics in portfolios", () => {
  test("SLA and ticket times: chunks merged (with empty chunks) equal one pass", () => {
    const ticketArb = fc.record({
      team: fc.constantFrom("a", "b", "c"),
      created: fc.integer({ min: 0, max: 59 * 24 }).map((h) => Date.UTC(2025, 0, 1) + h * 3_600_000),
      wait: fc.option(fc.integer({ min: 0, max: 72 }), { nil: null, freq: 5 }),
    });
    const acc = {
      created: (t: { created: number }) => t.created,
      firstReply: (t: { created: number; wait: number | null }) => (t.wait === null ? null : t.created + t.wait * 3_600_000),
      asOf: "2025-03-05T00:00:00Z",
    };
    const p = definePortfolio({
      sla: slaMetric({ ...acc, metric: "firstReply", target: 8 }),
      reply: ticketTimeMetric({ ...acc, metric: "firstReply" }),
    });
    const o = { segmentBy: "team" as const, period: "month" as const, date: (t: { created: number }) => t.created };
    fc.assert(
      fc.property(fc.array(ticketArb, { minLength: 1, maxLength: 60 }), cutsArb, (tickets, cuts) => {
        const one = evaluatePortfolio(p, tickets, o);
        const parts = splitAt(tickets, cuts).map((c) => summarizePortfolio(p, c, o));
        const merged = finishPortfolio(p, mergePortfolioSummaries(p, ...parts));
        expect(merged.cells.map((c) => [c.segment, c.period, c.metrics.sla.result, c.metrics.reply.value, c.metrics.reply.n])).toEqual(
          one.cells.map((c) => [c.segment, c.period, c.metrics.sla.result, c.metrics.reply.value, c.metrics.reply.n]),
        );
      }),
      { numRuns: 40 },
    );
  });
});
