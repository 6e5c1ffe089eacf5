/**
 * Unconstrained minimization (BFGS) and small dense linear algebra for model fitting. Internal.
 * @module
 */

/**
 * Objective for {@link minimizeBfgs}: returns f(x) and writes ∇f(x) into `grad`. May return a
 * non-finite value where f is undefined; the line search then backs off.
 * @internal
 */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

/**
 * Outcome of {@link minimizeBfgs}.
 * @internal
 */
export interface MinimizeResult {
  x: Float64Array;
  value: number;
  /** Largest absolute gradient component at `x`. */
  gradientNorm: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
  /** Why the iteration stopped. */
  reason: "gradient" | "no-progress" | "max-iterations" | "line-search";
}

/**
 * Minimize a smooth function with BFGS (Nocedal & Wright, Numerical Optimization, 2nd ed.,
 * algorithm 6.1) and a backtracking line search with the Armijo condition; the inverse-Hessian
 * update is skipped when the curvature condition sᵀy > 0 fails, and the first step is scaled by
 * sᵀy / yᵀy (N&W eq. 6.20).
 *
 * Converged when ‖∇f‖∞ ≤ `gradientTolerance` · max(1, |f|), or when f no longer decreases
 * (relative change below 1e-15 for three iterations) with the gradient already small
 * (‖∇f‖∞ ≤ 1e3 · tolerance · max(1, |f|)).
 * @internal
 * @example
 * ```ts
 * const r = minimizeBfgs((x, g) => { g[0] = 2 * (x[0] - 3); return (x[0] - 3) ** 2; }, Float64Array.of(0));
 * r.x[0]; //=> ~3
 * ```
 */
export function minimizeBfgs(
  f: Objective,
  x0: Float64Array,
  options: { maxIterations?: number; gradientTolerance?: number } = {},
): MinimizeResult {
  const maxIterations = options.maxIterations ?? 1000;
  const tol = options.gradientTolerance ?? 1e-9;
  const n = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let fx = f(x, g);
  let evaluations = 1;
  const h = new Float64Array(n * n); // inverse Hessian approximation
  for (let i = 0; i < n; i++) h[i * n + i] = 1;
  const d = new Float64Array(n);
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  let xNew = new Float64Array(n);
  let gNew = new Float64Array(n);
  let first = true;
  let stalls = 0;
  const norm = (v: Float64Array) => v.reduce((m, e) => Math.max(m, Math.abs(e)), 0);
  let iterations = 0;
  let reason: MinimizeResult["reason"] = "max-iterations";
  if (!Number.isFinite(fx)) {
    return { x, value: fx, gradientNorm: NaN, iterations: 0, evaluations, converged: false, reason: "line-search" };
  }
  for (; iterations < maxIterations; iterations++) {
    if (norm(g) <= tol * Math.max(1, Math.abs(fx))) {
      reason = "gradient";
      break;
    }
    // d = −H g
    let slope = 0;
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let j = 0; j < n; j++) v -= h[i * n + j]! * g[j]!;
      d[i] = v;
      slope += v * g[i]!;
    }
    if (!(slope < 0)) {
      // not a descent direction: restart from steepest descent
      h.fill(0);
      for (let i = 0; i < n; i++) h[i * n + i] = 1;
      slope = 0;
      for (let i = 0; i < n; i++) {
        d[i] = -g[i]!;
        slope -= g[i]! * g[i]!;
      }
    }
    // first step: at most one unit in any coordinate (parameters are on a log scale)
    let step = first ? Math.min(1, 1 / norm(d)) : 1;
    let fNew = NaN;
    let accepted = false;
    for (let k = 0; k < 60; k++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i]! + step * d[i]!;
      fNew = f(xNew, gNew);
      evaluations++;
      if (Number.isFinite(fNew) && fNew <= fx + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    if (!accepted) {
      reason = norm(g) <= 1e3 * tol * Math.max(1, Math.abs(fx)) ? "no-progress" : "line-search";
      break;
    }
    let sy = 0;
    let yy = 0;
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i]! - x[i]!;
      y[i] = gNew[i]! - g[i]!;
      sy += s[i]! * y[i]!;
      yy += y[i]! * y[i]!;
    }
    if (sy > 1e-12 * Math.sqrt(yy) * norm(s)) {
      if (first) {
        const scale = sy / yy;
        for (let i = 0; i < n * n; i++) h[i] = h[i]! * scale;
      }
      // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, with ρ = 1/(sᵀy)
      const rho = 1 / sy;
      const hy = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let v = 0;
        for (let j = 0; j < n; j++) v += h[i * n + j]! * y[j]!;
        hy[i] = v;
      }
      let yhy = 0;
      for (let i = 0; i < n; i++) yhy += y[i]! * hy[i]!;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          h[i * n + j] = h[i * n + j]! - rho * (hy[i]! * s[j]! + s[i]! * hy[j]!) + (rho * rho * yhy + rho) * s[i]! * s[j]!;
        }
      }
      first = false;
    }
    const change = Math.abs(fx - fNew) / Math.max(1, Math.abs(fx));
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    fx = fNew;
    stalls = change < 1e-15 ? stalls + 1 : 0;
    if (stalls >= 3 && norm(g) <= 1e3 * tol * Math.max(1, Math.abs(fx))) {
      reason = "no-progress";
      iterations++;
      break;
    }
  }
  const gradientNorm = norm(g);
  const converged = reason === "gradient" || reason === "no-progress";
  return { x, value: fx, gradientNorm, iterations, evaluations, converged, reason };
}

/**
 * Hessian of a function by central differences of its analytic gradient, symmetrized:
 * H_ij ≈ (∂_i f(x + h_j e_j) − ∂_i f(x − h_j e_j)) / (2 h_j), h_j = 1e-5 · max(|x_j|, 1e-3).
 * @internal
 * @example
 * ```ts
 * numericalHessian((x, g) => { g[0] = 2 * x[0]; return x[0] ** 2; }, Float64Array.of(1))[0]; //=> ~2
 * ```
 */
export function numericalHessian(f: Objective, x: Float64Array): Float64Array {
  const n = x.length;
  const hess = new Float64Array(n * n);
  const gp = new Float64Array(n);
  const gm = new Float64Array(n);
  const xs = Float64Array.from(x);
  for (let j = 0; j < n; j++) {
    const h = 1e-5 * Math.max(Math.abs(x[j]!), 1e-3);
    xs[j] = x[j]! + h;
    f(xs, gp);
    xs[j] = x[j]! - h;
    f(xs, gm);
    xs[j] = x[j]!;
    for (let i = 0; i < n; i++) hess[i * n + j] = (gp[i]! - gm[i]!) / (2 * h);
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = 0.5 * (hess[i * n + j]! + hess[j * n + i]!);
      hess[i * n + j] = v;
      hess[j * n + i] = v;
    }
  }
  return hess;
}

/**
 * Inverse of a symmetric positive-definite matrix by Cholesky decomposition; `undefined` when the
 * matrix is not positive definite (for example a Hessian at a saddle point).
 * @internal
 * @example
 * ```ts
 * invertPositiveDefinite(Float64Array.of(4, 0, 0, 1), 2); //=> Float64Array [0.25, 0, 0, 1]
 * ```
 */
export function invertPositiveDefinite(m: Float64Array, n: number): Float64Array | undefined {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = m[i * n + j]!;
      for (let k = 0; k < j; k++) sum -= l[i * n + k]! * l[j * n + k]!;
      if (i === j) {
        if (!(sum > 0)) return undefined;
        l[i * n + i] = Math.sqrt(sum);
      } else {
        l[i * n + j] = sum / l[j * n + j]!;
      }
    }
  }
  // inverse of L (lower triangular), then M⁻¹ = L⁻ᵀ L⁻¹
  const li = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    li[i * n + i] = 1 / l[i * n + i]!;
    for (let j = 0; j < i; j++) {
      let sum = 0;
      for (let k = j; k < i; k++) sum -= l[i * n + k]! * li[k * n + j]!;
      li[i * n + j] = sum / l[i * n + i]!;
    }
  }
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let k = Math.max(i, j); k < n; k++) sum += li[k * n + i]! * li[k * n + j]!;
      inv[i * n + j] = sum;
    }
  }
  return inv;
}
