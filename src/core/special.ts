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
