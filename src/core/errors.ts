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
 * One piece of context of a {@link CxMetricsError}: where, inside the call the user made, the
 * error happened. Context is data; the message is built from it once.
 *
 * - `metric`: the key of a portfolio metric;
 * - `row`: the index of a row in the caller's input;
 * - `line`: a line of a file (1-based, the header is line 1);
 * - `lag`: a lag of a lagged correlation;
 * - `part`: the worker part (0-based) of a parallel run.
 *
 * @category Core
 */
export type CxErrorContext =
  | { readonly kind: "metric"; readonly key: string }
  | { readonly kind: "row"; readonly row: number }
  | { readonly kind: "line"; readonly line: number }
  | { readonly kind: "lag"; readonly lag: number }
  | { readonly kind: "part"; readonly part: number };

/** The brand of the errors of every copy of cx-metrics (see {@link CxMetricsError}'s `instanceof`). */
const BRAND: unique symbol = Symbol.for("cx-metrics.CxMetricsError") as never;

/**
 * The one error type that cx-metrics throws for bad input.
 *
 * Definition: an `Error` with a stable string {@link CxMetricsErrorCode | `code`}, the public
 * function that refused the input (`fn`), where inside that call it happened (`context`: metric
 * key, row, file line, lag, worker part), the offending `index` where one value is at fault
 * (otherwise `undefined`), and a `reason` that says what was expected. The `message` is built once
 * from these parts: `fn: context: reason` (for example
 * `evaluatePortfolio: metric "nps", row 7: nps: expected a score from 0 to 10 at row 7, got 11`).
 * Extra structured information (for example the list of invalid rows from `parseSurveyResponses`)
 * is in `details`.
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
 *     e.fn;    //=> "nps"
 *   }
 * }
 * ```
 * @category Core
 */
export class CxMetricsError extends Error {
  /**
   * `e instanceof CxMetricsError` holds for an error of any copy of cx-metrics loaded in the
   * process (its ES module and CommonJS builds, or a portfolio module that loads the package from
   * elsewhere): errors carry a brand registered with `Symbol.for`, and `instanceof` checks it
   * (`new Error("x") instanceof CxMetricsError` is `false`).
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return value !== null && (typeof value === "object" || typeof value === "function") && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  /** Stable, machine-readable code; safe to switch on. */
  readonly code: CxMetricsErrorCode;
  /** Index of the offending value or row, when one value is at fault. */
  readonly index: number | undefined;
  /** Structured details, when the code documents some (e.g. `issues` for `INVALID_INPUT`). */
  readonly details: unknown;
  /** The public function that refused the input (the one the caller called), or `""` if unknown. */
  readonly fn: string;
  /** Where inside the call the error happened, outermost first. */
  readonly context: readonly CxErrorContext[];
  /** What was expected and what was found, without the function name and context. */
  readonly reason: string;

  /**
   * @param code - The stable code.
   * @param message - `"fn: reason"` (the function name is read from the text before the first
   *   `": "` when it is an identifier), or a plain reason.
   * @param index - The offending index, if one value is at fault.
   * @param details - Structured details.
   * @param context - Context entries, outermost first.
   *
   * The constructor never throws: a `message` that is not a string is `String()`ed (its type
   * when that throws), a `context` that is not an array counts as `[]`, and entries of an unknown
   * kind or with a field of the wrong type (`key` a string; `row`, `line`, `lag`, `part` numbers)
   * are skipped.
   */
  constructor(code: CxMetricsErrorCode, message: string, index?: number, details?: unknown, context: readonly CxErrorContext[] = []) {
    // Defensive: an error must never fail to construct. A message that is not a string is
    // String()ed (or described when that throws); a context that is not an array counts as [];
    // entries of an unknown kind or with a field of the wrong type are dropped.
    const text = safeText(message);
    const m = /^([A-Za-z_$][\w$]*): ([\s\S]*)$/.exec(text);
    const fn = m ? m[1]! : "";
    const reason = m ? m[2]! : text;
    const entries = validContext(context);
    super(buildMessage(fn, entries, reason));
    this.name = "CxMetricsError";
    this.code = code;
    this.index = index;
    this.details = details;
    this.fn = fn;
    this.context = Object.freeze(entries);
    this.reason = reason;
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/** `v` as text without throwing (a Symbol, an object without `toString` or whose `toString` throws). */
function safeText(v: unknown): string {
  if (typeof v === "string") return v;
  try {
    return String(v);
  } catch {
    return v === null ? "null" : typeof v;
  }
}

const CONTEXT_FIELD = { metric: ["key", "string"], row: ["row", "number"], line: ["line", "number"], lag: ["lag", "number"], part: ["part", "number"] } as const;

/** The well-formed entries of a context argument (a copy; anything else is skipped). */
function validContext(context: unknown): CxErrorContext[] {
  if (!Array.isArray(context)) return [];
  const out: CxErrorContext[] = [];
  for (let i = 0; i < context.length; i++) {
    const c: unknown = context[i];
    if (c === null || typeof c !== "object") continue;
    const kind = (c as { kind?: unknown }).kind;
    if (typeof kind !== "string" || !Object.prototype.hasOwnProperty.call(CONTEXT_FIELD, kind)) continue;
    const [field, type] = CONTEXT_FIELD[kind as keyof typeof CONTEXT_FIELD];
    if (typeof (c as Record<string, unknown>)[field] !== type) continue;
    out.push(c as CxErrorContext);
  }
  return out;
}

/**
 * The text of one context entry (`metric "nps"`, `row 7`, `line 12`, `at lag 2`, `worker part 1`).
 */
function contextText(c: CxErrorContext): string {
  switch (c.kind) {
    case "metric":
      return `metric ${JSON.stringify(c.key)}`;
    case "row":
      return `row ${c.row}`;
    case "line":
      return `line ${c.line}`;
    case "lag":
      return `at lag ${c.lag}`;
    case "part":
      return `worker part ${c.part}`;
  }
}

function buildMessage(fn: string, context: readonly CxErrorContext[], reason: string): string {
  const where = context.map(contextText).join(", ");
  return `${fn === "" ? "" : `${fn}: `}${where === "" ? "" : `${where}: `}${reason}`;
}

/**
 * Re-throwable copy of an error with the caller's function name and more context: the one place
 * that adds "metric …, row …, line …" to a message. Errors that are not {@link CxMetricsError}s
 * (a user's callback that threw) are returned as they are.
 *
 * - `fn`: the public function the caller called; when it differs from the error's own `fn`, the
 *   inner function's name stays at the start of the reason (`evaluatePortfolio: metric "nps": nps: …`).
 * - `context`: entries to put in front of the error's own context.
 * - `at.index`: the error's `index` as the caller sees it (a row of the caller's input rather than
 *   of a batch; `undefined` drops it); by default the error's own index is kept.
 * - `at.rename`: rewrites `index k` / `row k` (k the error's own index) in the reason to the
 *   caller's position, e.g. `{ word: "row", value: 7 }` or `{ word: "line", value: 12 }` (without
 *   `word`, the word found is kept).
 *
 * @internal
 * @example
 * ```ts
 * const e = new CxMetricsError("OUT_OF_RANGE", "nps: expected a score from 0 to 10 at index 2, got 11", 2);
 * const outer = withContext(e, "evaluatePortfolio", [{ kind: "metric", key: "nps" }], { index: 7, rename: { word: "row", value: 7 } });
 * outer.message; //=> 'evaluatePortfolio: metric "nps": nps: expected a score from 0 to 10 at row 7, got 11'
 * ```
 */
export function withContext(
  e: unknown,
  fn: string,
  context: readonly CxErrorContext[],
  at: { index?: number | undefined; rename?: { word?: "row" | "index" | "line"; value: number } } = {},
): unknown {
  if (!(e instanceof CxMetricsError)) return e;
  let reason = e.fn !== "" && e.fn !== fn ? `${e.fn}: ${e.reason}` : e.reason;
  if (at.rename !== undefined && e.index !== undefined) {
    const { word, value } = at.rename;
    reason = reason.replace(new RegExp(`\\b(index|row) ${e.index}\\b`, "g"), (_, w: string) => `${word ?? w} ${value}`);
  }
  const index = "index" in at ? at.index : e.index;
  return new CxMetricsError(e.code, `${fn}: ${reason}`, index, e.details, [...context, ...e.context]);
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
