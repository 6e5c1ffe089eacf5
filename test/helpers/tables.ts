// Helpers for table-driven bad-input tests: every row asserts a CxMetricsError with its code, its
// index and a message that starts with the function's name; inputs are frozen (STYLE.md).
import { expect, test } from "vitest";
import { CxMetricsError, type CxMetricsErrorCode } from "../../src/index";

/** Freeze a value and everything reachable from it (typed arrays excepted: they cannot be frozen). */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !ArrayBuffer.isView(value) && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Labels for values that are too long to print in a test title (summaries). */
export const labels = new WeakMap<object, string>();
export function L<T extends object>(label: string, value: T): T {
  labels.set(value, label);
  return deepFreeze(value);
}

/** A short source-like rendering of an argument, for test titles. */
export function show(v: unknown): string {
  if (v !== null && (typeof v === "object" || typeof v === "function") && labels.has(v)) return labels.get(v)!;
  if (typeof v === "function") return "(r) => …";
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "bigint") return `${v}n`;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "new Date(NaN)" : `new Date("${v.toISOString()}")`;
  if (v === undefined) return "undefined";
  if (v === null) return "null";
  if (ArrayBuffer.isView(v)) return `${v.constructor.name}.of(${Array.from(v as unknown as ArrayLike<number>).map(show).join(", ")})`;
  if (Array.isArray(v)) return `[${v.map(show).join(", ")}]`;
  if (typeof v === "object") {
    const entries = Object.entries(v);
    return entries.length === 0 ? "{}" : `{ ${entries.map(([k, x]) => `${k}: ${show(x)}`).join(", ")} }`;
  }
  return String(v);
}


/**
 * The malformed summaries every summary check refuses with INVALID_SUMMARY, made from a valid
 * summary `S` (labelled "S" in titles): values that are not summaries, another kind (`"nps"`, or
 * `"csat"` for NPS), no kind, and counts `n` that are not whole numbers ≥ 0. A family adds the
 * rows of its own fields.
 */
export function malformedSummaries(S: { kind: string; n: number }): unknown[] {
  const s = (label: string, change: Record<string, unknown>) => L(`{ ...S, ${label} }`, { ...S, ...change });
  const other = S.kind === "nps" ? "csat" : "nps";
  const { kind: _kind, ...withoutKind } = S;
  return [
    null,
    undefined,
    "S",
    42,
    s(`kind: "${other}"`, { kind: other }),
    L("{ S without kind }", withoutKind),
    s("n: −1", { n: -1 }),
    s("n: 2.5", { n: 2.5 }),
    s("n: NaN", { n: Number.NaN }),
    s(`n: "${S.n}"`, { n: String(S.n) }),
  ];
}

export interface Bad {
  title: string;
  fn: string;
  args: unknown[];
  code: CxMetricsErrorCode;
  index: number | undefined;
}

/** An error row: `fn(...args)` throws `code` (with `index` when one value is at fault). */
export function bad(fn: string, args: unknown[], code: CxMetricsErrorCode, index?: number, note = ""): Bad {
  const title = `${fn}(${args.map(show).join(", ")}) throws ${code}${index === undefined ? "" : ` at index ${index}`}${note ? ` (${note})` : ""}`;
  return { title, fn, args: args.map((a) => deepFreeze(a)), code, index };
}

/** The error thrown by `call`; fails with the returned value when nothing is thrown. */
export function thrown(call: () => unknown): unknown {
  let result: unknown;
  try {
    result = call();
  } catch (e) {
    return e;
  }
  expect.fail(`expected a CxMetricsError, but the call returned ${showResult(result)}`);
}

/** Check one thrown value against a row. */
export function expectCxError(e: unknown, fn: string, code: CxMetricsErrorCode, index: number | undefined): void {
  expect(e, `expected a CxMetricsError, got ${String(e)}`).toBeInstanceOf(CxMetricsError);
  const err = e as CxMetricsError;
  expect.soft(err.code, `code (message: ${err.message})`).toBe(code);
  expect.soft(err.index, `index (message: ${err.message})`).toBe(index);
  expect.soft(err.message, "message prefix").toMatch(new RegExp(`^${fn}: \\S`));
  expect.soft(err.name).toBe("CxMetricsError");
  expect.soft(err).toBeInstanceOf(Error);
}

export type AnyFn = (...args: any[]) => unknown;

/** Register one test per row. */
export function badInput(f: AnyFn, rows: Bad[]): void {
  // A loop rather than test.for: test.for truncates long "$title" interpolations.
  for (const { title, fn, args, code, index } of rows) {
    test(title, () => {
      expectCxError(
        thrown(() => f(...args)),
        fn,
        code,
        index,
      );
    });
  }
}

/** Paths of every NaN found in a result (objects, arrays, nested results). */
export function nanPaths(x: unknown, path = "result"): string[] {
  if (typeof x === "number") return Number.isNaN(x) ? [path] : [];
  if (x === null || typeof x !== "object") return [];
  return Object.entries(x).flatMap(([k, v]) => nanPaths(v, Array.isArray(x) ? `${path}[${k}]` : `${path}.${k}`));
}

/** JSON with NaN and ±Infinity spelled out (JSON.stringify writes them as null). */
export function showResult(x: unknown): string {
  return JSON.stringify(x, (_k, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v));
}

export interface Valid {
  title: string;
  call: () => unknown;
}
export const valid = (title: string, call: () => unknown): Valid => ({ title, call });

/** Register one test per valid input: no numeric field of the result is NaN. */
export function noNaN(rows: Valid[]): void {
  for (const { title, call } of rows) {
    test(`${title} returns no NaN in any numeric field`, () => {
      const result = call();
      expect(nanPaths(result), showResult(result)).toEqual([]);
    });
  }
}

/** Run `call`, expect a CxMetricsError, return its code and message. */
export function errorOf(call: () => unknown): [string, string] {
  try {
    call();
  } catch (e) {
    expect(e).toBeInstanceOf(CxMetricsError);
    return [(e as CxMetricsError).code, (e as Error).message];
  }
  throw new Error("expected a CxMetricsError, nothing was thrown");
}

/** Await `p` (or call `p`), expect a CxMetricsError, return it. */
export async function rejection(p: Promise<unknown> | (() => unknown)): Promise<CxMetricsError> {
  try {
    await (typeof p === "function" ? p() : p);
  } catch (e) {
    expect(e).toBeInstanceOf(CxMetricsError);
    return e as CxMetricsError;
  }
  throw new Error("expected a CxMetricsError, nothing was thrown");
}
