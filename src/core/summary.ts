import { fail } from "./errors";
import { describe } from "./input";

/**
 * Check that `s` is a non-null object whose `kind` is `kind` (summaries may come from JSON).
 * @internal
 * @example
 * ```ts
 * checkKind("npsFromSummary", { kind: "nps" }, "nps"); // passes
 * ```
 */
export function checkKind(fn: string, s: unknown, kind: string, index?: number): void {
  if (s === null || typeof s !== "object" || (s as { kind?: unknown }).kind !== kind) {
    const got = s !== null && typeof s === "object" && "kind" in s ? `a summary of kind ${describe((s as { kind: unknown }).kind)}` : describe(s);
    fail(fn, "INVALID_SUMMARY", `expected a summary of kind "${kind}"${where(index)}, got ${got}`, index);
  }
}

function where(index: number | undefined): string {
  return index === undefined ? "" : ` (summary ${index})`;
}

/**
 * Check that `s[field]` is a finite, non-negative number (an integer when `integer`).
 * @internal
 * @example
 * ```ts
 * checkCount("f", { n: 3 }, "n", true); //=> 3
 * ```
 */
export function checkCount(fn: string, s: object, field: string, integer: boolean, index?: number): number {
  const v = (s as Record<string, unknown>)[field];
  if (typeof v !== "number" || !(v >= 0) || v === Infinity || (integer && !Number.isSafeInteger(v))) {
    fail(fn, "INVALID_SUMMARY", `expected ${field}${where(index)} to be a ${integer ? "whole" : "finite"} non-negative number, got ${describe(v)}`, index);
  }
  return v;
}

/**
 * Check that a summary's weight totals are consistent: the sum of squared weights is 0 exactly
 * when the total weight is 0, and otherwise Kish's effective n lies between 1 and n (Cauchy–Schwarz),
 * up to rounding.
 * @internal
 * @example
 * ```ts
 * checkWeightTotals("f", 2, 2, 2); // passes: two answers of weight 1
 * ```
 */
export function checkWeightTotals(fn: string, n: number, total: number, weightSquares: number, index?: number): void {
  const effectiveN = kishEffectiveN(total, weightSquares);
  const ok =
    total === 0 ? weightSquares === 0 : weightSquares > 0 && effectiveN >= 1 - 1e-9 && effectiveN <= n * (1 + 1e-9);
  if (!ok || effectiveN === Infinity || effectiveN !== effectiveN) {
    fail(fn, "INVALID_SUMMARY", `expected weight totals consistent with the counts${where(index)} (total ${total}, sum of squares ${weightSquares}, n ${n})`, index);
  }
}

/**
 * Kish's effective sample size, (Σw)² / Σw². Equals n when every weight is 1.
 *
 * Source: L. Kish, Survey Sampling (1965), §11.7.
 * @internal
 * @example
 * ```ts
 * kishEffectiveN(4, 4); //=> 4
 * ```
 */
export function kishEffectiveN(weightSum: number, weightSquares: number): number {
  return weightSquares > 0 ? (weightSum * weightSum) / weightSquares : 0;
}

/**
 * A kind of mergeable summary: one plain object that says, in one place, how a summary of the
 * kind starts, merges, is checked, counts its observations and finishes. Every metric family of
 * the library has one (`npsKind`, `csatKind`, `ticketTimeKind`, `churnKind`, `rfmHistogramKind`…),
 * and a third-party metric builds its own with {@link defineSummaryKind}.
 *
 * Definition (the laws every kind keeps, and the tests check with fast-check):
 * - `merge` is associative and commutative: any split of the input, summarized and merged in any
 *   order or tree, gives the summary of the whole (up to floating-point rounding);
 * - `empty(params)` is its identity: `merge(s, empty(params))` equals `s` for every summary `s`
 *   made with the same parameters (scale, unit, clock…);
 * - a summary is plain JSON: `check(JSON.parse(JSON.stringify(s)))` equals `s`;
 * - an empty summary is legal everywhere, and `finish` of one throws `EMPTY_INPUT` (never a NaN).
 *
 * Source: the monoid of summaries of d3-array's and arquero's aggregates; Chan, Golub & LeVeque
 * (1979) for merging moments.
 *
 * @typeParam S - The summary (a plain JSON object with a `kind` field).
 * @typeParam Result - What `finish` returns.
 * @typeParam Params - What `empty` needs to make the identity (a scale, a unit…); `void` when nothing.
 * @typeParam FinishOptions - The options of `finish` (`confidence`…).
 * @category Core
 */
export interface SummaryKind<S, Result, Params = void, FinishOptions = undefined> {
  /** The summaries' `kind` field (`"nps"`, `"ticket-times"`…). */
  readonly kind: string;
  /** The empty summary (every count zero) for these parameters: the identity of `merge`. */
  readonly empty: (params?: Params) => S;
  /** Merge one or more summaries made with the same parameters; throws `INVALID_SUMMARY` when they differ, `EMPTY_INPUT` for none. */
  readonly merge: (...summaries: S[]) => S;
  /** Check a summary read from anywhere (JSON, SQL, a worker) and return a fresh copy; throws `INVALID_SUMMARY`. `index` names it in errors. */
  readonly check: (summary: unknown, index?: number) => S;
  /** The number of observations behind a summary; 0 for an empty one. */
  readonly count: (summary: S) => number;
  /** The result of a summary; throws `EMPTY_INPUT` when `count` is 0. */
  readonly finish: (summary: S, options?: FinishOptions) => Result;
}

const KIND_FIELDS = ["kind", "empty", "merge", "check", "count", "finish"] as const;

/**
 * Define a {@link SummaryKind}: check the description and return it frozen. Nothing is registered
 * anywhere (no global state), so two packages may define kinds of the same name without clashing.
 *
 * Definition: see {@link SummaryKind} for the laws `merge`, `empty`, `check` and `finish` keep;
 * `defineSummaryKind` checks the shape (a non-empty `kind` string and five functions), not the laws:
 * test those with your own property tests (the library's are in `test/helpers/monoid-laws.ts`).
 *
 * @param spec - The kind: `kind`, `empty`, `merge`, `check`, `count`, `finish`.
 * @returns The frozen kind.
 * @throws {@link CxMetricsError} `INVALID_OPTION` for a missing or ill-typed field, or an unknown one.
 * @example
 * ```ts
 * import { defineSummaryKind } from "cx-metrics";
 * // the share of tickets solved in one contact
 * const fcrKind = defineSummaryKind({
 *   kind: "fcr",
 *   empty: () => ({ kind: "fcr", solved: 0, n: 0 }),
 *   merge: (...s) => ({ kind: "fcr", solved: s.reduce((a, x) => a + x.solved, 0), n: s.reduce((a, x) => a + x.n, 0) }),
 *   check: (s) => ({ kind: "fcr", solved: s.solved, n: s.n }),
 *   count: (s) => s.n,
 *   finish: (s) => ({ value: (100 * s.solved) / s.n, n: s.n }),
 * });
 * fcrKind.finish(fcrKind.merge({ kind: "fcr", solved: 3, n: 4 }, fcrKind.empty())).value; //=> 75
 * ```
 * @category Core
 */
/* @__NO_SIDE_EFFECTS__ */
export function defineSummaryKind<S, Result, Params = void, FinishOptions = undefined>(spec: SummaryKind<S, Result, Params, FinishOptions>): SummaryKind<S, Result, Params, FinishOptions> {
  const fn = "defineSummaryKind";
  if (spec === null || typeof spec !== "object") fail(fn, "INVALID_OPTION", `expected a kind { kind, empty, merge, check, count, finish }, got ${describe(spec)}`);
  for (const k of Object.keys(spec)) {
    if (!(KIND_FIELDS as readonly string[]).includes(k)) fail(fn, "INVALID_OPTION", `unknown field ${k} (known: ${KIND_FIELDS.join(", ")})`);
  }
  if (typeof spec.kind !== "string" || spec.kind === "") fail(fn, "INVALID_OPTION", `expected kind to be a non-empty string, got ${describe(spec.kind)}`);
  for (const k of KIND_FIELDS) {
    if (k !== "kind" && typeof spec[k] !== "function") fail(fn, "INVALID_OPTION", `kind "${spec.kind}": expected ${k} to be a function, got ${describe(spec[k])}`);
  }
  return Object.freeze({ kind: spec.kind, empty: spec.empty, merge: spec.merge, check: spec.check, count: spec.count, finish: spec.finish });
}
