import { fail } from "./errors";
import { type Accessor, describe, type InvalidPolicy, keysOf, readOptions } from "./input";
import type { SummaryKind } from "./summary";

const METRIC_SPEC_KEYS = /* @__PURE__ */ keysOf<MetricSpec<any, any, any, any>>()("id", "label", "unit", "direction", "summarize", "merge", "empty", "count", "finish", "value", "compare", "consistency", "range", "format", "followUp", "schema", "sql");

/**
 * Which way is good: `"higher-is-better"` (NPS, CSAT) or `"lower-is-better"` (churn, resolution time).
 * @category Portfolio
 */
export type Direction = "higher-is-better" | "lower-is-better";

/**
 * A metric's own test of a change between two summaries (previous → current), in the metric's unit.
 * @category Portfolio
 */
export interface MetricComparison {
  /** current − previous, in the metric's unit (points of NPS, percentage points of CSAT, hours...); `null` when undefined (a median not reached). */
  difference: number | null;
  /** Standard error of the difference; `null` when the metric has no variance estimate for it. */
  se: number | null;
  /** Confidence interval of the difference; `null` without a test. */
  ci: [number, number] | null;
  /** Two-sided p-value of "no change"; `null` without a test. */
  pValue: number | null;
  /** Name of the test (e.g. `"adjusted-wald"`, `"newcombe"`, `"welch"`). */
  method: string;
}

/**
 * A test of whether segments differ more than sampling noise explains.
 * @category Portfolio
 */
export interface ConsistencyTest {
  /** `"chi-square"` (homogeneity of proportions), `"welch-anova"` (one-way comparison of means) or `"log-rank"` (time-to-event curves). */
  method: "chi-square" | "welch-anova" | "log-rank";
  /** Pearson's χ², Welch's F or the log-rank χ². */
  statistic: number;
  /** Degrees of freedom: `[df]` for χ², `[df1, df2]` for F. */
  df: number[];
  /** p-value of "every segment has the same underlying value". */
  pValue: number;
  /**
   * Effect size: Cramér's V for χ² (0 = identical distributions, 1 = completely different); for
   * Welch's ANOVA the share of the spread of the means not explained by noise,
   * max(0, (F − 1)·df1 / (F·df1 + df2)) (an ω²-like figure); for the log-rank test √(χ²/N) with N
   * the number of observations (a φ-like figure).
   */
  effectSize: number;
}

/**
 * The description of a metric: what {@link defineMetric} takes. `Summary` must be plain JSON (so
 * it can cross threads, processes and databases), and `merge` must be associative and commutative
 * with `empty()` as its identity, so that any split of the rows gives the same result.
 * @category Portfolio
 */
export interface MetricSpec<Id extends string, Row, Summary, Result> {
  /** Stable identifier (used in reports, JSON and errors). */
  id: Id;
  /** Human-readable name ("Net Promoter Score"). */
  label: string;
  /** Unit of `value` ("points", "%", "hours"). */
  unit: string;
  direction: Direction;
  /** Summarize a batch of rows. Errors thrown here carry the index of the row in the batch. */
  summarize(rows: ArrayLike<Row>): Summary;
  /** Merge summaries (associative, commutative). */
  merge(...summaries: Summary[]): Summary;
  /** The empty summary, the identity of `merge`. */
  empty(): Summary;
  /** Number of observations behind a summary; 0 means "no data" (then `finish` is not called). */
  count(summary: Summary): number;
  /** Result of a non-empty summary. */
  finish(summary: Summary): Result;
  /** The headline number of a result, in `unit` (compared with targets, normalized in indices). */
  value(result: Result): number | null;
  /** The metric's own test of a change between two non-empty summaries, at `confidence`. */
  compare?(previous: Summary, current: Summary, confidence: number): MetricComparison;
  /** Test of homogeneity across segments (two or more non-empty summaries). */
  consistency?(summaries: readonly Summary[]): ConsistencyTest | null;
  /** Natural range of `value` ([−100, 100] for NPS), used to normalize it in a composite index. */
  range?: readonly [number, number];
  /** Display of a value ("+32.5", "87.1%", "4.2 h"). Default: two decimals and the unit. */
  format?(value: number): string;
  /** How far a row needs follow-up (0 none ... 1 most urgent), for closed-loop lists; `null` = no answer. */
  followUp?(row: Row): number | null;
  /** An optional input schema (for example a zod schema) describing one row; not used for computing. */
  schema?: unknown;
  /** How the summary is computed by SQL aggregates (built-in metrics; see `cx-metrics/sql`). */
  sql?: SqlSummarySpec;
}

/**
 * How a metric's summary is computed by SQL aggregates, for push-down to a database
 * (`cx-metrics/sql`). Built-in metrics set it; `column` and `weightColumn` are known when the metric
 * was described by column ({@link portfolioFromConfig}) and can be given to `toSql` otherwise.
 * @category Portfolio
 */
export type SqlSummarySpec =
  | { kind: "nps"; scale: { min: number; max: number; passiveMin: number; promoterMin: number }; weighted: boolean; invalid: "throw" | "skip"; column?: string; weightColumn?: string }
  | { kind: "distribution"; summaryKind: "csat" | "ces"; scale: { min: number; max: number }; boolean: boolean; weighted: boolean; invalid: "throw" | "skip"; column?: string; weightColumn?: string }
  | { kind: "moments"; invalid: "throw" | "skip"; column?: string };

/**
 * A metric: the frozen, validated {@link MetricSpec}, typed by its id, row, summary and result.
 * `JSON.stringify(metric)` gives its description (`id`, `label`, `unit`, `direction`, `range`).
 * @category Portfolio
 */
export type Metric<Id extends string = string, Row = any, Summary = any, Result = any> = Readonly<MetricSpec<Id, Row, Summary, Result>> & {
  readonly format: (value: number) => string;
};

/** The row type of a metric. @category Portfolio */
export type RowOf<M> = M extends Metric<string, infer R, any, any> ? R : never;
/** The summary type of a metric. @category Portfolio */
export type SummaryOf<M> = M extends Metric<string, any, infer S, any> ? S : never;
/** The result type of a metric. @category Portfolio */
export type ResultOf<M> = M extends Metric<string, any, any, infer R> ? R : never;

const SQL_KEYS: Record<SqlSummarySpec["kind"], readonly string[]> = {
  nps: ["kind", "scale", "weighted", "invalid", "column", "weightColumn"],
  distribution: ["kind", "summaryKind", "scale", "boolean", "weighted", "invalid", "column", "weightColumn"],
  moments: ["kind", "invalid", "column"],
};

/**
 * Check a metric's {@link SqlSummarySpec} as a JSON config is checked, and return a frozen copy:
 * every value of it ends up in SQL text, so nothing is taken on trust. `kind`, `summaryKind` and
 * `invalid` must be one of their values; `weighted` and `boolean` booleans; the scale points
 * integers (safe integers, so they print as plain digits) in order (NPS: min < passiveMin ≤
 * promoterMin ≤ max; CSAT/CES: min < max, at most 101 points; a boolean column: 0–1); `column` and
 * `weightColumn` absent or non-empty names without control characters (they are quoted as
 * identifiers for the dialect by `toSql`); no other keys.
 * @internal
 * @param fn - Function named in errors.
 * @param where - What the spec belongs to (`metric "nps"`), named in errors.
 * @param spec - The spec to check.
 * @returns A frozen copy of the spec.
 * @throws {@link CxMetricsError} `INVALID_OPTION` naming the field (`sql.scale.min`).
 * @example
 * ```ts
 * checkSqlSpec("f", "metric m", { kind: "moments", invalid: "skip", column: "x" }).column; //=> "x"
 * ```
 */
export function checkSqlSpec(fn: string, where: string, spec: unknown): SqlSummarySpec {
  const bad = (field: string, expected: string, got: unknown): never => fail(fn, "INVALID_OPTION", `${where}: expected sql.${field} to be ${expected}, got ${describe(got)}`);
  if (spec === null || typeof spec !== "object" || Array.isArray(spec)) bad("kind", "set (sql must be { kind, ... })", spec);
  const s = spec as Record<string, unknown>;
  const kind = s.kind;
  if (kind !== "nps" && kind !== "distribution" && kind !== "moments") return bad("kind", '"nps", "distribution" or "moments"', kind);
  const allowed = SQL_KEYS[kind];
  for (const k of Object.keys(s)) if (!allowed.includes(k)) fail(fn, "INVALID_OPTION", `${where}: unknown field sql.${k} for kind "${kind}" (known: ${allowed.join(", ")})`);
  if (s.invalid !== "throw" && s.invalid !== "skip") bad("invalid", '"throw" or "skip"', s.invalid);
  const name = (k: "column" | "weightColumn"): string | undefined => {
    const v = s[k];
    if (v !== undefined && (typeof v !== "string" || v === "" || /[\u0000-\u001f]/.test(v))) bad(k, "a column name without control characters", v);
    return v as string | undefined;
  };
  const column = name("column");
  const int = (obj: Record<string, unknown>, k: string): number => {
    const v = obj[k];
    if (typeof v !== "number" || !Number.isSafeInteger(v)) bad(`scale.${k}`, "an integer", v);
    return v as number;
  };
  const scaleOf = (keys: readonly string[]): Record<string, unknown> => {
    const sc = s.scale;
    if (sc === null || typeof sc !== "object" || Array.isArray(sc)) return bad("scale", `{ ${keys.join(", ")} }`, sc);
    for (const k of Object.keys(sc)) if (!keys.includes(k)) fail(fn, "INVALID_OPTION", `${where}: unknown field sql.scale.${k} (known: ${keys.join(", ")})`);
    return sc as Record<string, unknown>;
  };
  const bool = (k: "weighted" | "boolean"): boolean => {
    if (typeof s[k] !== "boolean") bad(k, "true or false", s[k]);
    return s[k] as boolean;
  };
  if (kind === "moments") return Object.freeze({ kind, invalid: s.invalid as "throw" | "skip", ...(column === undefined ? {} : { column }) });
  const weighted = bool("weighted");
  const weightColumn = name("weightColumn");
  const common = { weighted, invalid: s.invalid as "throw" | "skip", ...(column === undefined ? {} : { column }), ...(weightColumn === undefined ? {} : { weightColumn }) };
  if (kind === "nps") {
    const sc = scaleOf(["min", "max", "passiveMin", "promoterMin"]);
    const [min, max, passiveMin, promoterMin] = [int(sc, "min"), int(sc, "max"), int(sc, "passiveMin"), int(sc, "promoterMin")];
    if (!(min < passiveMin && passiveMin <= promoterMin && promoterMin <= max)) bad("scale", "integers with min < passiveMin <= promoterMin <= max", sc);
    return Object.freeze({ kind, scale: Object.freeze({ min, max, passiveMin, promoterMin }), ...common });
  }
  const summaryKind = s.summaryKind;
  if (summaryKind !== "csat" && summaryKind !== "ces") return bad("summaryKind", '"csat" or "ces"', summaryKind);
  const boolean = bool("boolean");
  const sc = scaleOf(["min", "max"]);
  const [min, max] = [int(sc, "min"), int(sc, "max")];
  if (!(min < max && max - min <= 100)) bad("scale", "integers with min < max and at most 101 points", sc);
  if (boolean && (min !== 0 || max !== 1)) bad("scale", "{ min: 0, max: 1 } for a boolean column", sc);
  return Object.freeze({ kind, summaryKind, scale: Object.freeze({ min, max }), boolean, ...common });
}

const REQUIRED = ["summarize", "merge", "empty", "count", "finish", "value"] as const;
const OPTIONAL = ["compare", "consistency", "format", "followUp"] as const;

/**
 * Define a metric from its summarize/merge/finish spine. Checks the description and returns it
 * frozen; nothing is registered anywhere (no global state), so two packages can define metrics
 * with the same id without clashing.
 *
 * Definition: a metric is a monoid of summaries (`merge`, `empty`) with a map from rows into it
 * (`summarize`) and a map out of it (`finish`), so the result of any split of the rows into batches,
 * summarized and merged, equals the result of the whole.
 *
 * @param spec - The {@link MetricSpec}.
 * @returns The {@link Metric}.
 * @throws {@link CxMetricsError} `INVALID_OPTION` for a missing or ill-typed field, or an `sql`
 * spec that is not exactly one of the {@link SqlSummarySpec} shapes (numbers must be integers,
 * enums one of their values, column names free of control characters; the error names the field,
 * e.g. `sql.scale.min`): every value of it is written into SQL text by `toSql`.
 * @example
 * ```ts
 * import { defineMetric } from "cx-metrics";
 * // first contact resolution: the share of tickets solved in one contact
 * const fcr = defineMetric({
 *   id: "fcr", label: "First contact resolution", unit: "%", direction: "higher-is-better",
 *   summarize: (rows) => {
 *     let solved = 0;
 *     for (let i = 0; i < rows.length; i++) if (rows[i].contacts === 1) solved++;
 *     return { solved, n: rows.length };
 *   },
 *   merge: (...s) => ({ solved: s.reduce((a, x) => a + x.solved, 0), n: s.reduce((a, x) => a + x.n, 0) }),
 *   empty: () => ({ solved: 0, n: 0 }),
 *   count: (s) => s.n,
 *   finish: (s) => ({ value: (100 * s.solved) / s.n, n: s.n }),
 *   value: (r) => r.value,
 * });
 * fcr.finish(fcr.summarize([{ contacts: 1 }, { contacts: 3 }])).value; //=> 50
 * ```
 * @category Portfolio
 */
/* @__NO_SIDE_EFFECTS__ */
export function defineMetric<const Id extends string, Row, Summary, Result>(spec: MetricSpec<Id, Row, Summary, Result>): Metric<Id, Row, Summary, Result> {
  return metricIn("defineMetric", spec);
}

/* @__NO_SIDE_EFFECTS__ */
function metricIn<Id extends string, Row, Summary, Result>(fn: string, spec: MetricSpec<Id, Row, Summary, Result>): Metric<Id, Row, Summary, Result> {
  const s = readOptions<MetricSpec<Id, Row, Summary, Result>>(fn, spec, METRIC_SPEC_KEYS);
  if (typeof s.id !== "string" || s.id === "") fail(fn, "INVALID_OPTION", `expected a non-empty string id, got ${describe(s.id)}`);
  const where = `metric "${s.id}"`;
  for (const k of ["label", "unit"] as const) {
    if (typeof s[k] !== "string") fail(fn, "INVALID_OPTION", `${where}: expected ${k} to be a string, got ${describe(s[k])}`);
  }
  if (s.direction !== "higher-is-better" && s.direction !== "lower-is-better") {
    fail(fn, "INVALID_OPTION", `${where}: expected direction "higher-is-better" or "lower-is-better", got ${describe(s.direction)}`);
  }
  for (const k of REQUIRED) {
    if (typeof s[k] !== "function") fail(fn, "INVALID_OPTION", `${where}: expected ${k} to be a function, got ${describe(s[k])}`);
  }
  for (const k of OPTIONAL) {
    if (s[k] !== undefined && typeof s[k] !== "function") fail(fn, "INVALID_OPTION", `${where}: expected ${k} to be a function, got ${describe(s[k])}`);
  }
  if (s.range !== undefined) {
    const r = s.range;
    if (!Array.isArray(r) || r.length !== 2 || !Number.isFinite(r[0]) || !Number.isFinite(r[1]) || !(r[0] < r[1])) {
      fail(fn, "INVALID_OPTION", `${where}: expected range [low, high] with finite low < high, got ${describe(r)}`);
    }
  }
  const unit = s.unit;
  const format = s.format ?? ((v: number) => `${v.toFixed(2)}${unit === "" ? "" : unit === "%" ? "%" : ` ${unit}`}`);
  const sql = s.sql === undefined ? undefined : checkSqlSpec(fn, where, s.sql);
  const metric = { ...s, format, range: s.range === undefined ? undefined : Object.freeze([s.range[0], s.range[1]] as const), ...(sql === undefined ? {} : { sql }) };
  // functions do not serialize: JSON.stringify(metric) is the metric's description
  return Object.freeze(metric) as Metric<Id, Row, Summary, Result>;
}

/**
 * What {@link metricFrom} takes: a {@link MetricSpec} without the four functions the summary kind
 * gives (`merge`, `empty`, `count`, `finish`), plus the parameters of the kind's empty summary and
 * the options its `finish` is called with.
 * @category Portfolio
 */
export interface MetricFromSpec<Id extends string, Row, Summary, Result, Params = void, FinishOptions = undefined>
  extends Omit<MetricSpec<Id, Row, Summary, Result>, "merge" | "empty" | "count" | "finish"> {
  /** Passed to the kind's `empty` (the scale, the clock and unit…). */
  params?: Params;
  /** Passed to the kind's `finish` (`confidence`…). */
  finishOptions?: FinishOptions;
}

const METRIC_FROM_KEYS = /* @__PURE__ */ keysOf<MetricFromSpec<any, any, any, any, any, any>>()("id", "label", "unit", "direction", "summarize", "value", "compare", "consistency", "range", "format", "followUp", "schema", "sql", "params", "finishOptions");

/**
 * Build a portfolio {@link Metric} from a {@link SummaryKind}: the kind gives `merge`, `empty`
 * (with `params`), `count` and `finish` (with `finishOptions`); the spec gives how rows are
 * summarized, the headline value and the metric's description. Every built-in metric (`npsMetric`,
 * `ticketTimeMetric`, `meanMetric`…) is made this way, beside its family's functions.
 *
 * Definition: metric = (summarize: rows → S, the kind's monoid (merge, empty), finish: S → Result,
 * value: Result → number), so the result of any split of the rows into batches, summarized and
 * merged, equals the result of the whole.
 *
 * @param kind - The summary kind.
 * @param spec - The {@link MetricFromSpec}.
 * @returns The frozen metric, as {@link defineMetric} returns it.
 * @throws {@link CxMetricsError} `INVALID_OPTION` for a kind that is not one, or as {@link defineMetric}.
 * @example
 * ```ts
 * import { defineSummaryKind, metricFrom } from "cx-metrics";
 * const fcrKind = defineSummaryKind({
 *   kind: "fcr",
 *   empty: () => ({ kind: "fcr", solved: 0, n: 0 }),
 *   merge: (...s) => ({ kind: "fcr", solved: s.reduce((a, x) => a + x.solved, 0), n: s.reduce((a, x) => a + x.n, 0) }),
 *   check: (s) => ({ kind: "fcr", solved: s.solved, n: s.n }),
 *   count: (s) => s.n,
 *   finish: (s) => ({ value: (100 * s.solved) / s.n, n: s.n }),
 * });
 * const fcr = metricFrom(fcrKind, {
 *   id: "fcr", label: "First contact resolution", unit: "%", direction: "higher-is-better",
 *   summarize: (rows) => ({ kind: "fcr", solved: rows.filter((r) => r.contacts === 1).length, n: rows.length }),
 *   value: (r) => r.value,
 * });
 * fcr.finish(fcr.summarize([{ contacts: 1 }, { contacts: 3 }])).value; //=> 50
 * ```
 * @category Portfolio
 */
/* @__NO_SIDE_EFFECTS__ */
export function metricFrom<const Id extends string, Row, Summary, Result, Params = void, FinishOptions = undefined>(
  kind: SummaryKind<Summary, Result, Params, FinishOptions>,
  spec: MetricFromSpec<Id, Row, Summary, Result, Params, FinishOptions>,
): Metric<Id, Row, Summary, Result> {
  const fn = "metricFrom";
  if (kind === null || typeof kind !== "object" || typeof kind.kind !== "string" || typeof kind.merge !== "function" || typeof kind.empty !== "function" || typeof kind.count !== "function" || typeof kind.finish !== "function") {
    fail(fn, "INVALID_OPTION", `expected a summary kind from defineSummaryKind, got ${describe(kind)}`);
  }
  const { params, finishOptions, ...rest } = readOptions<MetricFromSpec<Id, Row, Summary, Result, Params, FinishOptions>>(fn, spec, METRIC_FROM_KEYS);
  return metricIn<Id, Row, Summary, Result>(fn, {
    ...rest,
    merge: (...s: Summary[]) => kind.merge(...s),
    empty: () => kind.empty(params),
    count: (s: Summary) => kind.count(s),
    finish: (s: Summary) => kind.finish(s, finishOptions),
  });
}

/**
 * Options common to the built-in metrics.
 * @category Portfolio
 */
export interface BuiltInOptions<Row> {
  /** Override the metric's id (two NPS metrics in one portfolio, say). */
  id?: string;
  /** Override the label. */
  label?: string;
  /** Survey weight of a row (as `weights` of the metric functions, read from each row). */
  weights?: (row: Row, index: number) => number;
  /** @deprecated Since 0.x: use `weights` (the same function); removed in the next minor version. */
  weight?: (row: Row, index: number) => number;
  /** Invalid-value policy; default `"throw"` (the error names the row), `"skip"` counts them. */
  invalid?: InvalidPolicy;
  /** Confidence level of intervals and change tests; default 0.95. */
  confidence?: number;
  /** The column the accessor reads, for SQL push-down (`cx-metrics/sql`); set by `portfolioFromConfig`. */
  column?: string;
  /** The column of the weights, for SQL push-down. */
  weightColumn?: string;
}

/**
 * Reads a value from a row; `null`/`undefined` = no answer (skipped and counted).
 * @deprecated Since 0.x: the same type as {@link Accessor} (`Read<Row, V>` is `Accessor<Row, V>`); removed in the next minor version.
 * @category Portfolio
 */
export type Read<Row, V = number> = Accessor<Row, V>;

/**
 * The weights function of built-in options: `weights`, or the deprecated `weight`; both at once
 * is refused.
 * @internal
 * @example
 * ```ts
 * readWeights("npsMetric", {}); //=> undefined
 * ```
 */
export function readWeights<Row>(fn: string, o: Pick<BuiltInOptions<Row>, "weights" | "weight">): ((row: Row, index: number) => number) | undefined {
  if (o.weights !== undefined && o.weight !== undefined) fail(fn, "INVALID_OPTION", "expected weights or its deprecated name weight, not both");
  const w = o.weights ?? o.weight;
  if (w !== undefined && typeof w !== "function") fail(fn, "INVALID_OPTION", `expected weights to be a function, (row) => number, got ${describe(w)}`);
  return w;
}

/**
 * Check that an accessor option is a function.
 * @internal
 * @example
 * ```ts
 * typeof readAccessor("npsMetric", "score", (r) => r.score, "(row) => number"); //=> "function"
 * readAccessor("npsMetric", "score", "score", "(row) => number"); // throws INVALID_OPTION
 * ```
 */
export function readAccessor<F>(fn: string, name: string, read: F, shape: string): F {
  if (typeof read !== "function") fail(fn, "INVALID_OPTION", `expected a ${name} accessor, ${shape}, got ${describe(read)}`);
  return read;
}

/**
 * A formatter of signed values with `digits` decimals and a unit suffix ("+32.5").
 * @internal
 * @example
 * ```ts
 * formatSigned(1, "")(32.54); //=> "+32.5"
 * ```
 */
export function formatSigned(digits: number, unit: string): (v: number) => string {
  return (v) => `${v > 0 ? "+" : ""}${v.toFixed(digits)}${unit}`;
}

/**
 * The percent formatter of built-in metrics ("87.1%").
 * @internal
 * @example
 * ```ts
 * formatPercent(87.14); //=> "87.1%"
 * ```
 */
export function formatPercent(v: number): string {
  return `${v.toFixed(1)}%`;
}

/**
 * A {@link MetricComparison} from a test result with the same fields (`compareNps`, `compareCsat`…).
 * @internal
 * @example
 * ```ts
 * comparison({ difference: 1, se: 0.5, ci: [0, 2], pValue: 0.05, method: "wald", extra: 1 }).method; //=> "wald"
 * ```
 */
export function comparison(c: { difference: number | null; se: number | null; ci: [number, number] | null; pValue: number | null; method: string }): MetricComparison {
  return { difference: c.difference, se: c.se, ci: c.ci, pValue: c.pValue, method: c.method };
}
