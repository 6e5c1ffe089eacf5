// Reference values from test/fixtures/survey_reference.json, computed with mpmath at 60 significant
// digits (ncdf; the t cdf through the regularized incomplete beta; quantiles by root finding) and
// rounded once to double. See test/fixtures/survey_reference.py.
import { describe, expect, it } from "vitest";
import fixture from "../fixtures/survey_reference.json";
import { normalCdf, normalQuantile, studentTCdf, studentTQuantile } from "../../src/index";
import { expectClose } from "../helpers/close";

describe("normalCdf", () => {
  it("is accurate to 1e-12 relative in both tails (x from -38 to 10)", () => {
    for (const { x, cdf, sf } of fixture.normCdf) {
      // the subnormal Φ(−38) = 2.885e−316 has only 23 significant bits
      const rel = cdf < 1e-300 ? 1e-6 : 1e-12;
      expectClose(normalCdf(x), cdf, { rel, label: `normalCdf(${x})` });
      // upper tail through symmetry: Φ(−x) = 1 − Φ(x)
      const upper = normalCdf(-x);
      expectClose(upper, sf, { rel: sf < 1e-300 ? 1e-6 : 1e-12, label: `1 - normalCdf(${x})` });
    }
  });

  it("maps ±Infinity to 0 and 1 and 0 to one half", () => {
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(Infinity)).toBe(1);
    expect(normalCdf(0)).toBe(0.5);
  });
});

describe("normalQuantile", () => {
  it("is accurate to 1e-12 relative for p from 1e-300 to 1 - 1e-10", () => {
    for (const { p, ppf } of fixture.normPpf) {
      expectClose(normalQuantile(p), ppf, { rel: 1e-12, abs: 1e-15, label: `normalQuantile(${p})` });
    }
  });

  it("inverts normalCdf (in the lower tail, where p keeps its precision)", () => {
    for (const x of [-30, -8, -3, -1, -0.1, 0.2, 1.5]) {
      expectClose(normalQuantile(normalCdf(x)), x, { rel: 1e-10, label: `x = ${x}` });
    }
  });

  it("returns ∓Infinity at 0 and 1", () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
  });
});

describe("studentTCdf", () => {
  it("is accurate to 1e-12 relative against mpmath for df from 1 to 1000", () => {
    for (const { x, df, cdf, sf } of fixture.tCdf) {
      expectClose(studentTCdf(x, df), cdf, { rel: 1e-12, label: `studentTCdf(${x}, ${df})` });
      expectClose(studentTCdf(-x, df), sf, { rel: 1e-12, label: `1 - studentTCdf(${x}, ${df})` });
    }
  });
});

describe("studentTQuantile", () => {
  it("is accurate to 1e-12 relative against mpmath for df from 1 to 1000", () => {
    for (const { p, df, ppf } of fixture.tPpf) {
      expectClose(studentTQuantile(p, df), ppf, { rel: 1e-12, abs: 1e-15, label: `studentTQuantile(${p}, ${df})` });
    }
  });

  it("approaches the normal quantile as df grows", () => {
    expectClose(studentTQuantile(0.975, 1e7), normalQuantile(0.975), { rel: 1e-6 });
  });
});
