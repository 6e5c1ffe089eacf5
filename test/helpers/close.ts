/**
 * Float comparison with a stated tolerance: |a − b| <= abs + rel·|b|. On failure the message shows
 * both values, the difference and the tolerance (and an optional label with the inputs).
 */
export function expectClose(actual: number, expected: number, opts: { rel?: number; abs?: number; label?: string } = {}): void {
  const rel = opts.rel ?? 1e-12;
  const abs = opts.abs ?? 0;
  const tol = abs + rel * Math.abs(expected);
  const diff = Math.abs(actual - expected);
  if (!(diff <= tol) && !(actual === expected)) {
    throw new Error(
      `${opts.label ? opts.label + ": " : ""}expected ${expected}, got ${actual} (difference ${diff}, tolerance ${tol})`,
    );
  }
}

export function expectCloseArray(actual: readonly number[], expected: readonly number[], opts: { rel?: number; abs?: number; label?: string } = {}): void {
  if (actual.length !== expected.length) throw new Error(`${opts.label ?? ""}: length ${actual.length} != ${expected.length}`);
  actual.forEach((a, i) => expectClose(a, expected[i]!, { ...opts, label: `${opts.label ?? ""}[${i}]` }));
}
