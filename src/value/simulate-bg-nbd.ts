import { fail } from "../core/errors";
import { describe, keysOf, readOptions } from "../core/input";
import { gammaDraw, uniform } from "../core/random";
import type { BgNbdModel } from "./bg-nbd";
import { checkParams } from "./bg-nbd";

const SIMULATE_BG_NBD_OPTIONS_KEYS = /* @__PURE__ */ keysOf<SimulateBgNbdOptions>()("customers", "T", "seed");

/**
 * Options of {@link simulateBgNbd}.
 * @category Value
 */
export interface SimulateBgNbdOptions {
  /** Number of customers, at most 10⁷. */
  customers: number;
  /** Observation length T per customer: one number for all, or one per customer. */
  T: number | ArrayLike<number>;
  /** Seed of the pseudo-random generator; the same seed gives the same data. Default 1. */
  seed?: number;
}

/**
 * Simulated calibration data of the BG/NBD model: the RFM columns and the latent truth.
 * @category Value
 */
export interface SimulatedBgNbd {
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  /** Each customer's purchase rate λ and dropout probability p (the draws behind the data). */
  lambda: Float64Array;
  p: Float64Array;
  /** Whether each customer is still alive at T. */
  alive: Uint8Array;
}

/** Customers simulated in one call: 10⁷ (six columns, 41 bytes a customer: about 410 MB). */
const MAX_CUSTOMERS = 10_000_000;

/** Purchases simulated per customer before the simulation is refused (one at a time: O(x)). */
const MAX_PURCHASES = 10_000_000;

/**
 * Draw customers from the BG/NBD model and observe them for T time units after their first
 * purchase.
 *
 * Model (Fader, Hardie & Lee 2005): λ ~ Gamma(r, rate α), p ~ Beta(a, b) per customer; purchases
 * follow a Poisson process with rate λ from the first purchase at time 0; after each repeat
 * purchase the customer drops out with probability p. The result has the columns that
 * {@link fitBgNbd} and the prediction functions read, so a fit can be checked against known
 * parameters. Seeded (sfc32): the same seed gives the same data on every platform.
 *
 * @param params - `{ r, alpha, a, b }`.
 * @param options - `customers`, `T`, `seed`.
 * @returns The {@link SimulatedBgNbd} columns.
 * @throws {@link CxMetricsError} `OUT_OF_RANGE` for invalid parameters or T, parameters whose draws
 * overflow (λ = r/α beyond 1.8e308), a customer who would make more than 10⁷ purchases, or more
 * than 10⁷ customers (simulate larger populations in batches with different seeds); `INVALID_OPTION`,
 * `LENGTH_MISMATCH` when T has another length than `customers`.
 * @example
 * ```ts
 * import { simulateBgNbd } from "cx-metrics";
 * const sim = simulateBgNbd({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, { customers: 1000, T: 39, seed: 7 });
 * sim.frequency.length; //=> 1000
 * ```
 * @category Value
 */
export function simulateBgNbd(params: Pick<BgNbdModel, "r" | "alpha" | "a" | "b">, options: SimulateBgNbdOptions): SimulatedBgNbd {
  const fn = "simulateBgNbd";
  checkParams(fn, params);
  const o = readOptions<SimulateBgNbdOptions>(fn, options, SIMULATE_BG_NBD_OPTIONS_KEYS);
  const n = o.customers;
  if (!Number.isSafeInteger(n) || n < 0) fail(fn, "INVALID_OPTION", `expected customers to be a whole number >= 0, got ${describe(n)}`);
  // bounded before the six columns (41 bytes a customer) are allocated and filled
  if (n > MAX_CUSTOMERS) fail(fn, "OUT_OF_RANGE", `expected at most ${MAX_CUSTOMERS} customers (about 410 MB of columns), got ${n}: simulate in batches with different seeds`);
  const seed = o.seed ?? 1;
  if (!Number.isFinite(seed)) fail(fn, "INVALID_OPTION", `expected a finite seed, got ${describe(seed)}`);
  const Ts = o.T;
  if (Ts === undefined) fail(fn, "INVALID_OPTION", "expected T, the observation length (a number, or one per customer)");
  if (typeof Ts !== "number" && (Ts === null || typeof Ts !== "object" || Ts.length !== n)) {
    fail(fn, "LENGTH_MISMATCH", `expected T to be a number or ${n} numbers, got ${describe(Ts)}`);
  }
  const u = uniform(seed);
  const { r, alpha, a, b } = params;
  const out: SimulatedBgNbd = {
    frequency: new Float64Array(n),
    recency: new Float64Array(n),
    T: new Float64Array(n),
    lambda: new Float64Array(n),
    p: new Float64Array(n),
    alive: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    const T = typeof Ts === "number" ? Ts : Ts[i]!;
    if (typeof T !== "number" || !(T >= 0) || T === Infinity) fail(fn, "OUT_OF_RANGE", `expected T >= 0 and finite at index ${i}, got ${describe(T)}`, i);
    const lambda = gammaDraw(u, r) / alpha;
    const ga = gammaDraw(u, a);
    const p = ga / (ga + gammaDraw(u, b));
    if (!(lambda < Infinity) || !(p >= 0 && p <= 1)) {
      fail(fn, "OUT_OF_RANGE", `expected parameters whose draws fit in a double, got λ = ${lambda} and p = ${p} for customer ${i} (r ${r}, alpha ${alpha}, a ${a}, b ${b})`, i);
    }
    let t = 0;
    let x = 0;
    let tx = 0;
    let alive = 1;
    for (;;) {
      t += -Math.log(1 - u()) / lambda;
      if (!(t <= T)) break;
      x++;
      tx = t;
      // bounded work: a customer with λ·T in the millions and no dropout would loop for ever
      if (x > MAX_PURCHASES) fail(fn, "OUT_OF_RANGE", `expected at most ${MAX_PURCHASES} simulated purchases per customer, but customer ${i} has λ = ${lambda} over T = ${T} with dropout probability ${p}`, i);
      if (u() < p) {
        alive = 0;
        break;
      }
    }
    out.frequency[i] = x;
    out.recency[i] = tx;
    out.T[i] = T;
    out.lambda[i] = lambda;
    out.p[i] = p;
    out.alive[i] = alive;
  }
  return out;
}
