// Generators of the fuzz suite: pure garbage argument lists, and near-valid argument lists made by
// changing ONE place deep inside a valid seed call.
//
// Everything here is deterministic given fast-check's seed: a call is described by a small plain
// "plan" (numbers and a garbage value) that the worker turns into arguments, so a failing call can be
// regenerated from (seed, function, call index) alone.
import fc from "fast-check";

/**
 * The error a fuzzed callback throws on purpose: the user's own error, which the library is allowed
 * to let escape (or to wrap in a CxMetricsError).
 */
export class SentinelError extends Error {
  constructor() {
    super("the user's own callback threw");
    this.name = "SentinelError";
  }
}

const throwSentinel = (): never => {
  throw new SentinelError();
};

/** Values that broke numeric code before, or that sit on a boundary of JavaScript numbers. */
export const NASTY_NUMBERS: readonly unknown[] = [
  NaN,
  Infinity,
  -Infinity,
  -0,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  5e-324,
  1e-300,
  1e20,
  2 ** 53 + 2,
  -(2 ** 31),
  2 ** 32,
  7,
];

/** Strings a user's data can hold where a date, a number or a name is expected. */
export const NASTY_STRINGS: readonly string[] = [
  "",
  " ",
  "9",
  "NaN",
  "Infinity",
  "6999-12-31",
  "0001-01-01",
  "1970-01-01",
  "2024-02-30",
  "2024-13-01",
  "+275760-09-13",
  "2024-03-10T02:30:00",
  "not a date",
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  '1) OR (1=1',
  "'; DROP TABLE t; --",
  "<script>alert(1)</script>",
  "javascript:alert(1)",
  "=HYPERLINK(\"x\")",
  "\u0000",
  "\uD800",
  "a".repeat(300),
  "Mars/Phobos",
  "week",
  "month",
  "day",
];

/** Built fresh for every call (some are mutable, some throw). */
export function nastyValue(k: number): unknown {
  const makers: (() => unknown)[] = [
    () => null,
    () => undefined,
    ...NASTY_NUMBERS.map((x) => () => x),
    ...NASTY_STRINGS.map((s) => () => s),
    () => 10n,
    () => -1n,
    () => 2n ** 70n,
    () => 0n,
    () => true,
    () => false,
    () => Symbol("fuzz"),
    () => new Date(NaN),
    () => new Date(8.64e15),
    () => new Date(Date.UTC(6999, 11, 31)),
    () => new Date(0),
    () => [],
    () => [null],
    () => [1, 2, 3],
    // eslint-disable-next-line no-sparse-arrays
    () => [, 1, , 2],
    () => [NaN, 1],
    () => [[1, 2], [3]],
    () => new Float64Array([NaN, 1, Infinity]),
    () => new Uint8Array([10, 9, 0]),
    () => new Int32Array(0),
    () => new Set([1, 2]),
    () => new Map([["a", 1]]),
    () => ({}),
    () => Object.create(null),
    () => JSON.parse('{"__proto__": {"polluted": 1}, "a": 1}'),
    () => ({ constructor: 1, toString: 2, valueOf: null }),
    () => ({ length: 3 }),
    () => ({ length: -1 }),
    () => ({ length: 1.5, 0: 9 }),
    () => ({ length: "3", 0: 1 }),
    () =>
      Object.defineProperty({}, "score", {
        enumerable: true,
        get: throwSentinel,
      }),
    () => new Proxy({}, { get: throwSentinel, ownKeys: throwSentinel, has: throwSentinel }),
    () => () => NaN,
    () => () => undefined,
    () => () => "x",
    () => () => ({}),
    () => () => 10n,
    () => () => Infinity,
    () => throwSentinel,
    () => async () => 1,
    () => function* () {
      yield 1;
    },
    () => Promise.resolve(1),
    () => new Error("not ours"),
    () => /re/g,
    () => new URL("file:///nonexistent/cx-fuzz"),
    () => new String("9"),
    () => new Number(9),
  ];
  return makers[((k % makers.length) + makers.length) % makers.length]!();
}

/**
 * A garbage value as a plan: either one of the nasty values (by index) or a fast-check `anything`
 * (BigInt, dates, typed arrays, sparse arrays, null-prototype objects, boxed values).
 */
export type Garbage = { nasty: number } | { any: unknown };

export const garbageArb: fc.Arbitrary<Garbage> = fc.oneof(
  { weight: 3, arbitrary: fc.nat().map((nasty) => ({ nasty })) },
  {
    weight: 2,
    arbitrary: fc
      .anything({
        maxDepth: 2,
        maxKeys: 4,
        withBigInt: true,
        withDate: true,
        withTypedArray: true,
        withSparseArray: true,
        withNullPrototype: true,
        withBoxedValues: true,
        withMap: true,
        withSet: true,
        withObjectString: false,
      })
      .map((any) => ({ any })),
  },
);

/** Turn a garbage plan into a fresh value (objects from `anything` are cloned so a call cannot poison the next). */
export function garbageValue(g: Garbage): unknown {
  return "nasty" in g ? nastyValue(g.nasty) : cloneDeep(g.any);
}

/**
 * One generated call: pure garbage (`args` garbage values), or a mutation of seed `seed` at the
 * `pick`-th place of its value tree with operation `op`.
 */
export type Plan =
  | { kind: "garbage"; args: Garbage[] }
  | { kind: "mutate"; seed: number; pick: number; op: number; value: Garbage; n: number };

export function planArb(arity: number, seeds: number): fc.Arbitrary<Plan> {
  const garbage = fc.array(garbageArb, { maxLength: Math.max(1, arity + 1) }).map((args): Plan => ({ kind: "garbage", args }));
  if (seeds === 0) return garbage;
  const mutate = fc
    .record({ seed: fc.nat(seeds - 1), pick: fc.nat(), op: fc.nat(), value: garbageArb, n: fc.nat() })
    .map((m): Plan => ({ kind: "mutate", ...m }));
  return fc.oneof({ weight: 1, arbitrary: garbage }, { weight: 3, arbitrary: mutate });
}

// ---------------------------------------------------------------------------------------------
// Mutating one place of a seed
// ---------------------------------------------------------------------------------------------

const isPlain = (v: unknown): v is Record<string, unknown> => {
  if (v === null || typeof v !== "object") return false;
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
};

/**
 * Objects the library built that hold behaviour (a portfolio, a metric): a mutation may replace one
 * whole, but does not reach inside (a user cannot build a broken one without bypassing the factory
 * that checks it).
 */
const OPAQUE = new WeakSet<object>();
export function opaque<T extends object>(v: T): T {
  OPAQUE.add(v);
  return v;
}

/** A copy of plain objects, arrays and typed arrays; everything else (functions, Dates, class instances) is shared. */
export function cloneDeep<T>(v: T, depth = 0): T {
  if (depth > 12) return v;
  if (v !== null && typeof v === "object" && OPAQUE.has(v)) return v;
  if (Array.isArray(v)) {
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) if (i in v) out[i] = cloneDeep(v[i], depth + 1);
    return out as T;
  }
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return (v as unknown as { slice(): T }).slice();
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (isPlain(v)) {
    const out: Record<string, unknown> = Object.getPrototypeOf(v) === null ? Object.create(null) : {};
    for (const k of Object.keys(v)) {
      const d = Object.getOwnPropertyDescriptor(v, k)!;
      if ("value" in d) Object.defineProperty(out, k, { ...d, value: cloneDeep(d.value, depth + 1), writable: true, configurable: true });
      else Object.defineProperty(out, k, d);
    }
    return out as T;
  }
  return v;
}

type Place = { parent: Record<string | number, unknown> | unknown[]; key: string | number; value: unknown };

/** Every place (array element, object field) of the value tree, parents before children. */
function places(root: unknown[], limit = 4000): Place[] {
  const out: Place[] = [];
  const visit = (parent: Place["parent"], key: string | number, value: unknown, depth: number) => {
    if (out.length >= limit) return;
    out.push({ parent, key, value });
    if (depth > 8 || (value !== null && typeof value === "object" && OPAQUE.has(value))) return;
    if (Array.isArray(value)) {
      const n = Math.min(value.length, 64);
      for (let i = 0; i < n; i++) visit(value, i, value[i], depth + 1);
    } else if (isPlain(value)) {
      for (const k of Object.keys(value)) {
        const d = Object.getOwnPropertyDescriptor(value, k)!;
        if ("value" in d) visit(value, k, d.value, depth + 1);
      }
    }
  };
  for (let i = 0; i < root.length; i++) visit(root, i, root[i], 0);
  return out;
}

const UNKNOWN_KEYS = ["confidnce", "__proto__", "constructor", "extra", "weight", "periods", "toString"];
const FAR_DATES: readonly unknown[] = ["6999-12-31", "0001-01-01", "1970-01-01", "2024-02-30", "9999-12-31T23:59:59Z", new Date(8.64e15), -8.64e15, 1e20, "", "yesterday"];
const BIG_SMALL = [1e308, -1e308, 5e-324, -5e-324, 1e15, -1e15, 1e-15, 2 ** 53, 3e6, -0, 0];

function looksLikeDate(v: unknown): boolean {
  return v instanceof Date || (typeof v === "string" && /^\d{4}-\d{2}-\d{2}/.test(v));
}

function setPlace(p: Place, v: unknown): void {
  if (Array.isArray(p.parent)) p.parent[p.key as number] = v;
  else Object.defineProperty(p.parent, p.key, { value: v, enumerable: true, writable: true, configurable: true });
}

/**
 * Apply one mutation to a fresh copy of a seed's arguments. The place is chosen by `pick`, the
 * operation by `op` among those that make sense for the value found there.
 */
export function mutate(seedArgs: unknown[], plan: Extract<Plan, { kind: "mutate" }>): { args: unknown[]; what: string } {
  const args = cloneDeep(seedArgs);
  const ps = places(args);
  // the top level counts as a place too: drop the last argument or add one
  const total = ps.length + 1;
  const at = plan.pick % total;
  const g = () => garbageValue(plan.value);
  if (at === ps.length) {
    if (plan.op % 2 === 0 && args.length > 0) {
      args.length -= 1;
      return { args, what: "dropped the last argument" };
    }
    args.push(g());
    return { args, what: "added an argument" };
  }
  const p = ps[at]!;
  const where = `argument path #${at} (key ${String(p.key)})`;
  const v = p.value;
  const ops: [string, () => void][] = [[`replaced ${where} with garbage`, () => setPlace(p, g())]];
  if (v !== null && typeof v === "object" && (OPAQUE.has(v) || Object.isFrozen(v))) {
    ops[0]![1]();
    return { args, what: ops[0]![0] };
  }
  if (typeof v === "number") {
    ops.push([`set number at ${where} to an extreme`, () => setPlace(p, BIG_SMALL[plan.n % BIG_SMALL.length])]);
    ops.push([`set number at ${where} to a nasty number`, () => setPlace(p, NASTY_NUMBERS[plan.n % NASTY_NUMBERS.length])]);
    if (Number.isInteger(v)) ops.push([`set number at ${where} to a BigInt`, () => setPlace(p, BigInt(v as number))]);
    ops.push([`set number at ${where} to a string`, () => setPlace(p, String(v))]);
  }
  if (looksLikeDate(v) || typeof v === "number") ops.push([`set ${where} to a far-off or invalid date`, () => setPlace(p, FAR_DATES[plan.n % FAR_DATES.length])]);
  if (typeof v === "string") ops.push([`set string at ${where} to a nasty string`, () => setPlace(p, NASTY_STRINGS[plan.n % NASTY_STRINGS.length])]);
  if (Array.isArray(v)) {
    ops.push([`truncated the array at ${where}`, () => (v.length = plan.n % Math.max(1, v.length))]);
    ops.push([`appended garbage to the array at ${where}`, () => v.push(g())]);
    ops.push([`made a hole in the array at ${where}`, () => v.length > 0 && delete v[plan.n % v.length]]);
    if (v.every((x) => typeof x === "number")) ops.push([`turned the array at ${where} into a Float64Array`, () => setPlace(p, Float64Array.from(v as number[]))]);
    ops.push([`turned the array at ${where} into a Set`, () => setPlace(p, new Set(v))]);
  }
  if (isPlain(v)) {
    const keys = Object.keys(v);
    ops.push([`added an unknown key to the object at ${where}`, () => Object.defineProperty(v, UNKNOWN_KEYS[plan.n % UNKNOWN_KEYS.length]!, { value: g(), enumerable: true, writable: true, configurable: true })]);
    if (keys.length > 0) {
      ops.push([`deleted a key of the object at ${where}`, () => delete v[keys[plan.n % keys.length]!]]);
      ops.push([`set a key of the object at ${where} to null`, () => (v[keys[plan.n % keys.length]!] = null)]);
    }
  }
  if (typeof v === "function") {
    const f = v as (...a: unknown[]) => unknown;
    ops.push([`made the function at ${where} throw the user's error`, () => setPlace(p, throwSentinel)]);
    ops.push([`made the function at ${where} return garbage`, () => setPlace(p, () => g())]);
    ops.push([`made the function at ${where} return garbage every few calls`, () => {
      let k = 0;
      setPlace(p, (...a: unknown[]) => (++k % 3 === 0 ? g() : f(...a)));
    }]);
  }
  const [what, apply] = ops[plan.op % ops.length]!;
  apply();
  return { args, what };
}
