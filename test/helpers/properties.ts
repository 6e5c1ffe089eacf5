// Shared helpers of the property tests: float comparison that prints its operands, domain-shaped
// generators and small array utilities. Not a test file (vitest only picks up *.test.ts).
import fc from "fast-check";

/** Default tolerance for float comparisons: about 1e-9, relative above 1 and absolute below. */
export const TOL = 1e-9;

/**
 * Throw unless |a − b| ≤ tol · max(1, |a|, |b|) (relative for large values, absolute near 0).
 * `tol = 0` asks for exact equality (with +0 equal to −0). The message shows both operands, the
 * difference and the tolerance; fast-check adds the generated inputs and the seed.
 */
export function close(a: number, b: number, tol: number = TOL, label = "value"): void {
  const diff = Math.abs(a - b);
  const scale = Math.max(1, Math.abs(a), Math.abs(b));
  const ok = a === b || diff <= tol * scale;
  if (!ok) {
    throw new Error(
      `${label}: expected ${a} to be close to ${b} (difference ${diff}, tolerance ${tol} x ${scale} = ${tol * scale})`,
    );
  }
}

/** close() on two intervals, bound by bound. */
export function closeInterval(a: readonly [number, number], b: readonly [number, number], tol: number = TOL, label = "ci"): void {
  close(a[0], b[0], tol, `${label}[0]`);
  close(a[1], b[1], tol, `${label}[1]`);
}

/** Throw unless lo − slack ≤ x ≤ hi + slack, showing the numbers. */
export function within(x: number, lo: number, hi: number, label = "value", slack = 0): void {
  if (!(x >= lo - slack && x <= hi + slack)) {
    throw new Error(`${label}: expected ${x} to lie within [${lo}, ${hi}]${slack > 0 ? ` (slack ${slack})` : ""}`);
  }
}

/** Throw unless the interval is ordered and inside [lo, hi]. */
export function intervalWithin(ci: readonly [number, number], lo: number, hi: number, label = "ci"): void {
  if (!(ci[0] <= ci[1])) throw new Error(`${label}: expected low <= high, got [${ci[0]}, ${ci[1]}]`);
  within(ci[0], lo, hi, `${label}[0]`);
  within(ci[1], lo, hi, `${label}[1]`);
}

/** Deep-freeze plain data (objects and arrays) so a function that mutates its input throws. */
export function deepFreeze<T>(x: T): T {
  if (x !== null && typeof x === "object" && !ArrayBuffer.isView(x)) {
    for (const v of Object.values(x)) deepFreeze(v);
    Object.freeze(x);
  }
  return x;
}

/** Split `xs` into consecutive chunks at the given cut positions (taken modulo length + 1). */
export function splitAt<T>(xs: readonly T[], cuts: readonly number[]): T[][] {
  const at = [...new Set(cuts.map((c) => c % (xs.length + 1)))].sort((a, b) => a - b);
  const out: T[][] = [];
  let prev = 0;
  for (const c of at) {
    out.push(xs.slice(prev, c));
    prev = c;
  }
  out.push(xs.slice(prev));
  return out;
}

/** Cut positions for splitAt: up to 5 cuts, so up to 6 chunks (empty chunks included). */
export const cutsArb = fc.array(fc.nat({ max: 1000 }), { maxLength: 5 });

/** `xs` reordered by `order` (a permutation of its indices). */
export function permute<T>(xs: readonly T[], order: readonly number[]): T[] {
  return order.map((i) => xs[i]!);
}

/** Insert `extra[k]` before index `positions[k]` (modulo length + 1) of `xs`. */
export function insertAt<T, U>(xs: readonly T[], extra: readonly U[], positions: readonly number[]): (T | U)[] {
  const out: (T | U)[] = [...xs];
  extra.forEach((e, k) => {
    const p = (positions[k] ?? 0) % (out.length + 1);
    out.splice(p, 0, e);
  });
  return out;
}

/** Survey weights as the brief shapes them: strictly positive, up to 100. */
export const weightArb = fc.double({ min: 0.01, max: 100, noNaN: true });

/** A confidence level in [0.5, 0.999]. */
export const confidenceArb = fc.double({ min: 0.5, max: 0.999, noNaN: true });

/** A weight multiplier in [0.001, 1000]. */
export const factorArb = fc.double({ min: 0.001, max: 1000, noNaN: true });

/**
 * Integer answers on [min, max], shaped like survey data: mostly free samples, but also samples
 * that use one answer only (all promoters, all 7s: the edges of every interval; short unanimous
 * samples at the ends of the scale get their own branch) or two answers.
 */
export function scoresArb(min: number, max: number, minLength = 1, maxLength = 200): fc.Arbitrary<number[]> {
  const score = fc.integer({ min, max });
  return fc.oneof(
    { weight: 4, arbitrary: fc.array(score, { minLength, maxLength }) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(score, fc.integer({ min: minLength, max: maxLength }))
        .map(([v, n]) => Array.from({ length: n }, () => v)),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(min, max), fc.integer({ min: minLength, max: Math.min(maxLength, 10) }))
        .map(([v, n]) => Array.from({ length: n }, () => v)),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(score, score)
        .chain(([a, b]) => fc.array(fc.constantFrom(a, b), { minLength, maxLength })),
    },
  );
}

/** A sample with one weight per answer. */
export function weightedArb(min: number, max: number, minLength = 1, maxLength = 200): fc.Arbitrary<{ values: number[]; weights: number[] }> {
  return scoresArb(min, max, minLength, maxLength).chain((values) =>
    fc.record({
      values: fc.constant(values),
      weights: fc.array(weightArb, { minLength: values.length, maxLength: values.length }),
    }),
  );
}

/** A sample and a permutation of its indices. */
export function withPermutation<T>(arb: fc.Arbitrary<T>, lengthOf: (sample: T) => number): fc.Arbitrary<{ sample: T; order: number[] }> {
  return arb.chain((sample) => {
    const idx = Array.from({ length: lengthOf(sample) }, (_, i) => i);
    return fc.record({
      sample: fc.constant(sample),
      order: fc.shuffledSubarray(idx, { minLength: idx.length, maxLength: idx.length }),
    });
  });
}
