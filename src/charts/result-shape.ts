// The shape of the results the charts read (an NPS result, a cohort table, a Kaplan–Meier curve,
// ticket times, lagged correlations): a result may come from JSON or be forged, so each field a
// chart reads is checked, and a wrong one is an INVALID_INPUT error that names it.
// Internal (not part of the cx-metrics/charts entry point).
import { fail } from "../core/errors";
import { describe } from "../core/input";
import { isRecord, isText } from "./report-shape";

const isNumber = (v: unknown): v is number => typeof v === "number";
const numberOrNull = (v: unknown): v is number | null => v === null || typeof v === "number";
/** A list of numbers: an array or a typed array (the results hold Float64Arrays; JSON gives arrays). */
const isNumbers = (v: unknown): v is ArrayLike<number> =>
  (ArrayBuffer.isView(v) && !(v instanceof DataView) && typeof (v as unknown as { length?: unknown }).length === "number" && !(v instanceof BigInt64Array) && !(v instanceof BigUint64Array)) ||
  (Array.isArray(v) && v.every(isNumber));

/**
 * A field checker for one result: `bad("cohorts[2].share", "a list of numbers")` fails with
 * `INVALID_INPUT` naming the field.
 */
type Bad = (field: string, expected: string, got: unknown, index?: number) => never;
function badField(fn: string, what: string): Bad {
  return (field: string, expected: string, got: unknown, index?: number): never =>
    fail(fn, "INVALID_INPUT", `expected ${what}: ${field} should be ${expected}, got ${describe(got)}`, index);
}

/**
 * Check a group of {@link index!npsDistributionChart}: `{ label, result }` with a text (or number)
 * label and the shares and value of an NPS result.
 * @internal
 * @example
 * ```ts
 * checkNpsGroup("f", { label: "web", result: { value: 0, promoterShare: 50, passiveShare: 0, detractorShare: 50 } }, 0); // passes
 * ```
 */
export function checkNpsGroup(fn: string, g: unknown, i: number): asserts g is { label: string | number; result: { value: number | null; promoterShare: number; passiveShare: number; detractorShare: number } } {
  const bad: Bad = badField(fn, `group ${i} to be { label, result } with an NPS result`);
  if (!isRecord(g)) bad(`groups[${i}]`, "an object", g, i);
  const r = g.result;
  if (!isRecord(r) || !isNumber(r.promoterShare)) bad(`groups[${i}].result`, "an NPS result", r, i);
  if (!isText(g.label) && !isNumber(g.label)) bad(`groups[${i}].label`, "text", g.label, i);
  for (const k of ["passiveShare", "detractorShare"] as const) if (!isNumber(r[k])) bad(`groups[${i}].result.${k}`, "a number", r[k], i);
  if (!numberOrNull(r.value)) bad(`groups[${i}].result.value`, "a number or null", r.value, i);
}

/**
 * Check the fields of a {@link index!cohortRetention} result that {@link index!cohortHeatmap} reads.
 * @internal
 * @example
 * ```ts
 * checkCohorts("f", { period: "month", cohorts: [{ cohort: "2024-01-01", size: 2, share: [1, 0.5] }] }); // passes
 * ```
 */
export function checkCohorts(fn: string, result: unknown): asserts result is { period: string; cohorts: { cohort: string; size: number; share: (number | null)[] }[] } {
  const bad: Bad = badField(fn, "a result of cohortRetention");
  if (!isRecord(result)) bad("result", "an object", result);
  if (!Array.isArray(result.cohorts)) bad("cohorts", "a list of cohorts", result.cohorts);
  if (!isText(result.period)) bad("period", "a period name", result.period);
  result.cohorts.forEach((c: unknown, i: number) => {
    if (!isRecord(c)) bad(`cohorts[${i}]`, "an object", c, i);
    if (!isText(c.cohort)) bad(`cohorts[${i}].cohort`, "a period label", c.cohort, i);
    if (!isNumber(c.size)) bad(`cohorts[${i}].size`, "a number", c.size, i);
    if (!Array.isArray(c.share) || !c.share.every(numberOrNull)) bad(`cohorts[${i}].share`, "a list of shares (numbers)", c.share, i);
  });
}

/**
 * Check the fields of a Kaplan–Meier curve that {@link index!survivalChart} reads: `times`,
 * `survival`, `lower` and `upper` lists of numbers of one length, and `median` a number or null.
 * @internal
 * @example
 * ```ts
 * checkCurve("f", { times: [1], survival: [0.5], lower: [0.1], upper: [0.9], median: 1 }); // passes
 * ```
 */
export function checkCurve(fn: string, curve: unknown, where = "curve"): asserts curve is { times: ArrayLike<number>; survival: ArrayLike<number>; lower: ArrayLike<number>; upper: ArrayLike<number>; median: number | null } {
  const bad: Bad = badField(fn, "a Kaplan–Meier result");
  if (!isRecord(curve) || !isNumbers(curve.survival)) bad(`${where}.survival`, "a list of numbers", isRecord(curve) ? curve.survival : curve);
  const n = curve.survival.length;
  for (const k of ["times", "lower", "upper"] as const) {
    const v = curve[k];
    if (!isNumbers(v) || v.length !== n) bad(`${where}.${k}`, `a list of ${n} numbers (as survival)`, v);
  }
  if (!numberOrNull(curve.median)) bad(`${where}.median`, "a number or null", curve.median);
}

/**
 * Check the fields of a ticket-time result that {@link index!resolutionTimeChart} reads.
 * @internal
 * @example
 * ```ts
 * checkTicketTimes("f", { durations: [1, 2], percentiles: [{ p: 0.5, value: 1.5 }], censored: { median: 1.5 }, unit: "hours", n: 2, open: 0 }); // passes
 * ```
 */
export function checkTicketTimes(fn: string, result: unknown): asserts result is { durations: ArrayLike<number>; percentiles: { p: number; value: number | null }[]; censored: { median: number | null }; unit: string; n: number; open: number } {
  const bad: Bad = badField(fn, "a ticket-time result");
  if (!isRecord(result) || !isNumbers(result.durations)) bad("durations", "a list of numbers", isRecord(result) ? result.durations : result);
  if (!Array.isArray(result.percentiles)) bad("percentiles", "a list of { p, value }", result.percentiles);
  result.percentiles.forEach((p: unknown, i: number) => {
    if (!isRecord(p) || !isNumber(p.p) || !numberOrNull(p.value)) bad(`percentiles[${i}]`, "{ p, value } with numbers (value may be null)", p, i);
  });
  if (!isRecord(result.censored) || !numberOrNull(result.censored.median)) bad("censored.median", "a number or null", isRecord(result.censored) ? result.censored.median : result.censored);
  if (!isText(result.unit)) bad("unit", "a unit name", result.unit);
  for (const k of ["n", "open"] as const) if (!isNumber(result[k])) bad(k, "a number", result[k]);
}

/**
 * Check the fields of a {@link index!laggedCorrelation} result that {@link index!laggedCorrelationChart} reads.
 * @internal
 * @example
 * ```ts
 * checkLags("f", { method: "pearson", reading: "x leads y", rows: [{ lag: 0, r: 0.5, ci: [0.1, 0.8], n: 10, pHolm: 0.2 }] }); // passes
 * ```
 */
export function checkLags(fn: string, result: unknown): asserts result is { method: string; reading?: string; direction?: string; rows: { lag: number; r: number | null; ci: [number, number] | null; n: number; pHolm: number | null }[] } {
  const bad: Bad = badField(fn, "a result of laggedCorrelation");
  if (!isRecord(result) || !Array.isArray(result.rows)) bad("rows", "a list of lag rows", isRecord(result) ? result.rows : result);
  if (!isText(result.method)) bad("method", "a method name", result.method);
  // `reading`, or `direction` (its deprecated name) in a result stored before it was added
  if (result.reading !== undefined ? !isText(result.reading) : !isText(result.direction)) bad("reading", "text", result.reading ?? result.direction);
  result.rows.forEach((r: unknown, i: number) => {
    if (!isRecord(r)) bad(`rows[${i}]`, "an object", r, i);
    if (!isNumber(r.lag)) bad(`rows[${i}].lag`, "a number", r.lag, i);
    if (!numberOrNull(r.r)) bad(`rows[${i}].r`, "a number or null", r.r, i);
    if (!(r.ci === null || r.ci === undefined || (Array.isArray(r.ci) && r.ci.length === 2 && r.ci.every(numberOrNull)))) bad(`rows[${i}].ci`, "null or [low, high]", r.ci, i);
    if (!isNumber(r.n)) bad(`rows[${i}].n`, "a number", r.n, i);
    if (!numberOrNull(r.pHolm)) bad(`rows[${i}].pHolm`, "a number or null", r.pHolm, i);
  });
}
