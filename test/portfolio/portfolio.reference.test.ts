// Reference values for the portfolio's consistency tests: chi-square homogeneity, Welch's ANOVA and
// the special functions under them against scipy (test/fixtures/portfolio_reference.json, made by
// test/fixtures/portfolio_reference.py), and Welch's t test on Student's sleep data as R prints it.
// The log-rank test against scipy is in portfolio.test.ts, with the ticket-time metrics that use it.
import { describe, expect, test } from "vitest";
import { meanMetric } from "../../src/index";
import { chiSquareHomogeneity, welchAnova } from "../../src/core/homogeneity";
import { gammaIncompleteUpper } from "../../src/core/special";
import { chiSquareSf, fSf } from "../../src/core/test-stat";
import { expectClose } from "../helpers/close";
import reference from "../fixtures/portfolio_reference.json";

describe("homogeneity statistics against scipy", () => {
  test.for(reference.chiSquare)("chi-square of $table", (c) => {
    const t = chiSquareHomogeneity(c.table)!;
    expectClose(t.statistic, c.statistic, { rel: 1e-12, abs: 1e-14 });
    expect(t.df).toBe(c.df);
    expectClose(t.pValue, c.pValue, { rel: 1e-11 });
    expectClose(t.cramersV, c.cramersV, { rel: 1e-12, abs: 1e-14 });
  });

  test.for(reference.welchAnova)("Welch's ANOVA of $groups.length groups", (c) => {
    const groups = c.groups.map((g) => {
      const n = g.length;
      const mean = g.reduce((a, b) => a + b, 0) / n;
      return { mean, variance: g.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1), n };
    });
    const t = welchAnova(groups)!;
    expectClose(t.statistic, c.statistic, { rel: 1e-11 });
    expectClose(t.df[1]!, c.df[1]!, { rel: 1e-11 });
    expectClose(t.pValue, c.pValue, { rel: 1e-10 });
  });

  test("two groups: Welch's t test on Student's sleep data (t = −1.8608, df = 17.776, p = 0.07939)", () => {
    // R: t.test(extra ~ group, data = sleep), printed in R's documentation and many textbooks
    const g1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
    const g2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
    const m = meanMetric<number, "x">({ id: "x", label: "x", value: (x) => x });
    const t = m.consistency!([m.summarize(g1), m.summarize(g2)])!;
    expectClose(Math.sqrt(t.statistic), 1.8608, { rel: 5e-5 });
    expectClose(t.df[1]!, 17.776, { rel: 5e-5 });
    expectClose(t.pValue, 0.07939, { rel: 1e-4 });
    const c = m.compare!(m.summarize(g1), m.summarize(g2), 0.95);
    expectClose(c.pValue!, 0.07939, { rel: 1e-4 });
    // R prints the interval of mean(g1) − mean(g2): −3.3654832 to 0.2054832
    expectClose(c.ci![0], -0.2054832, { rel: 1e-6 });
    expectClose(c.ci![1], 3.3654832, { rel: 1e-6 });
  });

  test.for(reference.gammaIncompleteUpper)("Q($a, $x)", (c) => {
    expectClose(gammaIncompleteUpper(c.a, c.x), c.q, { rel: 1e-12, abs: 1e-300 });
  });
  test.for(reference.chiSquareSf)("chi-square upper tail at $x with $df df", (c) => {
    expectClose(chiSquareSf(c.x, c.df), c.sf, { rel: 1e-12 });
  });
  test.for(reference.fSf)("F upper tail at $f with ($d1, $d2) df", (c) => {
    expectClose(fSf(c.f, c.d1, c.d2), c.sf, { rel: 1e-11 });
  });

  test("fewer than two groups or categories with data: no test", () => {
    expect(chiSquareHomogeneity([[3, 4]])).toBeNull();
    expect(chiSquareHomogeneity([[3, 0], [5, 0]])).toBeNull();
    expect(welchAnova([{ mean: 1, variance: 1, n: 5 }, { mean: 2, variance: 0, n: 5 }])).toBeNull();
  });
});
