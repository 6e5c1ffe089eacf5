// Every @example in a doc comment under src/ is run here, so an example can never drift from the
// code (STYLE.md: "Examples must be true: a test can run them").
//
// How an example is read:
// - The ```ts fence after `@example`, one test per fence, titled "<file>: <symbol> example", where
//   <symbol> is the exported declaration that follows the comment (overloads with their own
//   example get " (2)", " (3)" ...).
// - `import { a, b as c } from "cx-metrics"` (or "cx-metrics/schema", "cx-metrics/node", "node:stream") becomes bindings to the
//   source entry points. An `@internal` helper's example sees the exports of the module that
//   defines it, plus what it imports.
// - `expr; //=> value` evaluates `expr` where the line stands (after the statements before it, inside
//   any block) and compares it with `value`: exact for `//=> value` (deep equality; numbers with
//   ===), to the digits shown for `//=> ~value` (|actual − x| <= 0.5·10^(−decimals of x), for every
//   number inside an array or object too). `Float64Array [0, 0]` asks for that typed array.
//   A trailing parenthesised remark is ignored.
// - `stmt; // throws CODE ...` must throw a CxMetricsError with that code; `stmt; // passes` must not
//   throw. Every such line must be reached when the example runs.
// - An example made only of comments (`// see csat`) runs nothing; the symbols it points to must
//   have a runnable example of their own.
// The examples are plain JavaScript (no type annotations) and run with `new AsyncFunction`.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import * as mainEntry from "../../src/index";
import * as nodeEntry from "../../src/node/index";
import * as sqlEntry from "../../src/sql/index";
import * as chartsEntry from "../../src/charts/index";
import * as schemaEntry from "../../src/schema/index";
import * as nodeStream from "node:stream";
import { vi } from "vitest";

// This file runs the doc examples, some of which run DuckDB and load Vega: explicit, generous
// timeouts for every test and hook (vitest's default of 5 s is not enough on a loaded 2-core CI
// machine).
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const ROOT = fileURLToPath(new URL("../..", import.meta.url)).replace(/[\\/]$/, "");
const SRC = join(ROOT, "src");
const ENTRY_POINTS: Record<string, Record<string, unknown>> = {
  "cx-metrics": mainEntry,
  "cx-metrics/schema": schemaEntry,
  "cx-metrics/node": nodeEntry,
  "cx-metrics/sql": sqlEntry,
  "cx-metrics/charts": chartsEntry,
  // Node's own modules, for the examples of the Node entry point
  "node:stream": nodeStream as unknown as Record<string, unknown>,
};
const { CxMetricsError } = mainEntry;

// ---------------------------------------------------------------------------------------------
// Extraction
// ---------------------------------------------------------------------------------------------

interface ExampleLine {
  /** 1-based line number in the source file. */
  line: number;
  text: string;
}

interface Example {
  file: string; // relative to the repository root, e.g. "src/survey/nps.ts"
  symbol: string;
  title: string;
  lines: ExampleLine[];
  /** A problem found while extracting (no fence, no declaration after the comment). */
  problem?: string;
}

function extractExamples(absFile: string): Example[] {
  const file = relative(ROOT, absFile).split("\\").join("/");
  const source = readFileSync(absFile, "utf8");
  const out: Example[] = [];
  const docComment = /\/\*\*[\s\S]*?\*\//g;
  for (let m = docComment.exec(source); m !== null; m = docComment.exec(source)) {
    if (!m[0].includes("@example")) continue;
    const firstLine = source.slice(0, m.index).split("\n").length;
    const commentLines = m[0].split("\n").map((raw, i) => ({
      line: firstLine + i,
      text: raw.replace(/^\s*\/?\*\*?\/?\s?/, "").replace(/\s*\*\/$/, ""),
    }));
    const symbol = declaredName(source.slice(m.index + m[0].length));
    for (let i = 0; i < commentLines.length; i++) {
      if (!/^\s*@example\b/.test(commentLines[i]!.text)) continue;
      const start = commentLines.findIndex((l, j) => j > i && /^\s*```/.test(l.text));
      const nextTag = commentLines.findIndex((l, j) => j > i && /^\s*@\w/.test(l.text));
      const example: Example = { file, symbol: symbol ?? "<no exported declaration>", title: "", lines: [] };
      if (symbol === undefined) example.problem = `the comment at line ${firstLine} is not followed by an exported declaration`;
      if (start < 0 || (nextTag >= 0 && nextTag < start)) {
        example.problem = `@example at line ${commentLines[i]!.line} has no \`\`\`ts code fence`;
      } else if (!/^\s*```ts\s*$/.test(commentLines[start]!.text)) {
        example.problem = `@example at line ${commentLines[i]!.line}: the fence is "${commentLines[start]!.text.trim()}", expected \`\`\`ts`;
      } else {
        const end = commentLines.findIndex((l, j) => j > start && /^\s*```\s*$/.test(l.text));
        if (end < 0) example.problem = `@example at line ${commentLines[i]!.line}: the code fence is not closed`;
        else example.lines = commentLines.slice(start + 1, end);
      }
      out.push(example);
    }
  }
  return out;
}

/** Name of the exported declaration at the start of `rest` (skipping blank lines and block comments). */
function declaredName(rest: string): string | undefined {
  const m =
    /^(?:\s|\/\*(?!\*)[\s\S]*?\*\/)*export\s+(?:declare\s+)?(?:default\s+)?(?:async\s+)?(?:abstract\s+)?(?:function\s*\*?|class|const|let|var|interface|type|enum|namespace)\s*([A-Za-z_$][\w$]*)/.exec(
      rest,
    );
  return m?.[1];
}

function listSourceFiles(): string[] {
  return (readdirSync(SRC, { recursive: true }) as string[])
    .map((f) => String(f).split("\\").join("/"))
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
    .sort()
    .map((f) => join(SRC, f));
}

const examples: Example[] = [];
for (const abs of listSourceFiles()) {
  const seen = new Map<string, number>();
  for (const ex of extractExamples(abs)) {
    const k = (seen.get(ex.symbol) ?? 0) + 1;
    seen.set(ex.symbol, k);
    ex.title = `${ex.file}: ${ex.symbol} example${k > 1 ? ` (${k})` : ""}`;
    examples.push(ex);
  }
}

// ---------------------------------------------------------------------------------------------
// Expected values: a small JSON5-ish literal parser that keeps the digits written
// ---------------------------------------------------------------------------------------------

type Expected =
  | { kind: "number"; value: number; text: string; approx: boolean }
  | { kind: "string"; value: string }
  | { kind: "atom"; value: boolean | null | undefined }
  | { kind: "array"; items: Expected[]; typed: string | undefined }
  | { kind: "object"; entries: [string, Expected][] };

class ParseError extends Error {}

/** Parse `~[1, 2] (remark)` and the like; the remark, when present, must be in parentheses. */
function parseExpected(src: string): Expected {
  let pos = 0;
  const ws = () => {
    while (pos < src.length && /\s/.test(src[pos]!)) pos++;
  };
  const error = (what: string): never => {
    throw new ParseError(`${what} at column ${pos + 1} of "${src}"`);
  };
  const value = (approx: boolean): Expected => {
    ws();
    if (src[pos] === "~") {
      pos++;
      return value(true);
    }
    const c = src[pos];
    if (c === "[") {
      pos++;
      const items: Expected[] = [];
      for (;;) {
        ws();
        if (src[pos] === "]") break;
        items.push(value(approx));
        ws();
        if (src[pos] === ",") pos++;
        else if (src[pos] !== "]") error("expected , or ]");
      }
      pos++;
      return { kind: "array", items, typed: undefined };
    }
    if (c === "{") {
      pos++;
      const entries: [string, Expected][] = [];
      for (;;) {
        ws();
        if (src[pos] === "}") break;
        let key: string;
        if (src[pos] === '"' || src[pos] === "'") key = string();
        else {
          const m = /^[A-Za-z_$][\w$]*|^\d+/.exec(src.slice(pos)) ?? error("expected a property name");
          key = m[0];
          pos += key.length;
        }
        ws();
        if (src[pos] !== ":") error("expected :");
        pos++;
        entries.push([key, value(approx)]);
        ws();
        if (src[pos] === ",") pos++;
        else if (src[pos] !== "}") error("expected , or }");
      }
      pos++;
      return { kind: "object", entries };
    }
    if (c === '"' || c === "'") return { kind: "string", value: string() };
    const num = /^[-+]?(?:Infinity|NaN|(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)(?![\w$])/.exec(src.slice(pos));
    if (num) {
      pos += num[0].length;
      return { kind: "number", value: Number(num[0]), text: num[0], approx };
    }
    const word = /^[A-Za-z_$][\w$]*/.exec(src.slice(pos));
    if (word) {
      pos += word[0].length;
      const atoms: Record<string, boolean | null | undefined> = { true: true, false: false, null: null, undefined: undefined };
      if (word[0] in atoms) return { kind: "atom", value: atoms[word[0]] };
      // `Float64Array [0, 0, 0]`: a typed array, compared elementwise.
      if (/^(?:Float(?:32|64)|U?Int(?:8|16|32)|Uint8Clamped)Array$/.test(word[0])) {
        ws();
        if (src[pos] !== "[") error(`expected [ after ${word[0]}`);
        const arr = value(approx) as Extract<Expected, { kind: "array" }>;
        return { ...arr, typed: word[0] };
      }
      pos -= word[0].length;
    }
    return error("expected a value");
  };
  const string = (): string => {
    const q = src[pos]!;
    let s = "";
    pos++;
    while (pos < src.length && src[pos] !== q) {
      if (src[pos] === "\\") {
        pos++;
        const e = src[pos] ?? error("unfinished escape");
        s += ({ n: "\n", t: "\t", r: "\r" } as Record<string, string>)[e] ?? e;
      } else s += src[pos];
      pos++;
    }
    if (pos >= src.length) error("unterminated string");
    pos++;
    return s;
  };
  const result = value(false);
  ws();
  const rest = src.slice(pos);
  if (rest !== "" && !/^\(.*\)$/.test(rest)) error("unexpected text after the value (a remark must be in parentheses)");
  return result;
}

/** Allowed distance for `~x`: half a unit in the last digit written. */
function tolerance(text: string): number {
  const m = /^[-+]?(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/.exec(text);
  if (!m) return 0; // Infinity, NaN
  const decimals = (m[2]?.length ?? 0) - Number(m[3] ?? 0);
  return 0.5 * 10 ** -decimals;
}

// ---------------------------------------------------------------------------------------------
// Comparison and printing
// ---------------------------------------------------------------------------------------------

function show(v: unknown, depth = 0): string {
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "bigint") return `${v}n`;
  if (typeof v === "function") return `[Function ${v.name || "anonymous"}]`;
  if (v === null || v === undefined || typeof v !== "object") return String(v);
  if (depth > 4) return "…";
  if (ArrayBuffer.isView(v)) return `${v.constructor.name} [${Array.from(v as unknown as ArrayLike<number>, (x) => show(x)).join(", ")}]`;
  if (Array.isArray(v)) return `[${v.map((x) => show(x, depth + 1)).join(", ")}]`;
  if (v instanceof Error) return `${v.name}${"code" in v ? ` ${String(v.code)}` : ""}: ${v.message}`;
  const entries = Object.entries(v);
  return entries.length === 0 ? "{}" : `{ ${entries.map(([k, x]) => `${k}: ${show(x, depth + 1)}`).join(", ")} }`;
}

function showExpected(e: Expected): string {
  switch (e.kind) {
    case "number":
      return e.approx ? `~${e.text}` : e.text;
    case "string":
      return JSON.stringify(e.value);
    case "atom":
      return String(e.value);
    case "array":
      return `${e.typed ? e.typed + " " : ""}[${e.items.map(showExpected).join(", ")}]`;
    case "object":
      return `{ ${e.entries.map(([k, x]) => `${k}: ${showExpected(x)}`).join(", ")} }`;
  }
}

/** Differences between `actual` and `expected`, one line each ("" path = the whole value). */
function compare(actual: unknown, expected: Expected, path = ""): string[] {
  const at = path === "" ? "" : `at ${path}: `;
  switch (expected.kind) {
    case "number": {
      if (typeof actual !== "number") return [`${at}expected ${showExpected(expected)}, got ${show(actual)}`];
      const x = expected.value;
      if (!expected.approx || !Number.isFinite(x)) {
        return actual === x || (actual !== actual && x !== x) ? [] : [`${at}expected exactly ${expected.text}, got ${show(actual)} (difference ${actual - x})`];
      }
      const tol = tolerance(expected.text);
      const diff = Math.abs(actual - x);
      // The factor absorbs the rounding of 10^−d itself, not a looser tolerance.
      return diff <= tol * (1 + 1e-9) ? [] : [`${at}expected ~${expected.text} (± ${tol}), got ${show(actual)} (difference ${diff})`];
    }
    case "string":
    case "atom":
      return actual === expected.value ? [] : [`${at}expected ${showExpected(expected)}, got ${show(actual)}`];
    case "array": {
      if (expected.typed !== undefined) {
        if (Object.prototype.toString.call(actual) !== `[object ${expected.typed}]`) {
          return [`${at}expected a ${expected.typed}, got ${show(actual)}`];
        }
      } else if (!Array.isArray(actual)) return [`${at}expected an array, got ${show(actual)}`];
      const arr = actual as ArrayLike<unknown>;
      if (arr.length !== expected.items.length) {
        return [`${at}expected length ${expected.items.length}, got length ${arr.length}: ${show(actual)}`];
      }
      return expected.items.flatMap((item, i) => compare(arr[i], item, `${path}[${i}]`));
    }
    case "object": {
      if (actual === null || typeof actual !== "object" || Array.isArray(actual) || ArrayBuffer.isView(actual)) {
        return [`${at}expected an object, got ${show(actual)}`];
      }
      const rec = actual as Record<string, unknown>;
      const keys = new Set(expected.entries.map(([k]) => k));
      const extra = Object.keys(rec).filter((k) => !keys.has(k) && rec[k] !== undefined);
      const problems = extra.map((k) => `${at}unexpected property ${k}: ${show(rec[k])}`);
      for (const [k, v] of expected.entries) {
        const p = path === "" ? k : `${path}.${k}`;
        if (!(k in rec) && !(v.kind === "atom" && v.value === undefined)) problems.push(`at ${p}: missing (expected ${showExpected(v)})`);
        else problems.push(...compare(rec[k], v, p));
      }
      return problems;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Compiling an example into a function body
// ---------------------------------------------------------------------------------------------

type Check =
  | { type: "value"; line: ExampleLine; expr: string; expected: Expected }
  | { type: "throws"; line: ExampleLine; code: string }
  | { type: "passes"; line: ExampleLine };

interface Compiled {
  body: string;
  checks: Check[];
  imports: { name: string; local: string; from: string; line: number }[];
  /** Lines the harness cannot read: each a reason. */
  problems: string[];
  commentOnly: boolean;
  /** The `// see a and b` references of a comment-only example. */
  seeAlso: string[];
}

/** Index of the `//` that starts a line comment, outside string and template literals; -1 if none. */
function commentStart(line: string): number {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote !== undefined) {
      if (c === "\\") i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'" || c === "`") quote = c;
    else if (c === "/" && line[i + 1] === "/") return i;
  }
  return -1;
}

const DECLARATION = /^(?:const|let|var|function|class)\b/;

function compileExample(ex: Example): Compiled {
  const checks: Check[] = [];
  const imports: Compiled["imports"] = [];
  const problems: string[] = [];
  const body: string[] = [];
  const seeAlso: string[] = [];
  let codeLines = 0;
  const where = (l: ExampleLine) => `${ex.file}:${l.line} \`${l.text.trim()}\``;

  for (const l of ex.lines) {
    const imp = /^\s*import\s*\{([^}]*)\}\s*from\s*(["'])([^"']+)\2\s*;?\s*$/.exec(l.text);
    if (imp) {
      codeLines++;
      if (!(imp[3]! in ENTRY_POINTS)) problems.push(`${where(l)}: unknown module "${imp[3]}"`);
      for (const spec of imp[1]!.split(",").map((s) => s.trim()).filter(Boolean)) {
        const m = /^(?:type\s+)?([A-Za-z_$][\w$]*)(?:\s+as\s+([A-Za-z_$][\w$]*))?$/.exec(spec);
        if (!m) problems.push(`${where(l)}: cannot read the import specifier "${spec}"`);
        else if (!spec.startsWith("type ")) imports.push({ name: m[1]!, local: m[2] ?? m[1]!, from: imp[3]!, line: l.line });
      }
      body.push("");
      continue;
    }
    if (/^\s*import\b/.test(l.text)) {
      problems.push(`${where(l)}: only \`import { ... } from "cx-metrics"\` lines are supported`);
      body.push("");
      continue;
    }
    const at = commentStart(l.text);
    const code = (at < 0 ? l.text : l.text.slice(0, at)).trimEnd();
    const comment = at < 0 ? "" : l.text.slice(at);
    const indent = /^\s*/.exec(code)![0];
    const stmt = code.trim().replace(/;$/, "");
    if (code.trim() !== "") codeLines++;

    if (comment.startsWith("//=>")) {
      if (stmt === "") problems.push(`${where(l)}: a //=> comment needs the expression on the same line`);
      else if (DECLARATION.test(stmt)) problems.push(`${where(l)}: //=> follows a declaration, not an expression`);
      else {
        try {
          checks.push({ type: "value", line: l, expr: stmt, expected: parseExpected(comment.slice(4).trim()) });
          body.push(`${indent};__check(${checks.length - 1}, () => (${stmt}));`);
          continue;
        } catch (e) {
          if (!(e instanceof ParseError)) throw e;
          problems.push(`${where(l)}: cannot parse the expected value: ${e.message}`);
        }
      }
    } else if (/^\/\/\s*=>/.test(comment) || /^\/\/\s*→/.test(comment)) {
      problems.push(`${where(l)}: write results as \`//=> value\``);
    } else if (/^\/\/\s*throws\b/i.test(comment)) {
      const m = /^\/\/\s*throws\s+([A-Z][A-Z_]*)\b/.exec(comment);
      if (!m) problems.push(`${where(l)}: expected \`// throws CODE ...\` with an upper-case error code`);
      else if (stmt === "") problems.push(`${where(l)}: a // throws comment needs the statement on the same line`);
      else {
        checks.push({ type: "throws", line: l, code: m[1]! });
        body.push(`${indent};__throws(${checks.length - 1}, () => { ${stmt}; });`);
        continue;
      }
    } else if (/^\/\/\s*passes\b/.test(comment)) {
      if (stmt === "") problems.push(`${where(l)}: a // passes comment needs the statement on the same line`);
      else {
        checks.push({ type: "passes", line: l });
        body.push(DECLARATION.test(stmt) ? `${code} __passes(${checks.length - 1}, () => {});` : `${indent};__passes(${checks.length - 1}, () => { ${stmt}; });`);
        continue;
      }
    } else if (code.trim() === "" && comment !== "") {
      const see = /^\/\/\s*see\s+(.+)$/.exec(comment);
      if (see) seeAlso.push(...see[1]!.split(/\s*(?:,|\band\b)\s*/).map((s) => s.trim().replace(/[.()]+$/, "")).filter(Boolean));
    }
    body.push(l.text);
  }
  return { body: body.join("\n"), checks, imports, problems, commentOnly: codeLines === 0 && problems.length === 0, seeAlso };
}

const compiled = new Map(examples.map((ex) => [ex, ex.problem === undefined ? compileExample(ex) : undefined]));

// ---------------------------------------------------------------------------------------------
// Running
// ---------------------------------------------------------------------------------------------

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...args: unknown[]) => Promise<unknown>;

async function bindingsFor(ex: Example, c: Compiled): Promise<Record<string, unknown>> {
  if (c.imports.length === 0) {
    // An @internal helper: its own module's exports.
    const mod = (await import(/* @vite-ignore */ join(ROOT, ex.file))) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(mod).filter(([k]) => k !== "default"));
  }
  const out: Record<string, unknown> = {};
  // an @internal helper (exported by no entry point) that imports public functions to build its
  // input also sees its own module's exports; a public example sees only what it imports
  if (!Object.values(ENTRY_POINTS).some((e) => ex.symbol in e)) {
    const mod = (await import(/* @vite-ignore */ join(ROOT, ex.file))) as Record<string, unknown>;
    for (const [k, v] of Object.entries(mod)) if (k !== "default") out[k] = v;
  }
  for (const i of c.imports) {
    const entry = ENTRY_POINTS[i.from];
    if (entry === undefined) continue;
    if (!(i.name in entry)) throw new Error(`${ex.file}:${i.line}: "${i.from}" does not export ${i.name}`);
    out[i.local] = entry[i.name];
  }
  return out;
}

async function runExample(ex: Example, c: Compiled): Promise<string[]> {
  const failures: string[] = [];
  const reached = new Set<number>();
  const where = (ch: Check) => `${ex.file}:${ch.line.line} \`${ch.line.text.trim()}\``;
  const helpers = {
    __check(id: number, run: () => unknown) {
      reached.add(id);
      const ch = c.checks[id] as Extract<Check, { type: "value" }>;
      let actual: unknown;
      try {
        actual = run();
      } catch (e) {
        failures.push(`${where(ch)}\n    expected ${showExpected(ch.expected)}, but it threw ${show(e)}`);
        return;
      }
      const diffs = compare(actual, ch.expected);
      if (diffs.length > 0) failures.push(`${where(ch)}\n    actual ${show(actual)}\n    ${diffs.join("\n    ")}`);
    },
    __throws(id: number, run: () => unknown) {
      reached.add(id);
      const ch = c.checks[id] as Extract<Check, { type: "throws" }>;
      try {
        const r = run();
        failures.push(`${where(ch)}\n    expected a CxMetricsError ${ch.code}, but nothing was thrown (the statement gave ${show(r)})`);
      } catch (e) {
        if (!(e instanceof CxMetricsError)) failures.push(`${where(ch)}\n    expected a CxMetricsError ${ch.code}, got ${show(e)}`);
        else if (e.code !== ch.code) failures.push(`${where(ch)}\n    expected code ${ch.code}, got ${show(e)}`);
      }
    },
    __passes(id: number, run: () => unknown) {
      reached.add(id);
      const ch = c.checks[id]!;
      try {
        run();
      } catch (e) {
        failures.push(`${where(ch)}\n    expected no error, got ${show(e)}`);
      }
    },
  };
  const bindings = { ...(await bindingsFor(ex, c)), ...helpers };
  const names = Object.keys(bindings);
  let fn: (...args: unknown[]) => Promise<unknown>;
  try {
    fn = new AsyncFunction(...names, `"use strict";\n${c.body}`);
  } catch (e) {
    return [`${ex.file}: the example does not compile as JavaScript (TypeScript-only syntax?): ${show(e)}\n${c.body}`];
  }
  try {
    await fn(...names.map((n) => bindings[n as keyof typeof bindings]));
  } catch (e) {
    // Map the line of the generated function (2 header lines + "use strict") back to the source.
    const m = /<anonymous>:(\d+):\d+/.exec(e instanceof Error ? (e.stack ?? "") : "");
    const l = m ? ex.lines[Number(m[1]) - 4] : undefined;
    failures.push(`${l ? `${ex.file}:${l.line} \`${l.text.trim()}\`` : ex.file}\n    the example threw ${show(e)}`);
  }
  c.checks.forEach((ch, id) => {
    if (!reached.has(id)) failures.push(`${where(ch)}\n    never reached: the example did not get to this line`);
  });
  return failures;
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

const count = (type: Check["type"]) => [...compiled.values()].reduce((n, c) => n + (c?.checks.filter((ch) => ch.type === type).length ?? 0), 0);
const commentOnly = examples.filter((ex) => compiled.get(ex)?.commentOnly).map((ex) => ex.symbol);

describe("doc examples", () => {
  test(
    `${examples.length} examples are found, with ${count("value")} //=> lines, ${count("throws")} // throws and ` +
      `${count("passes")} // passes lines; ${commentOnly.length} only comments (${commentOnly.join(", ")})`,
    () => {
      expect(examples.length).toBeGreaterThan(0);
    },
  );

  for (const ex of examples) {
    test(ex.title, async () => {
      const c = compiled.get(ex);
      if (ex.problem !== undefined || c === undefined) throw new Error(`${ex.file}: ${ex.problem}`);
      if (c.problems.length > 0) throw new Error(`the harness cannot read this example:\n  ${c.problems.join("\n  ")}`);
      if (c.commentOnly) {
        // `// see csat and ces`: allowed, but the examples it points to must exist and be runnable.
        const runnable = new Set(examples.filter((e) => compiled.get(e)?.checks.length).map((e) => e.symbol));
        const missing = c.seeAlso.filter((s) => !runnable.has(s));
        expect(missing, `${ex.file}: comment-only example points to symbols without a runnable example`).toEqual([]);
        return;
      }
      if (c.checks.length === 0) throw new Error(`${ex.file}: the example checks nothing (no //=>, // throws or // passes line)`);
      const failures = await runExample(ex, c);
      if (failures.length > 0) throw new Error(`${failures.length} wrong line(s) in the example:\n  ${failures.join("\n  ")}`);
    });
  }
});

describe("the example harness", () => {
  test("parseExpected reads numbers, strings, arrays, objects, typed arrays and remarks", () => {
    expect(parseExpected("20 (5 promoters)")).toEqual({ kind: "number", value: 20, text: "20", approx: false });
    expect(showExpected(parseExpected("~[-27.3, 59.1] (adjusted Wald, 95%)"))).toBe("[~-27.3, ~59.1]");
    expect(showExpected(parseExpected("{ type: 'string', \"const\": \"nps\" }"))).toBe('{ type: "string", const: "nps" }');
    expect(showExpected(parseExpected("Float64Array [0, 0, 0]"))).toBe("Float64Array [0, 0, 0]");
    expect(() => parseExpected("20 promoters")).toThrow(ParseError);
  });

  test("~x allows half a unit in the last digit written, and no more", () => {
    expect(tolerance("0.170")).toBeCloseTo(0.0005, 15);
    expect(tolerance("15")).toBe(0.5);
    expect(tolerance("7.6e-24")).toBeCloseTo(0.5e-25, 35);
    expect(compare(0.1704, parseExpected("~0.170"))).toEqual([]);
    expect(compare(0.1706, parseExpected("~0.170"))).toHaveLength(1);
    expect(compare([0, 0.27749], parseExpected("~[0, 0.2775]"))).toEqual([]);
  });

  test("runExample reports wrong values, wrong codes, unreached lines and the line that threw", async () => {
    const lines = [
      "const a = [1, 2];",
      "a.length; //=> 3",
      'checkKind("f", null, "nps"); // throws EMPTY_INPUT',
      "if (a.length > 5) {",
      "  a[0]; //=> 1",
      "}",
      "undefinedName.x;",
      "a[1]; //=> 2",
    ].map((text, i) => ({ line: 101 + i, text }));
    const ex: Example = { file: "src/core/summary.ts", symbol: "checkKind", title: "", lines };
    const failures = await runExample(ex, compileExample(ex));
    expect(failures).toHaveLength(5);
    expect(failures[0]).toMatch(/^src\/core\/summary\.ts:102 .*\n {4}actual 2\n {4}expected exactly 3, got 2/);
    expect(failures[1]).toMatch(/:103 .*expected code EMPTY_INPUT, got CxMetricsError INVALID_SUMMARY/s);
    expect(failures[2]).toMatch(/:107 `undefinedName\.x;`\n {4}the example threw ReferenceError/);
    expect(failures[3]).toMatch(/:105 .*never reached/s);
    expect(failures[4]).toMatch(/:108 .*never reached/s);
  });

  test("exact //=> is deep equality, with === for numbers", () => {
    expect(compare(4.6000000000000005, parseExpected("4.6"))).toHaveLength(1);
    expect(compare(new Float64Array([0, 1]), parseExpected("Float64Array [0, 1]"))).toEqual([]);
    expect(compare(new Float64Array([0, 1]), parseExpected("[0, 1]"))).toHaveLength(1);
    expect(compare({ a: 1, b: undefined }, parseExpected("{ a: 1 }"))).toEqual([]);
    expect(compare({ a: 1, b: 2 }, parseExpected("{ a: 1 }"))).toHaveLength(1);
  });
});
