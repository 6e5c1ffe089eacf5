// What the fuzz suite checks about one call: what may be thrown, and what a result may contain.
import { readFileSync } from "node:fs";
import { inspect } from "node:util";
import { CxMetricsError } from "../../src/index";
import { SentinelError } from "./arbitraries";

/** The documented error codes, read from the union type in src/core/errors.ts (so a new code is picked up). */
export const ERROR_CODES: ReadonlySet<string> = (() => {
  const src = readFileSync(new URL("../../src/core/errors.ts", import.meta.url), "utf8");
  const union = /export type CxMetricsErrorCode =([\s\S]*?);/.exec(src)![1]!;
  return new Set([...union.matchAll(/"([A-Z_]+)"/g)].map((m) => m[1]!));
})();

/** One thing wrong with one call. `kind` is what the known-failures list matches. */
export interface Finding {
  fn: string;
  kind: string;
  /** The message or value seen (not normalized). */
  detail: string;
}

export type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Call `f`, awaiting a promise and draining a lazy result. */
export async function callOnce(f: (...a: unknown[]) => unknown, args: unknown[], consume?: (r: unknown) => Promise<unknown>): Promise<Outcome> {
  try {
    let value = f(...args);
    if (value !== null && typeof value === "object" && typeof (value as { then?: unknown }).then === "function") value = await value;
    if (consume !== undefined) value = await consume(value);
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error };
  }
}

/** A message with its variable parts (numbers, long or odd quoted text) replaced, so one bug is one kind. */
export function normalizeMessage(m: string): string {
  return m
    .split("\n")[0]!
    .replace(/(["'`])((?:(?!\1).){0,40}?)\1/g, (all, q: string, s: string) => (/^[A-Za-z_$][\w$.]*$/.test(s) ? all : `${q}…${q}`))
    .replace(/-?\d+(\.\d+)?(e[+-]?\d+)?n?/gi, "#")
    .slice(0, 140);
}

/** Is this thrown value allowed to escape? If not, the finding's kind. */
export function thrownKind(e: unknown): string | null {
  if (e instanceof SentinelError) return null;
  if (e instanceof CxMetricsError) {
    if (typeof e.code !== "string" || !ERROR_CODES.has(e.code)) return `CxMetricsError with an undocumented code ${String(e.code)}`;
    if (typeof e.message !== "string" || e.message === "") return "CxMetricsError without a message";
    return null;
  }
  if (e instanceof Error) {
    const name = e.constructor?.name ?? e.name;
    // a user's error that the library wrapped in a plain Error would also land here; the file
    // (without the line, which moves with every edit) says where to look
    const file = e.stack === undefined ? "" : firstOwnFrame(e.stack).replace(/:\d+$/, "");
    return `${name}: ${normalizeMessage(String(e.message))} (${file})`;
  }
  return `threw a non-Error ${typeof e}`;
}

export function errorDetail(e: unknown): string {
  if (e instanceof Error) return `${e.constructor?.name ?? e.name}: ${String(e.message).slice(0, 300)}${e.stack ? ` @ ${firstOwnFrame(e.stack)}` : ""}`;
  return safeInspect(e, 1);
}

/** The first stack frame inside src/ (where the untyped error came from). */
export function firstOwnFrame(stack: string): string {
  const line = stack.split("\n").find((l) => /[\\/]src[\\/]/.test(l));
  const m = line === undefined ? null : /([\\/]src[\\/][^:)]+:\d+)/.exec(line);
  return m ? m[1]!.replace(/^[\\/]/, "") : "(no frame in src/)";
}

export function safeInspect(v: unknown, depth = 4): string {
  try {
    return inspect(v, { depth, maxArrayLength: 12, maxStringLength: 80, breakLength: Infinity, getters: false, showProxy: true });
  } catch {
    return "(cannot be printed)";
  }
}

// ---------------------------------------------------------------------------------------------
// Walking a result
// ---------------------------------------------------------------------------------------------

const MAX_NODES = 50_000;
const MAX_DEPTH = 10;

function isPlainish(v: object): boolean {
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null || Array.isArray(v);
}

/**
 * The normalized paths (`.a.b[]`) where the seeds' results hold a number and never something else
 * (other than null): the fields whose type promises a number.
 */
export function numberPaths(results: readonly unknown[]): Set<string> {
  const num = new Set<string>();
  const other = new Set<string>();
  // a field counts only if every object at its parent path has it (layers of a chart differ)
  const objects = new Map<string, number>();
  const fields = new Map<string, number>();
  for (const r of results) {
    walk(r, "", 0, { n: 0 }, (path, v) => {
      if (typeof v === "number") num.add(path);
      else if (v !== null) other.add(path);
      if (v !== null && typeof v === "object" && !Array.isArray(v) && isPlainish(v)) {
        objects.set(path, (objects.get(path) ?? 0) + 1);
        for (const k of Object.keys(v)) fields.set(`${path}.${k}`, (fields.get(`${path}.${k}`) ?? 0) + 1);
      }
    });
  }
  for (const p of other) num.delete(p);
  for (const p of [...num]) {
    const m = /^(.*)\.([^.[\]]+)$/.exec(p);
    if (m !== null && (fields.get(p) ?? 0) < (objects.get(m[1]!) ?? 0)) num.delete(p);
  }
  return num;
}

function walk(v: unknown, path: string, depth: number, count: { n: number }, visit: (path: string, v: unknown) => void): void {
  if (++count.n > MAX_NODES) return;
  visit(path, v);
  if (v === null || typeof v !== "object" || depth >= MAX_DEPTH) return;
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    const a = v as unknown as ArrayLike<number | bigint>;
    const n = Math.min(a.length, 100_000);
    for (let i = 0; i < n; i++) visit(`${path}[]`, a[i]);
    count.n += Math.min(n, 1000);
    return;
  }
  if (Array.isArray(v)) {
    const n = Math.min(v.length, 2000);
    for (let i = 0; i < n; i++) walk(v[i], `${path}[]`, depth + 1, count, visit);
    return;
  }
  if (v instanceof Map) {
    for (const [k, x] of v) walk(x, `${path}.${String(k)}`, depth + 1, count, visit);
    return;
  }
  if (v instanceof Set) {
    for (const x of v) walk(x, `${path}[]`, depth + 1, count, visit);
    return;
  }
  if (!isPlainish(v)) return; // Dates, class instances: not results of ours
  // an object with methods is behaviour the caller gave (a metric of a portfolio), not a result
  if (Object.values(v).some((x) => typeof x === "function")) return;
  for (const k of Object.keys(v)) {
    const d = Object.getOwnPropertyDescriptor(v, k);
    if (d === undefined || !("value" in d)) continue;
    walk(d.value, `${path}.${/^\d+$/.test(k) ? "#" : k}`, depth + 1, count, visit);
  }
}

/**
 * What is wrong with a result: NaN anywhere; ±Infinity outside the documented places; a field that
 * the seeds show to be a number holding undefined, a string, a BigInt or an object.
 */
export function resultFindings(fn: string, value: unknown, numbers: ReadonlySet<string>, infinityOk: Readonly<Record<string, string>> = {}, optional: Readonly<Record<string, string>> = {}): Finding[] {
  const out = new Map<string, Finding>();
  const add = (kind: string, detail: string) => {
    if (!out.has(kind)) out.set(kind, { fn, kind, detail });
  };
  // children expected to be numbers, by parent path
  const byParent = new Map<string, { key: string; array: boolean }[]>();
  for (const p of numbers) {
    const m = /^(.*?)(\[\]|\.([^.[\]]+))$/.exec(p);
    if (m === null) continue;
    const parent = m[1]!;
    const list = byParent.get(parent) ?? [];
    list.push(m[2] === "[]" ? { key: "", array: true } : { key: m[3]!, array: false });
    byParent.set(parent, list);
  }
  const checkNumber = (path: string, v: unknown) => {
    if (v === null || typeof v === "number" || Object.keys(optional).some((k) => path.endsWith(k))) return;
    add(`not a number where a number is promised at ${path === "" ? "the result" : path}`, `${v === undefined ? "undefined" : typeof v}: ${safeInspect(v, 1)}`);
  };
  if (numbers.has("")) checkNumber("", value);
  walk(value, "", 0, { n: 0 }, (path, v) => {
    if (typeof v === "number" && !Number.isFinite(v)) {
      if (Number.isNaN(v)) add(`NaN at ${path === "" ? "the result" : path}`, "NaN");
      else if (!(path in infinityOk)) add(`${v > 0 ? "" : "-"}Infinity at ${path === "" ? "the result" : path}`, String(v));
    }
    if (v === null || typeof v !== "object") return;
    const kids = byParent.get(path);
    if (kids === undefined) return;
    for (const k of kids) {
      if (k.array) {
        if (Array.isArray(v)) for (let i = 0; i < Math.min(v.length, 2000); i++) checkNumber(`${path}[]`, v[i]);
      } else if (!Array.isArray(v) && isPlainish(v)) {
        const d = Object.getOwnPropertyDescriptor(v, k.key);
        checkNumber(`${path}.${k.key}`, d === undefined ? undefined : "value" in d ? d.value : 0);
      }
    }
  });
  return [...out.values()];
}
