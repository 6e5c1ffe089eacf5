/**
 * Special functions behind the distribution functions. Internal: not re-exported.
 * @module
 */

const HALF_LOG_2PI = 0.91893853320467274178; // ½·ln(2π)

/**
 * Natural logarithm of the gamma function for x > 0.
 *
 * Method: shift x up to at least 10 with ln Γ(x) = ln Γ(x + k) − ln(x(x+1)…(x+k−1)), then
 * Stirling's series ln Γ(z) = (z − ½) ln z − z + ½ ln 2π + 1/(12z) − 1/(360z³) + 1/(1260z⁵) −
 * 1/(1680z⁷) + 1/(1188z⁹) (Abramowitz & Stegun 6.1.40); the truncation error at z ≥ 10 is below
 * 1e-17. Absolute error about 2e-14 for x < 10 (from the logarithm of the shift product) and
 * about 1e-16·|ln Γ(x)| beyond; enough for the 1e-12 accuracy of the t distribution.
 * @internal
 * @example
 * ```ts
 * logGamma(0.5); //=> ~0.5723649429247 (ln √π)
 * ```
 */
export function logGamma(x: number): number {
  let shift = 0;
  let prod = 1;
  while (x < 10) {
    prod *= x;
    x += 1;
    shift = 1;
  }
  const z2 = 1 / (x * x);
  const series =
    (1 / 12 - z2 * (1 / 360 - z2 * (1 / 1260 - z2 * (1 / 1680 - z2 / 1188)))) / x;
  const stirling = (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + series;
  return shift ? stirling - Math.log(prod) : stirling;
}

/** Stirling's correction S(z) = ln Γ(z) − [(z − ½) ln z − z + ½ ln 2π], for z ≥ 10. */
function stirlingTail(z: number): number {
  const z2 = 1 / (z * z);
  return (1 / 12 - z2 * (1 / 360 - z2 * (1 / 1260 - z2 * (1 / 1680 - z2 / 1188)))) / z;
}

/**
 * ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b). When one argument is large, ln Γ(big) − ln Γ(big + small)
 * is taken from Stirling's series as −s·ln g − (g + s − ½)·log1p(s/g) + s + S(g) − S(g + s), which
 * avoids subtracting two nearly equal large logarithms (ln Γ(5·10⁸) ≈ 9·10⁹).
 * @internal
 * @example
 * ```ts
 * logBeta(2, 3); //=> ~-2.484906649788 (ln 1/12)
 * ```
 */
export function logBeta(a: number, b: number): number {
  const big = Math.max(a, b);
  const small = Math.min(a, b);
  if (big < 10) return logGamma(a) + logGamma(b) - logGamma(a + b);
  // (big + small − ½)·log1p(s/g) split in two, so that big + small may overflow (1e308 + 1e300)
  const l1p = Math.log1p(small / big);
  const ratio = -small * Math.log(big) - big * l1p - (small - 0.5) * l1p + small + stirlingTail(big) - stirlingTail(big + small);
  return logGamma(small) + ratio;
}

/**
 * Continued fraction of the incomplete beta function (DLMF 8.17.22), modified Lentz.
 * Converges fast for x < (a + 1)/(a + b + 2).
 */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = Math.abs(d) < tiny ? 1 / tiny : 1 / d;
  let f = d;
  for (let m = 1; m < 1000000; m++) {
    const m2 = 2 * m;
    // even step: d_{2m} = m(b − m)x / ((a + 2m − 1)(a + 2m))
    let num = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + num * d;
    d = Math.abs(d) < tiny ? 1 / tiny : 1 / d;
    c = 1 + num / c;
    if (Math.abs(c) < tiny) c = tiny;
    f *= c * d;
    // odd step: d_{2m+1} = −(a + m)(a + b + m)x / ((a + 2m)(a + 2m + 1))
    num = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + num * d;
    d = Math.abs(d) < tiny ? 1 / tiny : 1 / d;
    c = 1 + num / c;
    if (Math.abs(c) < tiny) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return f;
}

/**
 * Regularized incomplete beta function I_x(a, b), given both x and y = 1 − x so that callers can
 * pass a y computed without cancellation.
 *
 * Definition: I_x(a, b) = B(x; a, b) / B(a, b). Method: the continued fraction of DLMF 8.17.22
 * on whichever of I_x(a, b) and 1 − I_y(b, a) converges fast, with the prefactor
 * xᵃ yᵇ / (a B(a, b)) in log space.
 * @internal
 * @example
 * ```ts
 * betaIncomplete(0.5, 0.5, 2, 2); //=> ~0.5000000000000
 * ```
 */
export function betaIncomplete(x: number, y: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  // logarithms of x and y = 1 − x, each from whichever of the two is known to full precision
  const lnx = x > 0.5 ? Math.log1p(-y) : Math.log(x);
  const lny = y > 0.5 ? Math.log1p(-x) : Math.log(y);
  const logFront = a * lnx + b * lny - logBeta(a, b);
  const lower = x < (a + 1) / (a + b + 2);
  // a prefactor below e^-1000 (after its 1/a or 1/b) leaves nothing that a double can hold, and the
  // continued fraction of such extreme arguments (a = 1e308) would overflow to NaN
  if (logFront - Math.log(lower ? a : b) < -1000) return lower ? 0 : 1;
  if (lower) {
    return (Math.exp(logFront) * betaContinuedFraction(a, b, x)) / a;
  }
  return 1 - (Math.exp(logFront) * betaContinuedFraction(b, a, y)) / b;
}

/**
 * Digamma function ψ(x) = d/dx ln Γ(x) for x > 0.
 *
 * Method: the recurrence ψ(x) = ψ(x + 1) − 1/x up to x ≥ 12, then the asymptotic series
 * ψ(x) = ln x − 1/(2x) − 1/(12x²) + 1/(120x⁴) − 1/(252x⁶) + 1/(240x⁸) − 1/(132x¹⁰)
 * (Abramowitz & Stegun 6.3.18); the first omitted term is below 1e-15 at x ≥ 12.
 * @internal
 * @example
 * ```ts
 * digamma(1); //=> ~-0.57721566490153 (−γ)
 * ```
 */
export function digamma(x: number): number {
  let shift = 0;
  while (x < 12) {
    shift -= 1 / x;
    x += 1;
  }
  const z2 = 1 / (x * x);
  return (
    shift +
    Math.log(x) -
    0.5 / x -
    z2 * (1 / 12 - z2 * (1 / 120 - z2 * (1 / 252 - z2 * (1 / 240 - z2 / 132))))
  );
}

/**
 * ln|Γ(x)| and the sign of Γ(x) for any real x that is not a pole (0, −1, −2, …), by the
 * reflection formula Γ(x)Γ(1 − x) = π / sin(πx) for x < 0. Poles give `[Infinity, 0]`.
 * @internal
 * @example
 * ```ts
 * logGammaSigned(-0.5); //=> ~[1.2655121234846, -1] (Γ(−½) = −2√π)
 * ```
 */
export function logGammaSigned(x: number): [number, number] {
  if (x > 0) return [logGamma(x), 1];
  if (Number.isInteger(x)) return [Infinity, 0];
  const s = Math.sin(Math.PI * x);
  return [Math.log(Math.PI / Math.abs(s)) - logGamma(1 - x), s > 0 ? 1 : -1];
}

/**
 * ln ₂F₁(a, b; c; z) by the power series Σ (a)ₖ(b)ₖ/((c)ₖ k!) zᵏ, for a, b, c > 0 and 0 ≤ z < 1,
 * where every term is positive: the running sum is rescaled in powers of 2¹⁰⁰⁰ so that it cannot
 * overflow for large a, b (customers with hundreds of purchases). About
 * max(a, b)·z/(1 − z) + 40/(1 − z) terms.
 */
function logHyp2f1Series(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  let logScale = 0;
  const big = 2 ** 1000;
  for (let k = 0; k < 1e8; k++) {
    term *= ((a + k) * (b + k) * z) / ((c + k) * (k + 1));
    sum += term;
    if (sum > big) {
      sum /= big;
      term /= big;
      logScale += 1000 * Math.LN2;
    }
    // past the peak of the terms, stop when the rest cannot matter: the ratio of consecutive
    // terms tends to z, so the tail is below term·z/(1 − z) once terms decrease
    if (term < 1e-17 * sum * (1 - z) && (a + k) * (b + k) < (c + k) * (k + 1) / Math.max(z, 1e-300)) break;
  }
  return Math.log(sum) + logScale;
}

/**
 * The Gauss hypergeometric function ₂F₁(a, b; c; z) for 0 ≤ z < 1 (and a, b > 0, c > 0), returned
 * as its natural logarithm (it is positive there).
 *
 * Method: for z ≤ 0.9, the power series with positive terms, rescaled against overflow. For
 * z > 0.9, the linear transformation to 1 − z (DLMF 15.8.4),
 * ₂F₁(a, b; c; z) = Γ(c)Γ(s)/(Γ(c − a)Γ(c − b)) ₂F₁(a, b; 1 − s; 1 − z)
 * + (1 − z)ˢ Γ(c)Γ(−s)/(Γ(a)Γ(b)) ₂F₁(c − a, c − b; 1 + s; 1 − z), s = c − a − b,
 * whose series converge fast; when s is within 1e-6 of an integer (where the two terms cancel),
 * when a parameter of the transformed series is not positive, or when the transformation loses
 * precision (a, b > 50), the direct series is summed instead. Relative accuracy about 1e-13
 * (checked against mpmath).
 * @internal
 * @example
 * ```ts
 * Math.exp(logHyp2f1(1, 1, 2, 0.5)); //=> ~1.38629436111989 (−ln(1 − z)/z)
 * ```
 */
export function logHyp2f1(a: number, b: number, c: number, z: number): number {
  if (z === 0) return 0;
  const s = c - a - b;
  if (z <= 0.9 || Math.abs(s - Math.round(s)) < 1e-6 || a > 50 || b > 50) return logHyp2f1Series(a, b, c, z);
  const w = 1 - z;
  const term = (nums: number[], dens: number[]): [number, number] => {
    let log = 0;
    let sign = 1;
    for (const v of nums) {
      const [l, sg] = logGammaSigned(v);
      if (sg === 0) return [NaN, 0];
      log += l;
      sign *= sg;
    }
    for (const v of dens) {
      const [l, sg] = logGammaSigned(v);
      if (sg === 0) return [-Infinity, 0]; // 1/Γ(pole) = 0: the term vanishes
      log -= l;
      sign *= sg;
    }
    return [log, sign];
  };
  // each transformed series needs positive parameters for the positive-term summation
  const series = (p: number, q: number, r: number): number => {
    if (p > 0 && q > 0 && r > 0) return Math.exp(logHyp2f1Series(p, q, r, w));
    return hyp2f1Signed(p, q, r, w);
  };
  const [l1, s1] = term([c, s], [c - a, c - b]);
  const [l2, s2] = term([c, -s], [a, b]);
  if (Number.isNaN(l1) || Number.isNaN(l2)) return logHyp2f1Series(a, b, c, z);
  const t1 = s1 === 0 ? 0 : s1 * Math.exp(l1) * series(a, b, 1 - s);
  const t2 = s2 === 0 ? 0 : s2 * Math.exp(l2 + s * Math.log(w)) * series(c - a, c - b, 1 + s);
  const value = t1 + t2;
  // guard against cancellation: fall back to the direct series if the sum lost most digits
  if (!(value > 0) || !Number.isFinite(value) || value < 1e-8 * (Math.abs(t1) + Math.abs(t2))) {
    return logHyp2f1Series(a, b, c, z);
  }
  return Math.log(value);
}

/** Plain power series with signed terms, for |z| ≤ 0.1 (the transformed series). */
function hyp2f1Signed(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 0; k < 10000; k++) {
    term *= ((a + k) * (b + k) * z) / ((c + k) * (k + 1));
    sum += term;
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
  }
  return sum;
}

/**
 * Regularized upper incomplete gamma function Q(a, x) = Γ(a, x)/Γ(a) for a > 0, x ≥ 0.
 *
 * Method: for x < a + 1 the power series of the lower function,
 * P(a, x) = xᵃ e⁻ˣ / Γ(a + 1) · Σₙ xⁿ / ((a + 1)…(a + n)) (DLMF 8.11.4 via 8.7.1), and Q = 1 − P;
 * otherwise the continued fraction of Γ(a, x) (DLMF 8.9.2), evaluated by the modified Lentz method,
 * so that small upper tails keep their relative precision. The prefactor is taken in log space.
 * @internal
 * @example
 * ```ts
 * gammaIncompleteUpper(1, 2); //=> ~0.1353352832366 (e⁻²)
 * ```
 */
export function gammaIncompleteUpper(a: number, x: number): number {
  if (!(x > 0)) return 1;
  if (x === Infinity) return 0;
  const logFront = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    // series: Σ xⁿ / ((a + 1)…(a + n)), first term 1/a after dividing by a (Γ(a + 1) = aΓ(a))
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 10_000; n++) {
      term *= x / (a + n);
      sum += term;
      if (term < sum * 1e-17) break;
    }
    return 1 - Math.exp(logFront) * sum;
  }
  // continued fraction Γ(a, x) = e⁻ˣxᵃ · 1/(x + 1 − a − 1·(1 − a)/(x + 3 − a − 2·(2 − a)/(x + 5 − a − …)))
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(logFront) * h;
}
