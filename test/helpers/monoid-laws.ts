// monoidLaws(kind, arbitrary, options): the laws every summary kind keeps (core/summary.ts),
// registered as fast-check property tests in the calling file:
//   identity        merge(s, empty) ≈ s ≈ merge(empty, s)
//   commutativity   merge(a, b) ≈ merge(b, a)
//   associativity   merge(merge(a, b), c) ≈ merge(a, merge(b, c)) ≈ merge(a, b, c)
//   JSON            check(JSON.parse(JSON.stringify(s))) ≈ s
//   merged = whole  merge(summarize(a), summarize(b)) ≈ summarize(a ++ b)
//   empty           count(empty) = 0 and finish(empty) throws EMPTY_INPUT, never a NaN
// "≈" compares summaries field by field (numbers to a relative tolerance, after `normalize`), and
// also compares the finished results when the summaries are not empty.
import fc from "fast-check";
import { expect, test } from "vitest";
import { CxMetricsError, type SummaryKind } from "../../src/index";

export interface MonoidLawOptions<S, I> {
  /** Summarize one input (a batch of rows); the arbitrary generates inputs. */
  summarize(input: I): S;
  /** Concatenate inputs, in order, into one (the "whole"). */
  concat(parts: I[]): I;
  /** Parameters of the kind's empty summary that match the summaries the arbitrary makes. */
  params?: unknown;
  /** Options passed to finish when comparing results. */
  finishOptions?: unknown;
  /** Put a summary in a canonical form before comparing (sort lists whose order merge does not keep). */
  normalize?(s: S): unknown;
  /** Relative tolerance of number comparisons; default 1e-9. */
  tol?: number;
  /** fast-check runs per law; default 100 (CX_FUZZ_RUNS raises it). */
  numRuns?: number;
}

/** Deep comparison with a relative tolerance on numbers; throws with the path of the first difference. */
export function expectDeepClose(a: unknown, b: unknown, tol = 1e-9, path = "$"): void {
  if (typeof a === "number" && typeof b === "number") {
    if (Object.is(a, b) || a === b) return;
    const scale = Math.max(1, Math.abs(a), Math.abs(b));
    if (!(Math.abs(a - b) <= tol * scale)) throw new Error(`${path}: ${a} differs from ${b} (tolerance ${tol} x ${scale})`);
    return;
  }
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") {
    if (a !== b) throw new Error(`${path}: ${JSON.stringify(a)} differs from ${JSON.stringify(b)}`);
    return;
  }
  if (Array.isArray(a) !== Array.isArray(b)) throw new Error(`${path}: an array and a non-array`);
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined).sort();
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined).sort();
  if (ka.join() !== kb.join()) throw new Error(`${path}: keys [${ka}] differ from [${kb}]`);
  for (const k of ka) expectDeepClose((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], tol, `${path}.${k}`);
}

function finished<S>(kind: SummaryKind<S, unknown, any, any>, s: S, options: unknown): unknown {
  try {
    return { ok: kind.finish(s, options as never) };
  } catch (e) {
    if (e instanceof CxMetricsError) return { code: e.code };
    throw e;
  }
}

/** Register the monoid-law property tests of `kind` in the calling test file. */
export function monoidLaws<S, I>(kind: SummaryKind<S, any, any, any>, arbitrary: fc.Arbitrary<I>, options: MonoidLawOptions<S, I>): void {
  const tol = options.tol ?? 1e-9;
  const numRuns = options.numRuns ?? (process.env.CX_FUZZ_RUNS ? Number(process.env.CX_FUZZ_RUNS) : 100);
  const norm = (s: S): unknown => (options.normalize ? options.normalize(s) : s);
  const empty = (): S => kind.empty(options.params as never);
  const same = (a: S, b: S): void => {
    expectDeepClose(norm(a), norm(b), tol);
    expectDeepClose(finished(kind, a, options.finishOptions), finished(kind, b, options.finishOptions), Math.max(tol, 1e-9));
  };
  const name = `${kind.kind} summaries`;

  test(`${name}: empty() is the identity of merge`, () => {
    fc.assert(
      fc.property(arbitrary, (x) => {
        const s = options.summarize(x);
        same(kind.merge(s, empty()), s);
        same(kind.merge(empty(), s), s);
      }),
      { numRuns },
    );
  });

  test(`${name}: merge is commutative`, () => {
    fc.assert(
      fc.property(arbitrary, arbitrary, (x, y) => {
        const a = options.summarize(x);
        const b = options.summarize(y);
        same(kind.merge(a, b), kind.merge(b, a));
      }),
      { numRuns },
    );
  });

  test(`${name}: merge is associative`, () => {
    fc.assert(
      fc.property(arbitrary, arbitrary, arbitrary, (x, y, z) => {
        const [a, b, c] = [options.summarize(x), options.summarize(y), options.summarize(z)];
        const left = kind.merge(kind.merge(a, b), c);
        same(left, kind.merge(a, kind.merge(b, c)));
        same(left, kind.merge(a, b, c));
      }),
      { numRuns },
    );
  });

  test(`${name}: a summary survives a JSON round trip through check`, () => {
    fc.assert(
      fc.property(arbitrary, (x) => {
        const s = options.summarize(x);
        same(kind.check(JSON.parse(JSON.stringify(s))), s);
      }),
      { numRuns },
    );
  });

  test(`${name}: merging the summaries of parts equals the summary of the whole`, () => {
    fc.assert(
      fc.property(fc.array(arbitrary, { minLength: 1, maxLength: 4 }), (parts) => {
        same(kind.merge(...parts.map((p) => options.summarize(p))), options.summarize(options.concat(parts)));
      }),
      { numRuns },
    );
  });

  test(`${name}: the empty summary counts 0 and finishes to EMPTY_INPUT`, () => {
    const e = empty();
    expect(kind.count(e)).toBe(0);
    expect(kind.check(JSON.parse(JSON.stringify(e)))).toEqual(e);
    let error: unknown;
    try {
      kind.finish(e, options.finishOptions as never);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(CxMetricsError);
    expect((error as CxMetricsError).code).toBe("EMPTY_INPUT");
  });
}
