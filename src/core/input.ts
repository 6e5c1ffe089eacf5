import { type CxMetricsErrorCode, fail } from "./errors";

/**
 * Reads one value of type `V` from a row (a score by default). Returning `null` or `undefined`
 * means "no answer": the row is skipped and counted in `skipped`.
 * @typeParam T - The row.
 * @typeParam V - The value read: a number or exact `bigint` by default; `boolean` for a success flag, a date for a clock.
 * @category Core
 */
export type Accessor<T, V = number | bigint> = (row: T, index: number) => V | null | undefined;

/**
 * Scores as callers hold them: an array or typed array (`BigInt64Array` included), an Apache Arrow
 * vector (`table.getChild("score")`, nulls are "no answer"), or any other iterable (a `Set`, a
 * generator). `null`/`undefined` mean "no answer"; a `bigint` is read as its number when exact.
 * @category Core
 */
export type ScoreInput = ArrayLike<number | bigint | null | undefined> | Iterable<number | bigint | null | undefined> | ArrowVectorLike;

/**
 * Rows as callers hold them: an array (or array-like) or any other iterable.
 * @category Core
 */
export type RowsInput<T> = ArrayLike<T> | Iterable<T>;

/**
 * Survey weights: one non-negative number per value (same length; an array, typed array, Arrow
 * vector or other iterable, an exact `bigint` read as its number), or, with rows, a function that
 * reads the weight of a row.
 * @category Core
 */
export type Weights<T = unknown> = ArrayLike<number | bigint> | Iterable<number | bigint> | ArrowVectorLike | ((row: T, index: number) => number | bigint);

/**
 * What to do with an invalid value (NaN, ±Infinity, off the scale, fractional on an integer scale,
 * not a number): `"throw"` (the default) throws a {@link CxMetricsError}; `"skip"` drops it and
 * counts it in the result's `invalid`.
 * @category Core
 */
export type InvalidPolicy = "throw" | "skip";

/**
 * Options every survey metric reads the same way.
 * @category Core
 */
export interface BaseOptions<T = unknown> {
  /** Survey weights (see {@link Weights}). Default: every value weighs 1. */
  weights?: Weights<T>;
  /** Invalid-value policy; default `"throw"`. */
  invalid?: InvalidPolicy;
}

/**
 * Split the `(values, options?)` / `(rows, accessor, options?)` overloads; the values may be any
 * input {@link toArrayLike} reads, and the options are checked against `known` (see
 * {@link readOptions}).
 * @internal
 * @example
 * ```ts
 * splitArgs("nps", [9, 10], { confidence: 0.9 }, undefined).options; //=> { confidence: 0.9 }
 * ```
 */
export function splitArgs<O>(
  fn: string,
  input: unknown,
  second: unknown,
  third: unknown,
  known?: readonly string[],
): { input: ArrayLike<unknown>; accessor: Accessor<any> | undefined; options: O } {
  const values = toArrayLike(fn, input, "an array, typed array, Arrow vector or other iterable of values");
  let accessor: Accessor<any> | undefined;
  let options: unknown;
  if (typeof second === "function") {
    accessor = second as Accessor<any>;
    options = third;
  } else {
    options = second;
  }
  return { input: values, accessor, options: readOptions<O>(fn, options, known) };
}

/**
 * The options object of a call: `{}` for `undefined`, the object itself, or an `INVALID_OPTION`
 * error for anything else (null, a number, an array). With `known`, a key that is not in the list
 * (a misspelling such as `confidnce`, or a `__proto__` key from JSON) is an `INVALID_OPTION` error
 * that names the nearest known key, instead of being ignored silently.
 * @internal
 * @example
 * ```ts
 * readOptions("nps", undefined); //=> {}
 * ```
 */
export function readOptions<O>(fn: string, options: unknown, known?: readonly string[]): O {
  if (options === undefined) return {} as O;
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    fail(fn, "INVALID_OPTION", `expected an options object, got ${describe(options)}`);
  }
  if (known !== undefined) checkKeys(fn, options, known, "option");
  return options as O;
}

/**
 * The keys of an options type as a list the compiler checks: every key of `T` must be listed and
 * nothing else, so a new option cannot be forgotten in the list that {@link readOptions} checks
 * callers' objects against. Returns the keys (no copy).
 * @internal
 * @example
 * ```ts
 * keysOf()("a", "b"); //=> ["a", "b"]
 * ```
 */
/* @__NO_SIDE_EFFECTS__ */
export function keysOf<T>() {
  return <const K extends readonly (keyof T & string)[]>(...keys: K & ([Exclude<keyof T & string, K[number]>] extends [never] ? unknown : { missing: Exclude<keyof T & string, K[number]> })): readonly string[] => keys;
}

/**
 * Refuse keys of `object` that are not in `known` with an `INVALID_OPTION` error naming the
 * nearest known key (edit distance) and the known keys. `what` names the kind of key ("option",
 * "field").
 */
function checkKeys(fn: string, object: object, known: readonly string[], what: string): void {
  for (const key of Object.keys(object)) {
    if (known.includes(key)) continue;
    const near = nearest(key, known);
    const shown = key.length > 40 ? `${key.slice(0, 40)}…` : key;
    fail(fn, "INVALID_OPTION", `unknown ${what} ${JSON.stringify(shown)}${near === undefined ? "" : ` (did you mean ${JSON.stringify(near)}?)`}; known ${what}s: ${known.join(", ")}`);
  }
}

/**
 * The candidate nearest to `word` by Levenshtein distance (case-insensitive), if it is within
 * max(2, ⌊length/3⌋) edits; `undefined` otherwise. O(|word|·Σ|candidate|).
 */
function nearest(word: string, candidates: readonly string[]): string | undefined {
  const a = word.toLowerCase().slice(0, 64);
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(a.length / 3)) + 1;
  for (const c of candidates) {
    const b = c.toLowerCase();
    let prev = new Array<number>(b.length + 1);
    for (let j = 0; j <= b.length; j++) prev[j] = j;
    for (let i = 1; i <= a.length; i++) {
      const cur = new Array<number>(b.length + 1);
      cur[0] = i;
      for (let j = 1; j <= b.length; j++) {
        cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      }
      prev = cur;
    }
    if (prev[b.length]! < bestD) {
      bestD = prev[b.length]!;
      best = c;
    }
  }
  return best;
}

/**
 * Row `i` of `rows`, or an `INVALID_INPUT` error naming the index when it is `null`, `undefined`
 * or a hole: the caller's accessors are never called on a row that is not there (a TypeError in
 * the user's `(r) => r.score` would say nothing about which row). O(1).
 * @internal
 * @example
 * ```ts
 * rowAt("f", [{ a: 1 }], 0); //=> { a: 1 }
 * ```
 */
export function rowAt<T>(fn: string, rows: ArrayLike<T>, i: number): T {
  const row = rows[i];
  if (row === null || row === undefined) fail(fn, "INVALID_INPUT", `expected a row at index ${i}, got ${row === null ? "null" : "nothing (undefined or a hole)"}`, i);
  return row;
}

/**
 * A short description of a value for error messages.
 * @internal
 * @example
 * ```ts
 * describe("9"); //=> 'the string "9"'
 * ```
 */
export function describe(v: unknown): string {
  if (v === null) return "null";
  if (typeof v === "string") return `the string ${JSON.stringify(v.length > 20 ? v.slice(0, 20) + "…" : v)}`;
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return `${typeof v} ${String(v)}`;
  if (Array.isArray(v)) return "an array";
  return typeof v === "object" ? "an object" : typeof v;
}

/**
 * Why `v` is not a valid score on the integer scale [min, max], or `undefined` when it is.
 * @internal
 * @example
 * ```ts
 * scoreProblem(4.5, 1, 5); //=> "NOT_INTEGER"
 * ```
 */
export function scoreProblem(v: unknown, min: number, max: number): CxMetricsErrorCode | undefined {
  if (typeof v !== "number") return "INVALID_SCORE";
  if (v !== v || v === Infinity || v === -Infinity) return "NON_FINITE";
  if (v < min || v > max) return "OUT_OF_RANGE";
  if (Math.floor(v) !== v) return "NOT_INTEGER";
  return undefined;
}

/**
 * The message for a score that failed {@link scoreProblem}.
 * @internal
 * @example
 * ```ts
 * scoreMessage("OUT_OF_RANGE", 11, 3, 0, 10); //=> "expected an integer score from 0 to 10 at index 3, got number 11"
 * ```
 */
export function scoreMessage(code: CxMetricsErrorCode, v: unknown, i: number, min: number, max: number): string {
  const what = code === "NOT_INTEGER" ? "a whole-number score" : "an integer score";
  return `expected ${what} from ${min} to ${max} at index ${i}, got ${describe(v)}`;
}

/**
 * Read and check the confidence level: a number strictly between 0 and 1 (default 0.95).
 * @internal
 * @example
 * ```ts
 * readConfidence("nps", undefined); //=> 0.95
 * ```
 */
export function readConfidence(fn: string, c: unknown): number {
  if (c === undefined) return 0.95;
  if (typeof c !== "number" || !(c > 0 && c < 1)) {
    fail(fn, "INVALID_OPTION", `expected confidence strictly between 0 and 1, got ${describe(c)}`);
  }
  return c;
}

/**
 * Read an option that must be one of a fixed list of strings.
 * @internal
 * @example
 * ```ts
 * readChoice("nps", "method", undefined, ["wald", "tango"], "wald"); //=> "wald"
 * ```
 */
export function readChoice<const C extends string>(
  fn: string,
  name: string,
  value: unknown,
  allowed: readonly C[],
  fallback: C,
): C {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as C)) {
    fail(fn, "INVALID_OPTION", `expected ${name} to be one of ${allowed.map((a) => `"${a}"`).join(", ")}, got ${describe(value)}`);
  }
  return value as C;
}

/**
 * The shape of an Apache Arrow `Vector` (or a column of an Arrow `Table`) that cx-metrics reads:
 * its length, its null count, `get(i)` (which returns `null` for a null slot) and `toArray()`.
 * Structural, so that `apache-arrow` stays an optional peer and is never imported.
 * @category Core
 */
export interface ArrowVectorLike {
  readonly length: number;
  readonly nullCount: number;
  get(index: number): unknown;
  isValid(index: number): boolean;
  toArray(): ArrayLike<unknown>;
}

/**
 * Whether `v` looks like an Apache Arrow `Vector` (structural test: `get`, `isValid`, `toArray`,
 * numeric `length` and `nullCount`).
 * @internal
 * @example
 * ```ts
 * isArrowVector([1, 2]); //=> false
 * ```
 */
export function isArrowVector(v: unknown): v is ArrowVectorLike {
  if (v === null || typeof v !== "object") return false;
  const a = v as Partial<ArrowVectorLike>;
  return typeof a.get === "function" && typeof a.isValid === "function" && typeof a.toArray === "function" && typeof a.length === "number" && typeof a.nullCount === "number";
}

/**
 * The values a caller holds, as an `ArrayLike` that the metrics index into:
 *
 * - arrays and typed arrays as they are (no copy);
 * - an Apache Arrow vector (`table.getChild("score")`): without nulls its `toArray()` (no copy for
 *   one chunk); with nulls one array in which a null slot is `null` ("no answer"), never the `0`
 *   that `toArray()` would put there;
 * - any other iterable (a `Set`, a generator, `map.values()`): copied once into an array.
 *
 * Anything else (a number, a string, a plain object) is an `INVALID_INPUT` error whose message
 * says what was expected (`expected`).
 * @internal
 * @example
 * ```ts
 * toArrayLike("nps", new Set([10, 9]), "an array of scores"); //=> [10, 9]
 * ```
 */
export function toArrayLike(fn: string, input: unknown, expected: string): ArrayLike<unknown> {
  if (input !== null && typeof input === "object") {
    if (isArrowVector(input)) {
      if (input.nullCount === 0) return input.toArray();
      const n = input.length;
      const out: unknown[] = new Array(n);
      for (let i = 0; i < n; i++) out[i] = input.isValid(i) ? input.get(i) : null;
      return out;
    }
    const length = (input as ArrayLike<unknown>).length;
    if (typeof length === "number") {
      if (Number.isSafeInteger(length) && length >= 0) return input as ArrayLike<unknown>;
      fail(fn, "INVALID_INPUT", `expected ${expected}, got an array-like with length ${length}`);
    }
    if (typeof (input as Iterable<unknown>)[Symbol.iterator] === "function") return Array.from(input as Iterable<unknown>);
  }
  fail(fn, "INVALID_INPUT", `expected ${expected}, got ${describe(input)}`);
}

/**
 * A `bigint` as a number when it is exact (a safe integer, |v| ≤ 2^53 − 1), otherwise `undefined`.
 * DuckDB returns `BIGINT` and `HUGEINT` columns as `bigint`; a score or a count of 10n is the
 * number 10, but 2n ** 60n has no exact double.
 * @internal
 * @example
 * ```ts
 * exactBigInt(10n); //=> 10
 * ```
 */
export function exactBigInt(v: bigint): number | undefined {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : undefined;
}

/**
 * `v` with an exact `bigint` read as its number; anything else (an inexact `bigint` included) as it
 * is, for the caller's own type check to refuse.
 * @internal
 * @example
 * ```ts
 * unBigInt(7n); //=> 7
 * ```
 */
export function unBigInt(v: unknown): unknown {
  return typeof v === "bigint" ? (exactBigInt(v) ?? v) : v;
}
