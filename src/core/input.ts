import { type CxMetricsErrorCode, fail } from "./errors";

/**
 * Reads one value from a row. Returning `null` or `undefined` means "no answer": the row is skipped
 * and counted in `skipped`.
 * @category Core
 */
export type Accessor<T> = (row: T, index: number) => number | null | undefined;

/**
 * Survey weights: one non-negative number per value (same length), or, with rows, a function that
 * reads the weight of a row.
 * @category Core
 */
export type Weights<T = unknown> = ArrayLike<number> | ((row: T, index: number) => number);

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
 * Split the `(values, options?)` / `(rows, accessor, options?)` overloads.
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
): { input: ArrayLike<unknown>; accessor: Accessor<any> | undefined; options: O } {
  if (input === null || typeof input !== "object" || typeof (input as ArrayLike<unknown>).length !== "number") {
    fail(fn, "INVALID_INPUT", `expected an array or typed array of values, got ${describe(input)}`);
  }
  let accessor: Accessor<any> | undefined;
  let options: unknown;
  if (typeof second === "function") {
    accessor = second as Accessor<any>;
    options = third;
  } else {
    options = second;
  }
  return { input: input as ArrayLike<unknown>, accessor, options: readOptions<O>(fn, options) };
}

/**
 * The options object of a call: `{}` for `undefined`, the object itself, or an `INVALID_OPTION`
 * error for anything else (null, a number, an array).
 * @internal
 * @example
 * ```ts
 * readOptions("nps", undefined); //=> {}
 * ```
 */
export function readOptions<O>(fn: string, options: unknown): O {
  if (options === undefined) return {} as O;
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    fail(fn, "INVALID_OPTION", `expected an options object, got ${describe(options)}`);
  }
  return options as O;
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
