/**
 * Seeded pseudo-random numbers for simulators. Internal.
 * @module
 */

/**
 * A seeded generator of uniform numbers in [0, 1): sfc32 (Chris Doty-Humphrey's Small Fast
 * Counter, from PractRand), seeded through SplitMix32 so that nearby seeds give unrelated streams.
 * @internal
 * @example
 * ```ts
 * const u = uniform(42);
 * u() === uniform(42)(); //=> true
 * ```
 */
export function uniform(seed: number): () => number {
  let s = seed >>> 0;
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = 1;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

/**
 * A standard normal draw (Marsaglia's polar method).
 */
function normalDraw(u: () => number): number {
  for (;;) {
    const x = 2 * u() - 1;
    const y = 2 * u() - 1;
    const s = x * x + y * y;
    if (s > 0 && s < 1) return x * Math.sqrt((-2 * Math.log(s)) / s);
  }
}

/**
 * A Gamma(shape, 1) draw: Marsaglia & Tsang (2000), "A simple method for generating gamma
 * variables", ACM TOMS 26(3); for shape < 1, Gamma(shape + 1)·U^{1/shape}.
 * @internal
 * @example
 * ```ts
 * gammaDraw(uniform(1), 2) > 0; //=> true
 * ```
 */
export function gammaDraw(u: () => number, shape: number): number {
  if (shape < 1) {
    let v = u();
    while (v === 0) v = u();
    return gammaDraw(u, shape + 1) * Math.pow(v, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normalDraw(u);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const w = u();
    if (w < 1 - 0.0331 * x * x * x * x || Math.log(w) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}
