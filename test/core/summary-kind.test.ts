// The summary-kind contract itself (core/summary.ts, core/metric.ts): defineSummaryKind and
// metricFrom refuse what is not a kind or a spec, and a metric made by metricFrom is the kind's
// monoid with the spec's description. The laws of each built-in kind are tested in its domain's
// property file with test/helpers/monoid-laws.ts; here they are checked once on a hand-made kind,
// which also shows that monoidLaws can fail (a kind whose merge forgets a field).
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { CxMetricsError, defineSummaryKind, metricFrom } from "../../src/index";
import { expectDeepClose, monoidLaws } from "../helpers/monoid-laws";
import { bad, badInput } from "../helpers/tables";

interface Tally {
  kind: "tally";
  hits: number;
  n: number;
}
const check = (s: unknown, index?: number): Tally => {
  const t = s as Tally;
  if (t === null || typeof t !== "object" || t.kind !== "tally" || !Number.isSafeInteger(t.hits) || !Number.isSafeInteger(t.n) || t.hits < 0 || t.hits > t.n) {
    throw new CxMetricsError("INVALID_SUMMARY", "tally: bad summary", index);
  }
  return { kind: "tally", hits: t.hits, n: t.n };
};
const tallyKind = defineSummaryKind<Tally, { share: number; n: number }>({
  kind: "tally",
  empty: () => ({ kind: "tally", hits: 0, n: 0 }),
  merge: (...s) => s.map((x, i) => check(x, i)).reduce((a, x) => ({ kind: "tally", hits: a.hits + x.hits, n: a.n + x.n }), { kind: "tally", hits: 0, n: 0 } as Tally),
  check,
  count: (s) => s.n,
  finish: (s) => {
    if (s.n === 0) throw new CxMetricsError("EMPTY_INPUT", "tally: no rows");
    return { share: s.hits / s.n, n: s.n };
  },
});
const summarize = (xs: boolean[]): Tally => ({ kind: "tally", hits: xs.filter(Boolean).length, n: xs.length });

describe("monoidLaws on a hand-made kind", () => {
  monoidLaws(tallyKind, fc.array(fc.boolean(), { maxLength: 20 }), { summarize, concat: (parts) => parts.flat() });
});

test("monoidLaws' comparison fails on a merge that forgets a field", () => {
  const forgetful = tallyKind.merge(summarize([true, false]), summarize([true]));
  expect(() => expectDeepClose({ ...forgetful, hits: forgetful.hits - 1 }, forgetful)).toThrow(/\$\.hits/);
  expect(() => expectDeepClose({ a: 1 }, { a: 1, b: 2 })).toThrow(/keys/);
  expect(() => expectDeepClose(1, 1 + 1e-6)).toThrow(/differs/);
  expect(() => expectDeepClose(1, 1 + 1e-12)).not.toThrow();
});

test("defineSummaryKind returns a frozen kind with exactly the six members", () => {
  expect(Object.isFrozen(tallyKind)).toBe(true);
  expect(Object.keys(tallyKind).sort()).toEqual(["check", "count", "empty", "finish", "kind", "merge"]);
});

describe("defineSummaryKind refuses what is not a kind", () => {
  const f = () => ({});
  const ok = { kind: "k", empty: f, merge: f, check: f, count: f, finish: f };
  badInput(defineSummaryKind as (...a: unknown[]) => unknown, [
    bad("defineSummaryKind", [null], "INVALID_OPTION"),
    bad("defineSummaryKind", [{ ...ok, kind: "" }], "INVALID_OPTION", undefined, "empty kind"),
    bad("defineSummaryKind", [{ ...ok, kind: 3 }], "INVALID_OPTION"),
    bad("defineSummaryKind", [{ ...ok, merge: undefined }], "INVALID_OPTION", undefined, "merge missing"),
    bad("defineSummaryKind", [{ ...ok, finish: "finish" }], "INVALID_OPTION"),
    bad("defineSummaryKind", [{ ...ok, combine: f }], "INVALID_OPTION", undefined, "unknown member"),
  ]);
});

describe("metricFrom", () => {
  const spec = { id: "hit", label: "Hit rate", unit: "%", direction: "higher-is-better" as const, summarize: (rows: ArrayLike<{ hit: boolean }>) => summarize(Array.from(rows, (r) => r.hit)), value: (r: { share: number }) => 100 * r.share };

  test("the metric is the kind's monoid with the spec's description", () => {
    const m = metricFrom(tallyKind, spec);
    const a = m.summarize([{ hit: true }, { hit: false }]);
    const b = m.summarize([{ hit: true }]);
    expect(m.merge(a, b)).toEqual({ kind: "tally", hits: 2, n: 3 });
    expect(m.empty()).toEqual(tallyKind.empty());
    expect(m.count(m.merge(a, b))).toBe(3);
    expect(m.value(m.finish(m.merge(a, m.empty(), b)))).toBeCloseTo(200 / 3, 12);
    expect(JSON.parse(JSON.stringify(m))).toEqual({ id: "hit", label: "Hit rate", unit: "%", direction: "higher-is-better" });
    expect(() => m.finish(m.empty())).toThrow(expect.objectContaining({ code: "EMPTY_INPUT" }));
  });

  test("params reach the kind's empty and finishOptions its finish", () => {
    const seen: unknown[] = [];
    const k = defineSummaryKind<Tally, number, { tag: string }, { scale: number }>({
      ...tallyKind,
      empty: (p) => (seen.push(p), tallyKind.empty()),
      finish: (s, o) => (100 * s.hits * (o?.scale ?? 1)) / s.n,
    });
    const m = metricFrom(k, { ...spec, value: (r: number) => r, params: { tag: "x" }, finishOptions: { scale: 0.5 } });
    m.empty();
    expect(seen).toEqual([{ tag: "x" }]);
    expect(m.finish({ kind: "tally", hits: 1, n: 2 })).toBe(25);
  });

  badInput(metricFrom as (...a: unknown[]) => unknown, [
    bad("metricFrom", [null, spec], "INVALID_OPTION", undefined, "no kind"),
    bad("metricFrom", [{ kind: "tally" }, spec], "INVALID_OPTION", undefined, "not a kind"),
    bad("metricFrom", [tallyKind, { ...spec, merge: () => ({}) }], "INVALID_OPTION", undefined, "merge comes from the kind"),
    bad("metricFrom", [tallyKind, { ...spec, direction: "up" }], "INVALID_OPTION", undefined, "as defineMetric"),
  ]);
});
