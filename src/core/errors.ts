/**
 * The stable error codes of cx-metrics. A code never changes meaning between versions; new codes
 * may be added.
 *
 * - `INVALID_SCORE`: a value that is not a number (a string, an object, a boolean).
 * - `NON_FINITE`: `NaN`, `Infinity` or `-Infinity`.
 * - `OUT_OF_RANGE`: a number off the configured scale.
 * - `NOT_INTEGER`: a fractional number where the scale or a count needs whole numbers.
 * - `LENGTH_MISMATCH`: paired inputs (values and weights) of different lengths.
 * - `EMPTY_INPUT`: nothing left to compute from (no values, or only missing ones).
 * - `INVALID_OPTION`: an option of the wrong type or outside its domain.
 * - `INVALID_WEIGHT`: a survey weight that is negative, not finite or not a number.
 * - `ZERO_TOTAL_WEIGHT`: every weight of the valid values is zero.
 * - `INVALID_SUMMARY`: a summary that is malformed or cannot be merged with another (other scale).
 * - `INVALID_DATE`: a date that is not a `Date`, epoch milliseconds or an ISO-8601 string, or is invalid.
 * - `NOT_CONVERGED`: a model fit whose optimizer did not converge (the result is not returned).
 * - `CONSTANT_INPUT`: a series without variation where the statistic needs some (a correlation
 *   with a constant series is undefined).
 * - `DUPLICATE_PERIOD`: two points of one series in the same period.
 * - `DUPLICATE_METRIC`: two metrics with the same key where keys must be distinct (combining portfolios).
 * - `INSUFFICIENT_DATA`: too few values for the statistic asked for (a t-test with one answer).
 * - `MISSING_DEPENDENCY`: an optional dependency that a feature needs is not installed (DuckDB for the SQL path).
 * - `IO_ERROR`: a file that does not exist or cannot be read (Node entry point `cx-metrics/node`).
 * - `TOO_MANY_PERIODS`: the dates span more periods than the configured limit allows (one far-off
 *   date in a file); raised before anything is allocated, naming the first and last date.
 * - `RECORD_TOO_LARGE`: a record (a CSV or NDJSON line) longer than the reader's maximum record size.
 * - `INVALID_INPUT`: input of the wrong shape (not an array), or untrusted rows that failed schema
 *   validation (`parseSurveyResponses`, with the list of problems in `details`).
 *
 * @category Core
 */
export type CxMetricsErrorCode =
  | "INVALID_SCORE"
  | "NON_FINITE"
  | "OUT_OF_RANGE"
  | "NOT_INTEGER"
  | "LENGTH_MISMATCH"
  | "EMPTY_INPUT"
  | "INVALID_OPTION"
  | "INVALID_WEIGHT"
  | "ZERO_TOTAL_WEIGHT"
  | "INVALID_SUMMARY"
  | "INSUFFICIENT_DATA"
  | "CONSTANT_INPUT"
  | "DUPLICATE_PERIOD"
  | "DUPLICATE_METRIC"
  | "INVALID_DATE"
  | "NOT_CONVERGED"
  | "IO_ERROR"
  | "MISSING_DEPENDENCY"
  | "TOO_MANY_PERIODS"
  | "RECORD_TOO_LARGE"
  | "INVALID_INPUT";

/**
 * The one error type that cx-metrics throws for bad input.
 *
 * Definition: an `Error` with a stable string {@link CxMetricsErrorCode | `code`}, the offending
 * `index` where one value is at fault (otherwise `undefined`), and a `message` that starts with the
 * name of the function that refused the input, then says what was expected. Extra structured
 * information (for example the list of invalid rows from `parseSurveyResponses`) is in `details`.
 *
 * @example
 * ```ts
 * import { nps, CxMetricsError } from "cx-metrics";
 * try {
 *   nps([10, 9, 11]);
 * } catch (e) {
 *   if (e instanceof CxMetricsError) {
 *     e.code;  //=> "OUT_OF_RANGE"
 *     e.index; //=> 2
 *   }
 * }
 * ```
 * @category Core
 */
export class CxMetricsError extends Error {
  /** Stable, machine-readable code; safe to switch on. */
  readonly code: CxMetricsErrorCode;
  /** Index of the offending value or row, when one value is at fault. */
  readonly index: number | undefined;
  /** Structured details, when the code documents some (e.g. `issues` for `INVALID_INPUT`). */
  readonly details: unknown;

  constructor(code: CxMetricsErrorCode, message: string, index?: number, details?: unknown) {
    super(message);
    this.name = "CxMetricsError";
    this.code = code;
    this.index = index;
    this.details = details;
  }
}

/**
 * Throw a {@link CxMetricsError} whose message starts with `fn`.
 * @internal
 * @example
 * ```ts
 * fail("nps", "EMPTY_INPUT", "expected at least one valid score"); // throws EMPTY_INPUT
 * ```
 */
export function fail(
  fn: string,
  code: CxMetricsErrorCode,
  message: string,
  index?: number,
  details?: unknown,
): never {
  throw new CxMetricsError(code, `${fn}: ${message}`, index, details);
}
