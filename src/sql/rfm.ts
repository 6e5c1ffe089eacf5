import { fail } from "../core/errors";
import { describe, keysOf, readChoice, readOptions } from "../core/input";
import { DAY_MS, toEpochMs } from "../core/time";
import { type RfmSummary, type TimeUnit, unitDays } from "../value/rfm-summary";
import { dayNumber, type Dialect, DOUBLE, quoteIdent, TEXT, tableSql } from "./compile";
import { sqlCount, sqlNumber, sqlRow, sqlRows } from "./rows";

const RFM_TO_SQL_OPTIONS_KEYS = /* @__PURE__ */ keysOf<RfmToSqlOptions>()("table", "customer", "date", "value", "dateType", "calibrationEnd", "observationEnd", "timeUnit", "dialect");

/**
 * Options of {@link rfmToSql}.
 * @category SQL
 */
export interface RfmToSqlOptions {
  /** The transactions table: a name, name parts, or `{ expression }` you trust. */
  table: string | readonly string[] | { expression: string };
  customer: string;
  date: string;
  /** The transaction's value; without it monetary values are 0. */
  value?: string;
  /** `"timestamp"` (default; the UTC calendar day is used, as {@link index!rfmSummary} does) or `"date"`. */
  dateType?: "timestamp" | "date";
  calibrationEnd: string;
  observationEnd?: string;
  timeUnit: TimeUnit;
  dialect?: Dialect;
}

/**
 * A compiled RFM query (see {@link rfmToSql}).
 * @category SQL
 */
export interface RfmQuery {
  sql: string;
  dialect: Dialect;
  timeUnit: TimeUnit;
  /** Day numbers (days since 1970-01-01) of the calibration and observation ends. */
  calibrationEndDay: number;
  observationEndDay: number;
}


/**
 * Compile the per-customer rows of an RFM summary (the input of {@link index!fitBgNbd} and
 * {@link index!fitGammaGamma}) into SQL, so that a warehouse reduces billions of transactions to one
 * row per customer; {@link rfmFromSqlRows} turns the rows into the {@link index!RfmSummary} that
 * {@link index!rfmSummary} gives in memory.
 *
 * Definition (as {@link index!rfmSummary}): UTC calendar days; per customer the first purchase
 * day, the distinct purchase days and the last one up to `calibrationEnd`, the value of the
 * calibration purchases not made on the first day, and the distinct days and value after it up to
 * `observationEnd`; transactions after `observationEnd`, and missing customers, dates or values,
 * are counted so that {@link rfmFromSqlRows} can refuse them.
 *
 * @param options - {@link RfmToSqlOptions}.
 * @returns The {@link RfmQuery}.
 * @throws {@link index!CxMetricsError} `INVALID_OPTION` for bad names, dates or options.
 * @example
 * ```ts
 * import { rfmToSql } from "cx-metrics/sql";
 * const q = rfmToSql({ table: "orders", customer: "customer_id", date: "ordered_at", value: "total", calibrationEnd: "2024-06-30", timeUnit: "week" });
 * q.sql.includes('GROUP BY t."id"'); //=> true
 * ```
 * @category SQL
 */
export function rfmToSql(options: RfmToSqlOptions): RfmQuery {
  const fn = "rfmToSql";
  const o = readOptions<RfmToSqlOptions>(fn, options, RFM_TO_SQL_OPTIONS_KEYS);
  const d = readChoice(fn, "dialect", o.dialect, ["duckdb", "postgres", "bigquery", "snowflake", "spark"], "duckdb");
  const timeUnit = readChoice(fn, "timeUnit", o.timeUnit, ["day", "week", "month"], "week");
  if (o.timeUnit === undefined) fail(fn, "INVALID_OPTION", 'expected timeUnit ("day", "week" or "month")');
  const dateType = readChoice(fn, "dateType", o.dateType, ["timestamp", "date"], "timestamp");
  const q = (n: unknown) => quoteIdent(fn, n, d);
  const table = tableSql(fn, o.table, d);
  const cal = Math.floor(toEpochMs(fn, o.calibrationEnd, "calibrationEnd") / DAY_MS);
  const obs = o.observationEnd === undefined ? cal : Math.floor(toEpochMs(fn, o.observationEnd, "observationEnd") / DAY_MS);
  if (obs < cal) fail(fn, "INVALID_OPTION", "expected observationEnd on or after calibrationEnd");
  const text = TEXT[d];
  const dbl = DOUBLE[d];
  const value = o.value === undefined ? "0" : `CAST(${q(o.value)} AS ${dbl})`;
  const c = (x: string) => `CAST(${x} AS ${dbl})`;
  const sql =
    `WITH t AS (SELECT CAST(${q(o.customer)} AS ${text}) AS ${q("id")}, ${dayNumber(d, q(o.date), dateType)} AS ${q("d")}, ${value} AS ${q("v")} FROM ${table}), ` +
    `f AS (SELECT ${q("id")}, MIN(${q("d")}) AS ${q("first")} FROM t GROUP BY ${q("id")}) ` +
    `SELECT t.${q("id")} AS ${q("id")}, ${c(`f.${q("first")}`)} AS ${q("first")}, ` +
    `${c(`COUNT(DISTINCT CASE WHEN t.${q("d")} <= ${cal} THEN t.${q("d")} END)`)} AS ${q("cal_days")}, ` +
    `${c(`MAX(CASE WHEN t.${q("d")} <= ${cal} THEN t.${q("d")} END)`)} AS ${q("last_cal")}, ` +
    `${c(`SUM(CASE WHEN t.${q("d")} <= ${cal} AND t.${q("d")} <> f.${q("first")} THEN t.${q("v")} ELSE 0 END)`)} AS ${q("repeat_total")}, ` +
    `${c(`COUNT(DISTINCT CASE WHEN t.${q("d")} > ${cal} AND t.${q("d")} <= ${obs} THEN t.${q("d")} END)`)} AS ${q("hold_days")}, ` +
    `${c(`SUM(CASE WHEN t.${q("d")} > ${cal} AND t.${q("d")} <= ${obs} THEN t.${q("v")} ELSE 0 END)`)} AS ${q("hold_total")}, ` +
    `${c(`SUM(CASE WHEN t.${q("d")} > ${obs} THEN 1 ELSE 0 END)`)} AS ${q("late")}, ` +
    `${c(`SUM(CASE WHEN t.${q("d")} IS NULL OR t.${q("v")} IS NULL OR t.${q("v")} < 0 THEN 1 ELSE 0 END)`)} AS ${q("bad")}, ` +
    `${c("COUNT(*)")} AS ${q("n")} ` +
    `FROM t JOIN f ON t.${q("id")} = f.${q("id")} GROUP BY t.${q("id")}, f.${q("first")} ORDER BY t.${q("id")}`;
  return { sql, dialect: d, timeUnit, calibrationEndDay: cal, observationEndDay: obs };
}

/** The farthest day number from 1970-01-01 that a Date holds (±8.64e15 ms). */
const MAX_DAY = 100_000_000;

/**
 * Turn the rows of an {@link rfmToSql} query into the {@link index!RfmSummary} that
 * {@link index!rfmSummary} computes in memory (customers ordered by id), ready for
 * {@link index!fitBgNbd}, {@link index!fitGammaGamma} and {@link index!customerLifetimeValue}.
 *
 * @param query - From {@link rfmToSql}.
 * @param rows - The result rows (numbers, bigints or numeric strings).
 * @returns The summary.
 * @throws {@link index!CxMetricsError} `OUT_OF_RANGE` for transactions after the observation end or
 * negative values; `INVALID_INPUT` for missing customers, dates or values, or malformed rows (a
 * row that is not an object, a count that is not a whole number >= 0, a day number that is not a
 * whole day a Date holds, a last purchase before the first; a bigint is accepted when a double
 * holds it exactly); `INVALID_OPTION` for a query whose day numbers or time unit are not
 * those of {@link rfmToSql}; `EMPTY_INPUT` without a customer whose first purchase is in the
 * calibration period.
 * @example
 * ```ts
 * import { rfmFromSqlRows, rfmToSql } from "cx-metrics/sql";
 * const q = rfmToSql({ table: "orders", customer: "c", date: "d", value: "v", calibrationEnd: "1970-01-15", timeUnit: "day" });
 * // a customer who bought on days 1 and 4 (values 10 and 30) up to day 14
 * const s = rfmFromSqlRows(q, [{ id: "a", first: 1, cal_days: 2, last_cal: 4, repeat_total: 30, hold_days: 0, hold_total: 0, late: 0, bad: 0, n: 2 }]);
 * [s.frequency[0], s.recency[0], s.T[0], s.monetaryValue[0]]; //=> [1, 3, 13, 30]
 * ```
 * @category SQL
 */
export function rfmFromSqlRows(query: RfmQuery, rows: ArrayLike<Record<string, unknown>>): RfmSummary {
  const fn = "rfmFromSqlRows";
  if (query === null || typeof query !== "object" || typeof query.sql !== "string") fail(fn, "INVALID_OPTION", `expected a query from rfmToSql, got ${describe(query)}`);
  // a stored or forged query: its day numbers must be days a Date holds, its unit one of the units
  const day = (k: "calibrationEndDay" | "observationEndDay"): number => {
    const v: unknown = query[k];
    if (typeof v !== "number" || !Number.isSafeInteger(v) || Math.abs(v) > MAX_DAY) fail(fn, "INVALID_OPTION", `expected query.${k} to be a whole day number within ±${MAX_DAY} (from rfmToSql), got ${describe(v)}`);
    return v;
  };
  const cal = day("calibrationEndDay");
  const obs = day("observationEndDay");
  if (obs < cal) fail(fn, "INVALID_OPTION", `expected query.observationEndDay (${obs}) on or after query.calibrationEndDay (${cal})`);
  const timeUnit: unknown = query.timeUnit;
  if (timeUnit !== "day" && timeUnit !== "week" && timeUnit !== "month") fail(fn, "INVALID_OPTION", `expected query.timeUnit to be "day", "week" or "month", got ${describe(timeUnit)}`);
  const list = sqlRows(fn, rows);
  const unit = unitDays(timeUnit);
  // day numbers of purchases: whole days a Date holds (so differences of them are finite)
  const dayOf = (row: Record<string, unknown>, k: string, r: number): number => {
    const x = sqlNumber(fn, row, k, r);
    if (!Number.isInteger(x) || Math.abs(x) > MAX_DAY) fail(fn, "INVALID_INPUT", `expected a whole day number within ±${MAX_DAY} in column "${k}" of result row ${r}, got ${describe(row[k])}`, r);
    return x;
  };
  const money = (row: Record<string, unknown>, k: string, r: number): number => {
    const x = sqlNumber(fn, row, k, r);
    if (x < 0) fail(fn, "INVALID_INPUT", `expected a total >= 0 in column "${k}" of result row ${r}, got ${describe(row[k])}`, r);
    return x;
  };
  const keep: number[] = [];
  let transactions = 0;
  for (let r = 0; r < list.length; r++) {
    const row = sqlRow(fn, list, r);
    if (typeof row.id !== "string") fail(fn, "INVALID_INPUT", `expected a customer id in result row ${r}, got ${describe(row.id)} (transactions without a customer are not allowed)`, r);
    const bad = sqlCount(fn, row, "bad", r);
    if (bad > 0) fail(fn, "INVALID_INPUT", `customer ${row.id}: ${bad} transaction(s) without a date or value, or with a negative value`, r);
    const late = sqlCount(fn, row, "late", r);
    if (late > 0) fail(fn, "OUT_OF_RANGE", `customer ${row.id}: ${late} transaction(s) after the observation end (${new Date(obs * DAY_MS).toISOString().slice(0, 10)})`, r);
    transactions += sqlCount(fn, row, "n", r);
    if (dayOf(row, "first", r) <= cal) keep.push(r);
  }
  if (keep.length === 0) fail(fn, "EMPTY_INPUT", "expected at least one customer with a purchase on or before the calibration end, got none");
  const k = keep.length;
  const out: RfmSummary = {
    kind: "rfm",
    timeUnit,
    calibrationEnd: new Date(cal * DAY_MS).toISOString().slice(0, 10),
    observationEnd: new Date(obs * DAY_MS).toISOString().slice(0, 10),
    ids: new Array(k),
    frequency: new Float64Array(k),
    recency: new Float64Array(k),
    T: new Float64Array(k),
    monetaryValue: new Float64Array(k),
    holdoutFrequency: new Float64Array(k),
    holdoutMonetaryValue: new Float64Array(k),
    holdoutLength: (obs - cal) / unit,
    customers: k,
    repeatCustomers: 0,
    transactions,
    excludedCustomers: list.length - k,
  };
  keep.forEach((r, j) => {
    const row = list[r] as Record<string, unknown>;
    const first = dayOf(row, "first", r);
    const days = sqlCount(fn, row, "cal_days", r);
    const lastCal = dayOf(row, "last_cal", r);
    if (days < 1 || lastCal < first || lastCal > cal) fail(fn, "INVALID_INPUT", `customer ${row.id as string}: expected cal_days >= 1 and first <= last_cal <= the calibration end (${cal}), got cal_days ${days}, first ${first}, last_cal ${lastCal}`, r);
    const x = days - 1;
    const holdDays = sqlCount(fn, row, "hold_days", r);
    out.ids[j] = row.id as string;
    out.frequency[j] = x;
    out.recency[j] = (lastCal - first) / unit;
    out.T[j] = (cal - first) / unit;
    out.monetaryValue[j] = x > 0 ? money(row, "repeat_total", r) / x : 0;
    out.holdoutFrequency[j] = holdDays;
    out.holdoutMonetaryValue[j] = holdDays > 0 ? money(row, "hold_total", r) / holdDays : 0;
    if (x > 0) out.repeatCustomers++;
  });
  return out;
}
