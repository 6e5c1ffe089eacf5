// Inputs as users hold them (issue 13, items 4 and 5): BigInt from DuckDB, any iterable, Apache
// Arrow vectors with nulls, and options checked against the known keys. Expected values are
// counted by hand from the inputs written in each test.
import { tableFromArrays, vectorFromArray, Int32, Int64, Float64 } from "apache-arrow";
import { describe, expect, test } from "vitest";
import { ces, compareNps, csat, CxMetricsError, holm, kaplanMeier, kendall, laggedCorrelation, linearRegression, nps, npsFromCounts, npsSummary, pearson, spearman } from "../../src/index";
import { thrown } from "../helpers/tables";

function code(call: () => unknown): unknown {
  const e = thrown(call);
  expect(e).toBeInstanceOf(CxMetricsError);
  return (e as CxMetricsError).code;
}

describe("BigInt values (DuckDB returns BIGINT columns as bigint)", () => {
  test("nps reads exact bigint scores as numbers, in arrays and through an accessor", () => {
    // 10, 9 promoters; 10n promoter: 3 of 3 → NPS 100
    expect(nps(Object.freeze([10, 9, 10n]) as never).value).toBe(100);
    expect(nps(Object.freeze([{ s: 10n }, { s: 3n }]), (r) => r.s as never).value).toBe(0);
    expect(nps(BigInt64Array.of(10n, 0n, 7n, 9n) as never).value).toBe(25);
  });

  test("csat and ces read bigint scores", () => {
    expect(csat(Object.freeze([5n, 4n, 1n, 2n]) as never).value).toBe(50);
    expect(ces(Object.freeze([7n, 1n]) as never).mean).toBe(4);
  });

  test("a bigint off the scale or too large for a double is OUT_OF_RANGE, not a TypeError", () => {
    expect(code(() => nps([10, 11n] as never))).toBe("OUT_OF_RANGE");
    expect(code(() => nps([10, 2n ** 80n] as never))).toBe("OUT_OF_RANGE");
    expect(code(() => csat([5, -(2n ** 80n)] as never))).toBe("OUT_OF_RANGE");
  });

  test("exact bigint weights are read; inexact ones are INVALID_WEIGHT", () => {
    // weights 3, 1: promoter weight 3, detractor 1 → 100·(3 − 1)/4 = 50
    expect(nps([10, 0], { weights: [3n, 1n] as never }).value).toBe(50);
    expect(code(() => nps([10, 0], { weights: [2n ** 60n + 1n, 1n] as never }))).toBe("INVALID_WEIGHT");
  });
});

describe("iterables and Arrow vectors", () => {
  test("a Set, a generator and map.values() are read like arrays", () => {
    expect(nps(new Set([10, 9, 0]) as never).value).toBeCloseTo(100 / 3, 12);
    function* answers() {
      yield 10;
      yield null;
      yield 6;
    }
    const r = nps(answers() as never);
    expect([r.n, r.skipped, r.value]).toEqual([2, 1, 0]);
    expect(csat(new Map([["a", 5], ["b", 1]]).values() as never).value).toBe(50);
  });

  test("an Arrow column with nulls counts the nulls as no answer (not as the 0 toArray() puts there)", () => {
    const v = vectorFromArray([10, null, 9, 3, null], new Int32());
    expect(v.nullCount).toBe(2);
    const r = nps(v as never);
    // 10, 9 promoters, 3 detractor; two nulls skipped → 100·(2 − 1)/3
    expect(r.n).toBe(3);
    expect(r.skipped).toBe(2);
    expect(r.value).toBeCloseTo(100 / 3, 12);
  });

  test("an Arrow table's column without nulls, and an Int64 column, are read", () => {
    const t = tableFromArrays({ score: Float64Array.of(10, 9, 0, 7) });
    expect(nps(t.getChild("score") as never).value).toBe(25);
    const big = vectorFromArray([5n, 4n, null, 1n], new Int64());
    const c = csat(big as never);
    expect([c.n, c.skipped]).toEqual([3, 1]);
    expect(c.value).toBeCloseTo(200 / 3, 12);
    const w = vectorFromArray([3, 1], new Float64());
    expect(nps([10, 0], { weights: w as never }).value).toBe(50);
  });

  test("an Arrow vector of weights with a null is INVALID_WEIGHT", () => {
    const w = vectorFromArray([3, null], new Float64());
    expect(code(() => nps([10, 0], { weights: w as never }))).toBe("INVALID_WEIGHT");
  });

  test("a number, a string or a plain object is INVALID_INPUT", () => {
    expect(code(() => nps(5 as never))).toBe("INVALID_INPUT");
    expect(code(() => nps("10, 9" as never))).toBe("INVALID_INPUT");
    expect(code(() => csat({ a: 5 } as never))).toBe("INVALID_INPUT");
  });
});

describe("unknown option keys", () => {
  test("a misspelt option is INVALID_OPTION naming the nearest known key", () => {
    const e = thrown(() => nps([10, 9], { confidnce: 0.5 } as never)) as CxMetricsError;
    expect(e.code).toBe("INVALID_OPTION");
    expect(e.fn).toBe("nps");
    expect(e.message).toMatch(/unknown option "confidnce" \(did you mean "confidence"\?\)/);
  });

  test("every survey entry point checks its keys", () => {
    expect(code(() => npsSummary([10], { wieghts: [1] } as never))).toBe("INVALID_OPTION");
    expect(code(() => npsFromCounts({ promoters: 1, passives: 0, detractors: 0 }, { scale: {} } as never))).toBe("INVALID_OPTION");
    expect(code(() => csat([5], { satisfied: 4 } as never))).toBe("INVALID_OPTION");
    expect(code(() => ces([5], { verison: "2.0" } as never))).toBe("INVALID_OPTION");
    expect(code(() => compareNps([10], [0], { methd: "wald" } as never))).toBe("INVALID_OPTION");
  });

  test("a __proto__ key from JSON is refused, not dropped", () => {
    const options = JSON.parse('{"__proto__": {"confidence": 0.5}}') as object;
    const e = thrown(() => nps([10, 9], options as never)) as CxMetricsError;
    expect(e.code).toBe("INVALID_OPTION");
    expect(e.message).toMatch(/"__proto__"/);
  });

  test("the known keys pass", () => {
    expect(nps([10, 0], { confidence: 0.9, method: "wald", weights: [1, 1], invalid: "throw" }).value).toBe(0);
  });
});

describe("paired inputs (pearson, spearman, kendall, linearRegression)", () => {
  // x = 1..5, y = 2x: every coefficient is exactly 1, whatever form the columns come in
  const x = [1, 2, 3, 4, 5];
  const y = [2, 4, 6, 8, 10];
  test("Sets, generators, Arrow vectors and BigInt columns give the same result as arrays", () => {
    const asBig = BigInt64Array.from(y.map((v) => BigInt(v)));
    function* gen() {
      yield* x;
    }
    expect(pearson(new Set(x) as never, asBig as never).r).toBeCloseTo(1, 14);
    expect(spearman(gen() as never, y.map((v) => BigInt(v)) as never).r).toBeCloseTo(1, 14);
    expect(kendall(vectorFromArray(x, new Float64()) as never, y).r).toBeCloseTo(1, 14);
    expect(linearRegression(x, vectorFromArray(y.map(BigInt), new Int64()) as never).slope).toBeCloseTo(2, 14);
  });

  test("a null in a pair (an Arrow null) and an inexact bigint are typed errors", () => {
    expect(code(() => pearson(vectorFromArray([1, null, 3], new Float64()) as never, [1, 2, 3]))).toBe("INVALID_SCORE");
    expect(code(() => pearson([1, 2, 3], [1n, 2n, 2n ** 60n + 1n] as never))).toBe("OUT_OF_RANGE");
    expect(code(() => kendall([1, 2, 3], 7 as never))).toBe("INVALID_INPUT");
  });
});

describe("rows that are not there", () => {
  test("a null row or a hole is INVALID_INPUT at its index, and the accessor is never called on it", () => {
    let calledOnNull = false;
    const read = (r: { s: number } | null) => {
      if (r === null || r === undefined) calledOnNull = true;
      return r!.s;
    };
    for (const call of [() => nps([{ s: 9 }, null], read as never), () => csat([{ s: 5 }, null], read as never), () => ces([{ s: 5 }, null], read as never)]) {
      const e = thrown(call) as CxMetricsError;
      expect(e).toBeInstanceOf(CxMetricsError);
      expect([e.code, e.index]).toEqual(["INVALID_INPUT", 1]);
    }
    // eslint-disable-next-line no-sparse-arrays
    expect((thrown(() => nps([{ s: 9 }, , { s: 10 }] as never, read as never)) as CxMetricsError).index).toBe(1);
    expect(calledOnNull).toBe(false);
  });

  test("under invalid: \"skip\" a missing row is counted as invalid", () => {
    const r = nps([{ s: 9 }, null, { s: 0 }], (x: { s: number } | null) => x!.s, { invalid: "skip" });
    expect([r.n, r.invalid, r.value]).toEqual([2, 1, 0]);
  });
});

describe("Kaplan–Meier, p-value adjustment and lagged correlation take the same inputs", () => {
  test("kaplanMeier reads bigint durations, an Arrow events column and a Set", () => {
    // durations 1, 2, 3, 4 all events: S drops by a quarter at each time (hand count)
    const a = kaplanMeier(BigInt64Array.of(1n, 2n, 3n, 4n) as never, vectorFromArray([1, 1, 1, 1], new Int32()) as never);
    const b = kaplanMeier([1, 2, 3, 4], [1, 1, 1, 1]);
    expect(Array.from(a.survival)).toEqual(Array.from(b.survival));
    expect(Array.from(b.survival)).toEqual([0.75, 0.5, 0.25, 0]);
    expect(kaplanMeier(new Set([1, 2, 3, 4]) as never, [true, true, true, true]).survival[0]).toBe(0.75);
    expect(code(() => kaplanMeier([1, 2n ** 60n + 1n] as never, [1, 1]))).toBe("INVALID_SCORE");
  });

  test("holm takes an iterable of p-values; laggedCorrelation two Arrow columns", () => {
    expect(holm(new Set([0.01, 0.04]) as never)).toEqual(holm([0.01, 0.04]));
    const m = [1, 2, 3, 4, 5, 6, 7, 8];
    const o = [2, 1, 4, 3, 6, 5, 8, 7];
    const viaArrow = laggedCorrelation(vectorFromArray(m, new Float64()) as never, vectorFromArray(o, new Float64()) as never, { maxLag: 1 });
    expect(viaArrow).toEqual(laggedCorrelation(m, o, { maxLag: 1 }));
  });
});
