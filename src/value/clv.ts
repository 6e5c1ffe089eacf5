import { fail } from "../core/errors";
import { describe, keysOf, readChoice, readOptions } from "../core/input";
import { argsort } from "../core/sort";
import { type BgNbdModel, checkParams, logAlive, logAliveExpectation, logAliveExpectationSteps } from "./bg-nbd";
import { type GammaGammaModel, gammaGammaConditionalExpectedValue } from "./gamma-gamma";
import { rfmHistogram } from "./rfm-histogram";
import type { RfmSummary, TimeUnit } from "./rfm-summary";

const SIMPLE_CLV_INPUT_KEYS = /* @__PURE__ */ keysOf<SimpleClvInput>()("averageOrderValue", "purchaseFrequency", "lifespan", "margin");
const RETENTION_CLV_INPUT_KEYS = /* @__PURE__ */ keysOf<RetentionClvInput>()("margin", "retentionRate", "discountRate", "includeFirstPeriod", "horizon");
const CUSTOMER_LIFETIME_VALUE_OPTIONS_KEYS = /* @__PURE__ */ keysOf<CustomerLifetimeValueOptions>()("horizon", "discountRate", "timeUnit");

function finiteNumber(fn: string, name: string, v: unknown, min: number, max = Infinity, openMin = false): number {
  if (typeof v !== "number" || !Number.isFinite(v) || (openMin ? !(v > min) : !(v >= min)) || v > max) {
    fail(fn, "INVALID_OPTION", `expected ${name} to be a finite number ${openMin ? ">" : ">="} ${min}${max < Infinity ? ` and <= ${max}` : ""}, got ${describe(v)}`);
  }
  return v;
}

/**
 * Inputs of {@link simpleClv}.
 * @category Value
 */
export interface SimpleClvInput {
  /** Mean revenue per order. */
  averageOrderValue: number;
  /** Orders per customer per period. */
  purchaseFrequency: number;
  /** Expected customer lifespan, in the same periods. */
  lifespan: number;
  /** Gross margin as a fraction in [0, 1]; default 1 (revenue, not profit). */
  margin?: number;
}

/**
 * The textbook customer lifetime value: average order value × purchase frequency × lifespan ×
 * margin.
 *
 * Definition: CLV = AOV · f · L · m, with f in orders per period and L in periods. It ignores
 * discounting, the spread of customers around the averages, and the dependence of lifespan on
 * purchase behaviour; use it for a first order of magnitude, and {@link customerLifetimeValue}
 * (BG/NBD + Gamma-Gamma) for customer-level, discounted values. See docs/clv.md for when it misleads.
 *
 * @param input - `{ averageOrderValue, purchaseFrequency, lifespan, margin? }`.
 * @returns `{ value, ... }` with the inputs echoed.
 * @throws {@link CxMetricsError} `INVALID_OPTION` for negative, non-finite or missing inputs, or a
 * margin outside [0, 1].
 * @example
 * ```ts
 * import { simpleClv } from "cx-metrics";
 * simpleClv({ averageOrderValue: 50, purchaseFrequency: 4, lifespan: 3, margin: 0.3 }).value; //=> 180
 * ```
 * @category Value
 */
export function simpleClv(input: SimpleClvInput): { value: number; averageOrderValue: number; purchaseFrequency: number; lifespan: number; margin: number } {
  const fn = "simpleClv";
  const o = readOptions<SimpleClvInput>(fn, input, SIMPLE_CLV_INPUT_KEYS);
  const averageOrderValue = finiteNumber(fn, "averageOrderValue", o.averageOrderValue, 0);
  const purchaseFrequency = finiteNumber(fn, "purchaseFrequency", o.purchaseFrequency, 0);
  const lifespan = finiteNumber(fn, "lifespan", o.lifespan, 0);
  const margin = finiteNumber(fn, "margin", o.margin ?? 1, 0, 1);
  const value = averageOrderValue === 0 || purchaseFrequency === 0 || lifespan === 0 || margin === 0 ? 0 : averageOrderValue * purchaseFrequency * lifespan * margin;
  if (!Number.isFinite(value)) fail(fn, "NON_FINITE", `the value ${averageOrderValue} × ${purchaseFrequency} × ${lifespan} × ${margin} does not fit in a double`);
  return { value, averageOrderValue, purchaseFrequency, lifespan, margin };
}

/**
 * Inputs of {@link retentionClv}.
 * @category Value
 */
export interface RetentionClvInput {
  /** Margin per customer per period (e.g. yearly profit). */
  margin: number;
  /** Share retained from one period to the next, in [0, 1] (1 needs a discount rate > 0 or a horizon). */
  retentionRate: number;
  /** Discount rate per period, ≥ 0. */
  discountRate: number;
  /** Count the margin of the current period, received now; default false (Gupta & Lehmann). */
  includeFirstPeriod?: boolean;
  /** Number of periods; default unlimited. */
  horizon?: number;
}

/**
 * Customer lifetime value from a constant margin, retention rate and discount rate: the
 * margin-multiplier model.
 *
 * Definition (Gupta & Lehmann 2003, "Customers as Assets", Journal of Interactive Marketing 17(1)):
 * with margin m received at the end of each period the customer is retained, retention r and
 * discount rate d, CLV = Σ_{t≥1} m·rᵗ/(1 + d)ᵗ = m · r/(1 + d − r). With `includeFirstPeriod` the
 * current period's margin m is added (received now): m·(1 + d)/(1 + d − r). With a `horizon` of H
 * periods the sum stops: m·q(1 − q^H)/(1 − q) with q = r/(1 + d) (first-period variant:
 * m·(1 − q^H)/(1 − q), periods 0 … H − 1). Constant margins and retention are strong assumptions:
 * see docs/clv.md.
 *
 * @param input - `{ margin, retentionRate, discountRate, includeFirstPeriod?, horizon? }`.
 * @returns `{ value, multiplier, ... }`: `multiplier` = value / margin.
 * @throws {@link CxMetricsError} `INVALID_OPTION` for invalid inputs (retention 1 without a horizon).
 * @example
 * ```ts
 * import { retentionClv } from "cx-metrics";
 * retentionClv({ margin: 100, retentionRate: 0.8, discountRate: 0.1 }).value; //=> ~266.67
 * retentionClv({ margin: 100, retentionRate: 0.8, discountRate: 0.1, includeFirstPeriod: true }).value; //=> ~366.67
 * ```
 * @category Value
 */
export function retentionClv(input: RetentionClvInput): {
  value: number;
  multiplier: number;
  margin: number;
  retentionRate: number;
  discountRate: number;
  includeFirstPeriod: boolean;
  horizon: number;
} {
  const fn = "retentionClv";
  const o = readOptions<RetentionClvInput>(fn, input, RETENTION_CLV_INPUT_KEYS);
  if (typeof o.margin !== "number" || !Number.isFinite(o.margin)) fail(fn, "INVALID_OPTION", `expected a finite margin, got ${describe(o.margin)}`);
  const r = finiteNumber(fn, "retentionRate", o.retentionRate, 0, 1);
  const d = finiteNumber(fn, "discountRate", o.discountRate, 0);
  const first = o.includeFirstPeriod ?? false;
  if (typeof first !== "boolean") fail(fn, "INVALID_OPTION", `expected includeFirstPeriod to be a boolean, got ${describe(first)}`);
  const horizon = o.horizon ?? Infinity;
  if (horizon !== Infinity && !(Number.isSafeInteger(horizon) && horizon >= 0)) fail(fn, "INVALID_OPTION", `expected horizon to be a whole number of periods, got ${describe(horizon)}`);
  const q = r / (1 + d);
  if (horizon === Infinity && !(q < 1)) fail(fn, "INVALID_OPTION", "expected retentionRate < 1 or a discount rate > 0 for an unlimited horizon");
  // Σ_{t=1..H} qᵗ (or Σ_{t=0..H−1} qᵗ with the first period), by the geometric series
  const geometric =
    horizon === 0 ? 0 : q === 0 ? 1 : q === 1 ? horizon : horizon === Infinity ? 1 / (1 - q) : -Math.expm1(horizon * Math.log(q)) / (1 - q);
  const multiplier = first ? geometric : q * geometric;
  const value = o.margin * multiplier;
  if (!Number.isFinite(value)) fail(fn, "NON_FINITE", `the value ${o.margin} × ${multiplier} does not fit in a double`);
  return { value, multiplier, margin: o.margin, retentionRate: r, discountRate: d, includeFirstPeriod: first, horizon };
}

/**
 * Options of {@link customerLifetimeValue}.
 * @category Value
 */
export interface CustomerLifetimeValueOptions {
  /** Number of future periods of one time unit each. */
  horizon: number;
  /** Discount rate per period (per time unit), ≥ 0. */
  discountRate: number;
  /** Must equal the summary's time unit: a guard against mixing weeks and months. */
  timeUnit: TimeUnit;
}

/**
 * Per-customer lifetime values.
 * @category Value
 */
export interface CustomerLifetimeValueResult {
  ids: (string | number)[];
  /** Discounted expected value over the horizon, per customer. */
  clv: Float64Array;
  /** Expected purchases over the horizon (undiscounted), per customer. */
  expectedPurchases: Float64Array;
  /** Expected value per purchase (Gamma-Gamma), per customer. */
  expectedValue: Float64Array;
  /** P(alive) today, per customer. */
  probabilityAlive: Float64Array;
  /** Sum of `clv`. */
  total: number;
  horizon: number;
  discountRate: number;
  timeUnit: TimeUnit;
}

/** Longest `horizon` of {@link customerLifetimeValue}, in periods. */
const MAX_HORIZON = 100_000;

/**
 * Discounted expected customer lifetime value over a horizon, from a BG/NBD model (how many
 * purchases) and a Gamma-Gamma model (what they are worth).
 *
 * Definition: for a customer with history (x, t_x, T, m̄) and periods k = 1 … H of one time unit,
 * CLV = Σ_k (E[Y(k)] − E[Y(k − 1)]) · E[M] / (1 + d)ᵏ, with E[Y(k)] the BG/NBD conditional expected
 * purchases in the next k periods ({@link bgNbdConditionalExpectedPurchases}, E[Y(0)] = 0), E[M]
 * the Gamma-Gamma conditional expected value ({@link gammaGammaConditionalExpectedValue}; the
 * population mean for x = 0), and d the discount rate per period: the purchases expected in period
 * k are discounted as if paid at its end. This is the computation of the Python package lifetimes'
 * `customer_lifetime_value` with its step equal to the time unit. Both models must have been fitted
 * on the same summary's time unit.
 *
 * Method: E[Y(k)] = E(k | x, T) · P(alive | x, t_x, T), and the alive customer's expectation E does
 * not depend on t_x; so the customers are grouped by (x, T) (the triples of {@link rfmHistogram}
 * with recency 0, handed over in (x, T) order so that it only counts), Σₖ (E(k) − E(k − 1))/(1 + d)ᵏ is computed once
 * per group (its ₂F₁ series once per group and step, with the checks made once per call), and each
 * customer costs one P(alive) and one Gamma-Gamma value: O(n + distinct (x, T) × H), where a loop
 * over customers costs O(n × H) series. The product E · P(alive) differs from the per-customer
 * functions' exp(ln E + ln P(alive)) by floating-point rounding only (≤ 1e-12 relative, tested); a
 * customer whose factors leave the normal doubles (overflow, underflow) is summed in log space
 * step by step, as the per-customer functions do.
 *
 * @param bgNbd - A fitted {@link BgNbdModel}.
 * @param gammaGamma - A fitted {@link GammaGammaModel}.
 * @param summary - The {@link RfmSummary} of the customers to value.
 * @param options - `horizon`, `discountRate`, `timeUnit`.
 * @returns The {@link CustomerLifetimeValueResult}.
 * @throws {@link CxMetricsError} `INVALID_OPTION` for a time unit that differs from the summary's
 * (or the BG/NBD model's), a bad horizon or discount rate; `TOO_MANY_PERIODS` for a horizon beyond
 * 100,000 periods (the cost is customers × horizon); `NON_FINITE` when a customer's value or the
 * total exceeds the largest double; `INVALID_INPUT` for a summary's timeUnit that is not a time
 * unit or ids that are not strings or finite numbers, `LENGTH_MISMATCH` for ids of another length
 * than the columns; errors of the prediction functions.
 * @example
 * ```ts
 * import { customerLifetimeValue } from "cx-metrics";
 * const bg = { kind: "bg-nbd", r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, timeUnit: "week" };
 * const gg = { kind: "gamma-gamma", p: 6.25, q: 3.74, gamma: 15.44 };
 * const summary = { ids: ["c1"], frequency: [2], recency: [30.43], T: [38.86], monetaryValue: [22.35], timeUnit: "week" };
 * customerLifetimeValue(bg, gg, summary, { horizon: 52, discountRate: 0, timeUnit: "week" }).clv[0]; //=> ~38.4
 * ```
 * @category Value
 */
export function customerLifetimeValue(
  bgNbd: Pick<BgNbdModel, "r" | "alpha" | "a" | "b"> & { timeUnit?: TimeUnit | undefined },
  gammaGamma: Pick<GammaGammaModel, "p" | "q" | "gamma">,
  summary: Pick<RfmSummary, "frequency" | "recency" | "T" | "monetaryValue" | "timeUnit"> & { ids?: (string | number)[] },
  options: CustomerLifetimeValueOptions,
): CustomerLifetimeValueResult {
  const fn = "customerLifetimeValue";
  checkParams(fn, bgNbd);
  const o = readOptions<CustomerLifetimeValueOptions>(fn, options, CUSTOMER_LIFETIME_VALUE_OPTIONS_KEYS);
  const timeUnit = readChoice(fn, "timeUnit", o.timeUnit, ["day", "week", "month"], "week");
  if (o.timeUnit === undefined) fail(fn, "INVALID_OPTION", 'expected timeUnit ("day", "week" or "month")');
  if (summary === null || typeof summary !== "object") fail(fn, "INVALID_INPUT", `expected an RFM summary, got ${describe(summary)}`);
  const units: readonly unknown[] = ["day", "week", "month"];
  if (summary.timeUnit !== undefined && !units.includes(summary.timeUnit)) {
    fail(fn, "INVALID_INPUT", `expected the summary's timeUnit to be "day", "week" or "month" (or absent), got ${describe(summary.timeUnit)}`);
  }
  if (bgNbd.timeUnit !== undefined && !units.includes(bgNbd.timeUnit)) {
    fail(fn, "INVALID_OPTION", `expected the BG/NBD model's timeUnit to be "day", "week" or "month" (or absent), got ${describe(bgNbd.timeUnit)}`);
  }
  if (summary.timeUnit !== undefined && summary.timeUnit !== timeUnit) {
    fail(fn, "INVALID_OPTION", `expected timeUnit "${summary.timeUnit}" (the summary's), got "${timeUnit}": refit or resummarize in one unit`);
  }
  if (bgNbd.timeUnit !== undefined && bgNbd.timeUnit !== timeUnit) {
    fail(fn, "INVALID_OPTION", `expected timeUnit "${bgNbd.timeUnit}" (the BG/NBD model's), got "${timeUnit}"`);
  }
  const horizon = o.horizon;
  if (!Number.isSafeInteger(horizon) || horizon < 1) fail(fn, "INVALID_OPTION", `expected horizon to be a whole number of periods >= 1, got ${describe(horizon)}`);
  // the work is customers × horizon predictions: a horizon of 1e9 periods would run for days
  if (horizon > MAX_HORIZON) fail(fn, "TOO_MANY_PERIODS", `expected a horizon of at most ${MAX_HORIZON} periods (about 1,900 years of weeks), got ${horizon}`);
  const d = finiteNumber(fn, "discountRate", o.discountRate, 0);
  if (gammaGamma === null || typeof gammaGamma !== "object") fail(fn, "INVALID_INPUT", `expected a Gamma-Gamma model, got ${describe(gammaGamma)}`);
  for (const k of ["p", "q", "gamma"] as const) {
    const v = gammaGamma[k];
    if (typeof v !== "number" || !(v > 0) || v === Infinity) fail(fn, "OUT_OF_RANGE", `expected Gamma-Gamma parameter ${k} to be a finite number > 0, got ${describe(v)}`);
  }
  if (!(gammaGamma.q > 1)) fail(fn, "OUT_OF_RANGE", `expected Gamma-Gamma q > 1 (a finite mean value), got ${gammaGamma.q}`);
  for (const col of ["frequency", "recency", "T", "monetaryValue"] as const) {
    const v = (summary as Record<string, unknown>)[col];
    if (v === null || typeof v !== "object" || typeof (v as ArrayLike<unknown>).length !== "number") {
      fail(fn, "INVALID_INPUT", `expected the summary to have a ${col} column, got ${describe(v)}`);
    }
  }
  const { frequency, recency, T, monetaryValue } = summary;
  const n = frequency.length;
  if (recency.length !== n || T.length !== n || monetaryValue.length !== n) fail(fn, "LENGTH_MISMATCH", `expected summary columns of equal length ${n}`);
  const ids = readIds(fn, summary.ids, n);
  for (let i = 0; i < n; i++) {
    const x = frequency[i]!;
    const tx = recency[i]!;
    const t = T[i]!;
    const m = monetaryValue[i]!;
    if (!Number.isInteger(x) || x < 0) fail(fn, "NOT_INTEGER", `expected frequency to be a whole number >= 0 at index ${i}, got ${describe(x)}`, i);
    if (!Number.isFinite(tx) || !Number.isFinite(t) || !Number.isFinite(m)) fail(fn, "NON_FINITE", `expected finite recency, T and monetary value at index ${i}`, i);
    if (tx < 0 || tx > t || (x === 0 && tx !== 0)) fail(fn, "OUT_OF_RANGE", `expected 0 <= recency <= T (recency 0 when frequency is 0) at index ${i}, got recency ${tx}, T ${t}`, i);
    if (m < 0) fail(fn, "OUT_OF_RANGE", `expected a monetary value >= 0 at index ${i}, got ${m}`, i);
    if (x === 0 && !(bgNbd.a + bgNbd.b > 1)) {
      fail(fn, "OUT_OF_RANGE", `expected a + b > 1 for customers without repeat purchases (index ${i}), got ${bgNbd.a + bgNbd.b}`, i);
    }
  }
  const out: CustomerLifetimeValueResult = {
    ids,
    clv: new Float64Array(n),
    expectedPurchases: new Float64Array(n),
    expectedValue: new Float64Array(n),
    probabilityAlive: new Float64Array(n),
    total: 0,
    horizon,
    discountRate: d,
    timeUnit,
  };
  const discount = Float64Array.from({ length: horizon + 1 }, (_, k) => Math.pow(1 + d, -k));
  const groups = groupByFrequencyAndAge(frequency, T, n);
  const sums = groupSums(fn, bgNbd, groups, discount, horizon);
  let population = NaN;
  for (let i = 0; i < n; i++) {
    const x = frequency[i]!;
    const tx = recency[i]!;
    const t = T[i]!;
    // the x = 0 value is the population mean, the same for every such customer: computed once, at
    // the first of them (so that its NON_FINITE comes at the same turn as in a loop over customers)
    if (x === 0 && population !== population) population = gammaGammaConditionalExpectedValue(gammaGamma, 0, 0);
    const value = x > 0 ? gammaGammaConditionalExpectedValue(gammaGamma, x, monetaryValue[i]!) : population;
    const logAliveI = logAlive(bgNbd, x, tx, t);
    const alive = Math.exp(logAliveI);
    const g = groups.group[i]!;
    let clv = NaN;
    let purchases = NaN;
    // E[Y(k)] = E_g(k) · P(alive): one product per customer when every factor is a normal double
    // (else the per-step sum in log space, as the per-customer function computes it)
    if (g >= 0 && sums.ok[g] === 1 && logAliveI > -690) {
      purchases = sums.last[g]! * alive;
      clv = sums.discounted[g]! * alive * value;
    }
    if (!(purchases >= 1e-300 && clv >= 1e-300 && clv < Infinity)) {
      let previous = 0;
      let sum = 0;
      for (let k = 1; k <= horizon; k++) {
        const ey = Math.exp(logAliveExpectation(fn, bgNbd, k, x, t) + logAliveI);
        if (!Number.isFinite(ey)) fail(fn, "NON_FINITE", `the expected purchases of the customer at index ${i} do not fit in a double (t ${k}, x ${x}, T ${t})`, i);
        sum += (ey - previous) * discount[k]!;
        previous = ey;
      }
      clv = sum * value;
      purchases = previous;
      if (!Number.isFinite(clv)) fail(fn, "NON_FINITE", `the lifetime value of the customer at index ${i} does not fit in a double (expected purchases ${previous}, value per purchase ${value})`, i);
    }
    out.clv[i] = clv;
    out.expectedPurchases[i] = purchases;
    out.expectedValue[i] = value;
    out.probabilityAlive[i] = alive;
    out.total += clv;
  }
  if (!Number.isFinite(out.total)) fail(fn, "NON_FINITE", "the total lifetime value does not fit in a double; sum the per-customer values in another unit");
  return out;
}

/**
 * The summary's customer ids, checked and copied (strings or finite numbers, one per customer), or
 * the indices 0…n−1 when the summary has none.
 */
function readIds(fn: string, ids: unknown, n: number): (string | number)[] {
  if (ids === undefined) {
    const out: number[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    return out;
  }
  if (!Array.isArray(ids)) fail(fn, "INVALID_INPUT", `expected the summary's ids to be an array, got ${describe(ids)}`);
  if (ids.length !== n) fail(fn, "LENGTH_MISMATCH", `expected ${n} ids (one per customer), got ${ids.length}`);
  const out: (string | number)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const id: unknown = ids[i];
    if (typeof id !== "string" && !(typeof id === "number" && Number.isFinite(id))) {
      fail(fn, "INVALID_INPUT", `expected an id (a string or a finite number) at index ${i}, got ${describe(id)}`, i);
    }
    out[i] = id;
  }
  return out;
}

/** Customers grouped by (x, T), on which the alive customer's expected purchases depend. */
interface Groups {
  /** Per customer, the index of its (x, T) in `x`/`T`; −1 for a customer computed alone. */
  group: Int32Array;
  x: number[];
  T: number[];
}

/**
 * The distinct (x, T) of the customers and each customer's index among them. The alive customer's
 * expectation E(t | x, T) does not depend on t_x, so customers that share (x, T) share it, whatever
 * their recency: the pairs are the triples of {@link rfmHistogram} with every recency set to 0. The
 * rows are handed to it in (x, T) order ({@link argsort} by T, then a stable counting pass by x), so
 * that its sorts find them sorted and only count; a walk along both then gives each customer its
 * pair. A customer the histogram refuses (x beyond 2⁵³, or T = 0 with x ≥ 1: legal here) is
 * computed alone.
 */
function groupByFrequencyAndAge(frequency: ArrayLike<number>, T: ArrayLike<number>, n: number): Groups {
  const group = new Int32Array(n);
  const xs = new Float64Array(n);
  const ts = new Float64Array(n);
  let xMax = 0;
  for (let i = 0; i < n; i++) {
    const x = frequency[i]!;
    const t = T[i]!;
    // a refused row becomes (0, 0, 0), a legal row, and keeps group −1
    if (!(x <= Number.MAX_SAFE_INTEGER) || (x > 0 && !(t > 0))) group[i] = -1;
    else {
      xs[i] = x;
      ts[i] = t;
      if (x > xMax) xMax = x;
    }
  }
  // order by T, then (stably) by x: a counting pass when the frequencies are few, else a radix sort
  const byT = argsort(ts);
  const order = new Uint32Array(n);
  if (xMax <= n) {
    const start = new Uint32Array(xMax + 2);
    for (let i = 0; i < n; i++) start[xs[i]! + 1]!++;
    for (let x = 0; x <= xMax; x++) start[x + 1]! += start[x]!;
    for (let k = 0; k < n; k++) {
      const i = byT[k]!;
      order[start[xs[i]!]!++] = i;
    }
  } else {
    const xByT = new Float64Array(n);
    for (let k = 0; k < n; k++) xByT[k] = xs[byT[k]!]!;
    const byX = argsort(xByT);
    for (let k = 0; k < n; k++) order[k] = byT[byX[k]!]!;
  }
  const sx = new Float64Array(n);
  const sT = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    sx[k] = xs[i]!;
    sT[k] = ts[i]!;
  }
  const h = rfmHistogram({ frequency: sx, recency: new Float64Array(n), T: sT });
  const hx = h.frequency;
  const hT = h.T;
  let g = 0;
  for (let k = 0; k < n; k++) {
    while (hx[g] !== sx[k] || hT[g] !== sT[k]) g++;
    const i = order[k]!;
    if (group[i] === 0) group[i] = g;
  }
  return { group, x: hx, T: hT };
}

/** Per (x, T) group: Σₖ (E(k) − E(k − 1))/(1 + d)ᵏ, E(H), and whether both are usable as factors. */
interface GroupSums {
  discounted: Float64Array;
  last: Float64Array;
  /** 1 when every E(k) is a normal double (no overflow or underflow to share with P(alive)). */
  ok: Uint8Array;
}

/**
 * The alive customer's discounted expected purchases of every (x, T) group: E(k) = the expected
 * purchases in the next k periods of a customer known to be alive, once per group and step (the
 * series of ₂F₁ depends on k), without the checks, which the caller made once. A group whose
 * series fails (`NOT_CONVERGED`) or leaves the normal doubles is marked not ok, and its customers
 * are computed alone, where the error then comes at the first such customer's turn.
 */
function groupSums(fn: string, model: Pick<BgNbdModel, "r" | "alpha" | "a" | "b">, groups: Groups, discount: Float64Array, horizon: number): GroupSums {
  const m = groups.x.length;
  const out: GroupSums = { discounted: new Float64Array(m), last: new Float64Array(m), ok: new Uint8Array(m) };
  const logE = new Float64Array(horizon + 1);
  const scratch = { coef: new Float64Array(64) };
  for (let g = 0; g < m; g++) {
    const x = groups.x[g]!;
    const T = groups.T[g]!;
    let previous = 0;
    let sum = 0;
    let normal = true;
    try {
      logAliveExpectationSteps(fn, model, x, T, horizon, logE, scratch);
      for (let k = 1; k <= horizon; k++) {
        const e = Math.exp(logE[k]!);
        if (!(e >= 1e-300 && e <= 1e300)) {
          normal = false;
          break;
        }
        sum += (e - previous) * discount[k]!;
        previous = e;
      }
    } catch {
      normal = false;
    }
    out.discounted[g] = sum;
    out.last[g] = previous;
    out.ok[g] = normal ? 1 : 0;
  }
  return out;
}
