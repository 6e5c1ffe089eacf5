// Reference values of the core families (src/core): meanFromSummary (mean, sample sd, standard
// error and Student-t interval) against test/fixtures/mean_reference.json, made by
// test/fixtures/mean_reference.py (mpmath at 60 digits for the moments, scipy 1.17's
// stats.t.interval for the interval), and against a printed textbook value.
import { describe, expect, test } from "vitest";
import { meanFromSummary, meanSummary, mergeMeanSummaries } from "../../src/index";
import { expectClose } from "../helpers/close";
import reference from "../fixtures/mean_reference.json";

interface Case {
  name: string;
  values: number[];
  confidence: number;
  mean: number;
  m2: number;
  sd: number;
  se: number;
  ci: [number, number];
}

const cases = reference.cases as Case[];

/** Chunks of sizes 1, 2, 3, … (the last one shorter), to check the merged route. */
function chunks(v: readonly number[]): number[][] {
  const out: number[][] = [];
  for (let i = 0, k = 1; i < v.length; i += k, k++) out.push(v.slice(i, i + k));
  return out;
}

describe("meanFromSummary against mpmath and scipy (test/fixtures/mean_reference.py)", () => {
  test.for(cases)("$name", (c) => {
    const values = Object.freeze([...c.values]);
    // the relative error of Welford's M2 grows with mean/sd (the 1e9 offset case: about 5e9)
    const rel = c.name.includes("1e9") ? 1e-6 : 1e-12;
    for (const [route, s] of [
      ["one pass", meanSummary(values)],
      ["merged chunks", mergeMeanSummaries(...chunks(values).map((v) => meanSummary(v)))],
    ] as const) {
      const r = meanFromSummary(s, { confidence: c.confidence });
      const label = `${c.name}, ${route}`;
      expect(r.n).toBe(c.values.length);
      expect(r.confidence).toBe(c.confidence);
      expectClose(r.mean, c.mean, { rel: 1e-14, label: `${label}: mean` });
      expectClose(r.sd!, c.sd, { rel, label: `${label}: sd` });
      expectClose(r.se!, c.se, { rel, label: `${label}: se` });
      expectClose(r.ci![0], c.ci[0], { rel: 1e-12, abs: rel * c.sd * 4, label: `${label}: ci low` });
      expectClose(r.ci![1], c.ci[1], { rel: 1e-12, abs: rel * c.sd * 4, label: `${label}: ci high` });
      expect(r.min).toBe(Math.min(...c.values));
      expect(r.max).toBe(Math.max(...c.values));
    }
  });

  test("Student's sleep data, group 1: R's t.test(sleep$extra[1:10]) prints mean 0.75 and the 95% interval −0.5297804 to 2.0297804", () => {
    // R documentation of `sleep` and `t.test`; the same numbers in most introductory texts
    const r = meanFromSummary(meanSummary([0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]));
    expectClose(r.mean, 0.75, { rel: 1e-14 });
    expectClose(r.ci![0], -0.5297804, { abs: 5e-8 });
    expectClose(r.ci![1], 2.0297804, { abs: 5e-8 });
  });
});
