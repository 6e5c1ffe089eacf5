/**
 * Read a result of `nps()`, `npsFromCounts()`, `csat()` or `ces()` back as the summary it was
 * finished from, for the comparisons. Internal: used by `compareNps`, `compareCsat`, `compareCes`.
 *
 * A result keeps its raw counts and its (weighted) shares, but not the weights behind them, so only
 * an unweighted result can be turned back into its summary. A result is recognised as unweighted
 * when its effective n equals n and every share equals 100·count/n (to 1e-12 relative), which holds
 * exactly when no weights were given or every weight was the same (then weighting changes nothing).
 * @module
 */
import { fail } from "../core/errors";
import { describe } from "../core/input";
import { countsSummary, type NpsScale, type NpsSummary } from "./nps";
import { checkDistribution, type ScoreDistributionSummary } from "./score-distribution";

const REL = 1e-12;

/**
 * Whether a comparison's group is a result object (of `nps()`, `csat()`, `ces()`) rather than
 * scores, a tally or a summary: a plain object without `kind` or `length` that has `effectiveN`,
 * `distribution` or `value`.
 * @internal
 * @example
 * ```ts
 * [isResult({ value: 20, effectiveN: 5 }), isResult({ promoters: 1, passives: 0, detractors: 0 }), isResult([9])]; //=> [true, false, false]
 * ```
 */
export function isResult(x: unknown): x is object {
  if (x === null || typeof x !== "object" || "kind" in x || typeof (x as { length?: unknown }).length === "number") return false;
  return "effectiveN" in x || "distribution" in x || "value" in x;
}

function near(actual: number, expected: number, scale: number): boolean {
  return Math.abs(actual - expected) <= REL * scale;
}

function readNumber(fn: string, r: Record<string, unknown>, field: string, what: string): number {
  const v = r[field];
  if (typeof v !== "number" || !Number.isFinite(v)) {
    fail(fn, "INVALID_INPUT", `expected ${what} with a finite number in ${field}, got ${describe(v)}`);
  }
  return v;
}

/** `skipped` / `invalid` of a result: absent is 0, otherwise a whole number ≥ 0. */
function readTally(fn: string, r: Record<string, unknown>, field: string, what: string): number {
  if (r[field] === undefined) return 0;
  const v = readNumber(fn, r, field, what);
  if (!Number.isInteger(v) || v < 0) fail(fn, "INVALID_INPUT", `expected ${what} with a whole number ≥ 0 in ${field}, got ${v}`);
  return v;
}

function weighted(fn: string, what: string, effectiveN: number, n: number, summary: string): never {
  return fail(
    fn,
    "INVALID_INPUT",
    `expected an unweighted result; this result of ${what} was computed with survey weights (effectiveN ${effectiveN} of n ${n}), ` +
      `and a result keeps the weighted shares but not the weights, so the comparison cannot be rebuilt from it: pass ${summary} (or the scores and weights) instead`,
  );
}

/**
 * The summary behind an unweighted result of `nps()` or `npsFromCounts()`, on `scale` (a result
 * does not record its scale).
 * @internal
 * @example
 * ```ts
 * const r = { value: 20, n: 5, effectiveN: 5, promoters: 2, passives: 2, detractors: 1, promoterShare: 40, passiveShare: 40, detractorShare: 20 };
 * npsResultSummary("f", r, { min: 0, max: 10, passiveMin: 7, promoterMin: 9 }).promoterWeight; //=> 2
 * ```
 */
export function npsResultSummary(fn: string, result: object, scale: NpsScale): NpsSummary {
  const r = result as Record<string, unknown>;
  const what = "a result of nps()";
  const fields = ["promoters", "passives", "detractors", "n", "effectiveN", "value", "promoterShare", "passiveShare", "detractorShare"];
  for (const f of fields) readNumber(fn, r, f, what);
  const s = countsSummary(fn, { promoters: r.promoters as number, passives: r.passives as number, detractors: r.detractors as number });
  const n = s.n;
  if (r.n !== n) fail(fn, "INVALID_INPUT", `expected ${what} whose n (${r.n as number}) is promoters + passives + detractors (${n})`);
  // n = 0 passes here and is refused by the finish (EMPTY_INPUT), as an empty tally is
  const unweighted =
    n === 0 ||
    (near(r.effectiveN as number, n, n) &&
    near(r.promoterShare as number, (100 * s.promoters) / n, 100) &&
    near(r.passiveShare as number, (100 * s.passives) / n, 100) &&
    near(r.detractorShare as number, (100 * s.detractors) / n, 100) &&
    near(r.value as number, (100 * (s.promoters - s.detractors)) / n, 100));
  if (!unweighted) weighted(fn, "nps()", r.effectiveN as number, n, "npsSummary(scores, { weights })");
  return { ...s, scale: { ...scale }, skipped: readTally(fn, r, "skipped", what), invalid: readTally(fn, r, "invalid", what) };
}

/**
 * The summary behind an unweighted result of `csat()` or `ces()`, read from its `distribution`
 * (raw count and share per scale point) and `scale`. `what` names the function (`"ces()"`) and
 * `summary` the call to suggest instead (`"cesSummary(scores, { weights })"`).
 * @internal
 * @example
 * ```ts
 * const r = { n: 2, effectiveN: 2, scale: { min: 1, max: 3 }, distribution: [{ score: 1, count: 1, share: 50 }, { score: 2, count: 0, share: 0 }, { score: 3, count: 1, share: 50 }] };
 * distributionResultSummary("f", r, "csat", "csat()", "csatSummary(scores)").counts; //=> [1, 0, 1]
 * ```
 */
export function distributionResultSummary<K extends string>(
  fn: string,
  result: object,
  kind: K,
  what: string,
  summary: string,
): ScoreDistributionSummary<K> {
  const r = result as Record<string, unknown>;
  const described = `a result of ${what}`;
  const d = r.distribution;
  if (!Array.isArray(d)) {
    fail(fn, "INVALID_INPUT", `expected ${described} with its distribution (the count and share of every score), which the comparison needs; this one has ${d === undefined ? "none" : describe(d)}: pass ${summary} or the scores instead`);
  }
  const sc = r.scale as { min?: unknown; max?: unknown } | null | undefined;
  if (sc === null || typeof sc !== "object" || !Number.isInteger(sc.min) || !Number.isInteger(sc.max) || !((sc.max as number) > (sc.min as number))) {
    fail(fn, "INVALID_INPUT", `expected ${described} with its scale { min, max }, got ${describe(sc)}`);
  }
  const min = sc.min as number;
  const max = sc.max as number;
  if (d.length !== max - min + 1) {
    fail(fn, "INVALID_INPUT", `expected ${described} whose distribution has one point per score from ${min} to ${max}, got ${d.length}`);
  }
  const counts: number[] = [];
  const shares: number[] = [];
  for (let i = 0; i < d.length; i++) {
    const p = d[i] as { score?: unknown; count?: unknown; share?: unknown } | null;
    const ok =
      p !== null &&
      typeof p === "object" &&
      p.score === min + i &&
      typeof p.count === "number" &&
      Number.isInteger(p.count) &&
      p.count >= 0 &&
      p.count <= 2 ** 40 &&
      typeof p.share === "number" &&
      Number.isFinite(p.share);
    if (!ok) fail(fn, "INVALID_INPUT", `expected ${described} whose distribution point ${i} is { score: ${min + i}, count, share } with a whole count ≥ 0, got ${describe(p)}`);
    counts.push(p!.count as number);
    shares.push(p!.share as number);
  }
  const n = counts.reduce((a, b) => a + b, 0);
  if (readNumber(fn, r, "n", described) !== n) fail(fn, "INVALID_INPUT", `expected ${described} whose n (${r.n as number}) is the sum of its distribution's counts (${n})`);
  const effectiveN = readNumber(fn, r, "effectiveN", described);
  const unweighted = n === 0 || (near(effectiveN, n, n) && counts.every((c, i) => near(shares[i]!, (100 * c) / n, 100)));
  if (!unweighted) weighted(fn, what, effectiveN, n, summary);
  const s = {
    kind,
    scale: { min, max },
    n,
    counts,
    weights: counts.slice(),
    weightSquares: n,
    skipped: readTally(fn, r, "skipped", described),
    invalid: readTally(fn, r, "invalid", described),
  };
  return checkDistribution(fn, s, kind);
}
