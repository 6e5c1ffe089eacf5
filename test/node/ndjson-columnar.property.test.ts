// The columnar NDJSON path (readNdjsonColumnsIn: flat objects scanned in place, other lines through
// JSON.parse) against the row path (readRows: JSON.parse and convert per line) on random files:
// keys in random order, extra keys, nested values, duplicate keys, escapes in values and keys
// (\", \\, \/, \u00e9, surrogate pairs), numbers in exponent form, numbers as strings, nulls,
// missing keys, malformed lines, blank lines, CRLF, a byte-order mark, non-ASCII text cut between
// chunks, values of the wrong type; with bad rows thrown or skipped. Three levels: the scanner
// against JSON.parse on random (often broken) lines, the reader's columns against readRows' rows,
// and the summaries and reports of a config portfolio (columnar) against arrow accessors (rows).
import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { columns, outcome, pieces, portfolios } from "../helpers/columnar";
import { evaluateFile, summarizeFile } from "../../src/node/index";
import { flatKeys, readNdjsonColumnsIn, scanFlatObject } from "../../src/node/ndjson-columns";
import { readRowsIn } from "../../src/node/read";

// ---------------------------------------------------------------------------------------------
// Random NDJSON
// ---------------------------------------------------------------------------------------------

/** Values as JSON texts; a JSON string is written again with the row's escaping style. */
const GOOD = {
  channel: ['"web"', '"app"', '"e-mail"', '"Téléphone"', '"say \\"hi\\""', '"back\\\\slash"', '"two\\nlines"', '"🙂 emoji"', '"a/b"', '"tab\\there"', "5", "true"],
  wave: ['"1"', '"2"', "1", "2", "1.0", "2e0", '"1.0"'],
  day: ['"2024-01-15"', '"2024-02-29"', '"2024-03-31T23:30:00Z"', '"2024-12-31"', '"2024-06-01"', '"2024-03-31"'],
  score: ["0", "6", "7", "8", "9", "10", "-0", "1e1", "1E+1", "10.0", "0.7e1", "70e-1", "9.000000000000001e0", '"9"', '" 7 "', '"1e1"', '"007"', "null", '""'],
  csat: ["1", "2", "3", "4", "5", "4.0", '"4"', '"4.0"', "null", '""'],
  solved: ["true", "false", '"yes"', '"no"', "1", "0", '"TRUE"', '" yes"', "1.0", "-0", "null", '""', '"1"'],
  w: ["1", "2.5", "0.25", '"3"', "1.0000000000000002", "25e-1"],
};
const BAD = {
  channel: ['{"x": 1}', "[]", '""'],
  wave: ["null", "[1]"],
  day: ['"not a date"', '"9999-01-01"', "5", "true", "[1]", '""'],
  score: ["11", '"x"', "5.5", "1e999", "-1e999", "true", '{"a": 1}', "[9]", '"NaN"', '"Infinity"', "12345678901234567890"],
  csat: ["6", "0", "2.5", '"abc"', "false"],
  solved: ['"maybe"', "2", "0.5", "[]"],
  w: ["-1", '"heavy"', "{}", "null"],
};
type Key = keyof typeof GOOD;
const KEYS = Object.keys(GOOD) as Key[];
const value = (k: Key) => fc.oneof({ weight: 30, arbitrary: fc.constantFrom(...GOOD[k]) }, { weight: 1, arbitrary: fc.constantFrom(...BAD[k]) });

const EXTRA = ["1", '"x"', '{"n": [1, 2, {"m": null}]}', '[1, "]"]', "true", "null", '"with \\"quote\\" and }"', "-2.5e-3", '"\\ud83d\\ude42"'];
const MALFORMED = [
  '{"score": 9,}',
  '{"score": 01}',
  '{"score": .5}',
  '{"score": +1}',
  '{"score": 1.}',
  '{"score": 1e}',
  "[1, 2]",
  "5",
  '"text"',
  "null",
  '{"score": 9} x',
  '{"a": 1}{"b": 2}',
  "{'score': 9}",
  '{"score": tru}',
  '{"score": "a\x01b"}',
  '{"score": "\\x"}',
  '{"score": "\\u12"}',
  '{"score": "\\u12g4"}',
  '{"score": NaN}',
  '{"channel": "web"',
  '{"score": 9 "csat": 2}',
  '{"score" 9}',
  '{score: 9}',
  '\uFEFF{"score": 1}',
  '{"score": 1}\u00a0',
  '{"channel": "unclosed}',
  "{,}",
  '{"score": -}',
  '{"score": 9, "csat": 2',
];

/** A JSON string written in one of several styles (all JSON.parse to the same text). */
function writeString(s: string, style: number): string {
  const hex = (c: number, upper: boolean) => "\\u" + (upper ? c.toString(16).toUpperCase() : c.toString(16)).padStart(4, "0");
  switch (style) {
    case 1: // non-ASCII as \u escapes (a surrogate pair as two)
      return JSON.stringify(s).replace(/[^\x00-\x7f]/g, (c) => hex(c.charCodeAt(0), false));
    case 2: // every character as a \u escape
      return `"${[...Array(s.length).keys()].map((i) => hex(s.charCodeAt(i), i % 2 === 0)).join("")}"`;
    case 3: // slashes escaped
      return JSON.stringify(s).replaceAll("/", "\\/");
    default:
      return JSON.stringify(s);
  }
}

const rowArb = fc.record({
  values: fc.record(Object.fromEntries(KEYS.map((k) => [k, value(k)])) as { [K in Key]: fc.Arbitrary<string> }),
  order: fc.array(fc.nat({ max: 99 }), { minLength: KEYS.length, maxLength: KEYS.length }),
  missing: fc.oneof({ weight: 40, arbitrary: fc.constant(-1) }, { weight: 1, arbitrary: fc.nat({ max: KEYS.length - 1 }) }),
  style: fc.nat({ max: 3 }),
  space: fc.constantFrom("", " ", "\t ", "  "),
  extra: fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(...EXTRA) }),
  // a key written twice (the first value is overwritten by the last, as JSON.parse keeps it)
  duplicate: fc.oneof({ weight: 8, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.record({ key: fc.constantFrom(...KEYS), value: fc.constantFrom("3", '"web"', "null", "[1]", '"x"') }) }),
  // a key written with an escape (\u0073core for score): JSON.parse reads the same key
  escapedKey: fc.oneof({ weight: 10, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(...KEYS) }),
  kind: fc.oneof({ weight: 60, arbitrary: fc.constant("row" as const) }, { weight: 1, arbitrary: fc.constant("malformed" as const) }, { weight: 2, arbitrary: fc.constant("blank" as const) }),
  malformed: fc.constantFrom(...MALFORMED),
  blank: fc.constantFrom("", " ", "\t", "\u00a0", "\r"),
});
type RowSpec = typeof rowArb extends fc.Arbitrary<infer T> ? T : never;

function ndjsonLine(r: RowSpec): string {
  if (r.kind === "malformed") return r.malformed;
  if (r.kind === "blank") return r.blank;
  const sp = r.space;
  const key = (k: string) => (r.escapedKey === k ? `"\\u${k.charCodeAt(0).toString(16).padStart(4, "0")}${k.slice(1)}"` : JSON.stringify(k));
  const text = (v: string) => (v.startsWith('"') ? writeString(JSON.parse(v) as string, r.style) : v);
  const pairs: string[] = [];
  const keys = KEYS.map((k, i) => ({ k, o: r.order[i]! })).sort((a, b) => a.o - b.o);
  keys.forEach(({ k }, i) => {
    if (r.missing >= 0 && KEYS[r.missing] === k) return;
    if (r.duplicate !== null && r.duplicate.key === k) pairs.push(`${key(k)}${sp}:${sp}${r.duplicate.value}`);
    pairs.push(`${key(k)}${sp}:${sp}${text(r.values[k])}`);
    if (r.extra !== null && i === 2) pairs.push(`"extra":${sp}${r.extra}`);
  });
  return `${sp}{${sp}${pairs.join(`${sp},${sp}`)}${sp}}${sp}`;
}

const fileArb = fc.record({
  rows: fc.array(rowArb, { maxLength: 60, size: "max" }),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  finalNewline: fc.boolean(),
  cuts: fc.array(fc.nat({ max: 6000 }), { maxLength: 6 }),
});
type FileSpec = typeof fileArb extends fc.Arbitrary<infer T> ? T : never;

function ndjsonText(f: FileSpec): Buffer {
  const nl = f.crlf ? "\r\n" : "\n";
  return Buffer.from((f.bom ? "\uFEFF" : "") + f.rows.map(ndjsonLine).join(nl) + (f.finalNewline ? nl : ""), "utf8");
}




const optionsArb = fc.record({
  invalid: fc.constantFrom("throw", "skip") as fc.Arbitrary<"throw" | "skip">,
  where: fc.constantFrom(undefined, { wave: "1" }, { channel: ["web", "app", "Téléphone", "5"] }, { solved: ["true", "1"] }),
  chunkSize: fc.constantFrom(1, 3, 7, 65_536),
  // lines run from about 60 to 200 characters: some are over
  maxRecordSize: fc.constantFrom(undefined, undefined, 120),
});

// ---------------------------------------------------------------------------------------------
// The scanner against JSON.parse
// ---------------------------------------------------------------------------------------------

describe("scanFlatObject accepts only what JSON.parse accepts, with the same values", () => {
  const names = [...KEYS, "extra"];
  const lineArb = fc.oneof(
    rowArb.map((r) => ndjsonLine({ ...r, kind: "row" })),
    fc.constantFrom(...MALFORMED),
    // a good line with one character changed, removed or doubled
    fc.tuple(rowArb, fc.nat(), fc.constantFrom(...'{}[]":,\\ \t\r0-.eE+tfnu"x\u0001é'.split("")), fc.constantFrom("replace", "remove", "insert")).map(([r, at, c, how]) => {
      const s = ndjsonLine({ ...r, kind: "row" });
      const i = at % (s.length + 1);
      return how === "replace" ? s.slice(0, i) + c + s.slice(i + 1) : how === "remove" ? s.slice(0, i) + s.slice(i + 1) : s.slice(0, i) + c + s.slice(i);
    }),
  );

  test("on random lines, some broken", () => {
    const kind = new Uint8Array(names.length);
    const from = new Int32Array(names.length);
    const to = new Int32Array(names.length);
    const seen = { accepted: 0, refused: 0, refusedValid: 0 };
    fc.assert(
      fc.property(lineArb, fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 }), (line, before, after) => {
        // the line inside a longer text: the scanner reads only its range
        const t = `${before}\n${line}\n${after}`;
        const s = before.length + 1;
        const accepted = scanFlatObject(t, s, s + line.length, flatKeys(names), kind, from, to);
        let parsed: unknown;
        let threw = false;
        try {
          parsed = JSON.parse(line);
        } catch {
          threw = true;
        }
        if (!accepted) {
          seen.refused++;
          if (!threw) seen.refusedValid++;
          return;
        }
        seen.accepted++;
        expect(threw, line).toBe(false);
        expect(parsed !== null && typeof parsed === "object" && !Array.isArray(parsed), line).toBe(true);
        const rec = parsed as Record<string, unknown>;
        names.forEach((n, f) => {
          const has = Object.hasOwn(rec, n);
          expect(kind[f] !== 0, `${line} key ${n}`).toBe(has);
          if (!has) return;
          const raw = t.slice(from[f], to[f]);
          const v = rec[n];
          const got = kind[f] === 1 ? raw : kind[f] === 2 ? JSON.parse(`"${raw}"`) : kind[f] === 3 ? Number(raw) : kind[f] === 4 ? true : kind[f] === 5 ? false : kind[f] === 6 ? null : { nested: raw };
          // a nested value is never accepted: every value the scanner reports is JSON.parse's
          expect(Object.is(got, v), `${line} key ${n}: ${String(got)} vs ${String(v)}`).toBe(true);
        });
      }),
      { numRuns: 3000 },
    );
    // both answers were given often, and valid lines the scanner leaves to JSON.parse are the nested/escaped-key ones
    expect(seen.accepted).toBeGreaterThan(800);
    expect(seen.refused).toBeGreaterThan(800);
    expect(seen.refusedValid).toBeGreaterThan(50);
  });

  test("examples: escapes, surrogate pairs, exponents, duplicates, nesting", () => {
    const kind = new Uint8Array(2);
    const from = new Int32Array(2);
    const to = new Int32Array(2);
    const scan = (t: string) => (scanFlatObject(t, 0, t.length, flatKeys(["a", "b"]), kind, from, to) ? [...kind].map((k, f) => (k === 0 ? undefined : t.slice(from[f], to[f]))) : false);
    expect(scan('{"a": "x\\"y", "b": -1.5E+3}')).toEqual(['x\\"y', "-1.5E+3"]);
    expect(scan('{"a":"\\ud83d\\ude42","b":"🙂"}')).toEqual(["\\ud83d\\ude42", "🙂"]);
    expect(scan('{"a": 1, "b": 2, "a": 3}')).toEqual(["3", "2"]);
    expect(scan('{"b": null}\r')).toEqual([undefined, "null"]);
    expect(scan("{}")).toEqual([undefined, undefined]);
    expect(scan('{"a": {"b": 1}}')).toBe(false);
    expect(scan('{"\\u0061": 1}')).toBe(false);
    expect(scan('{"a": 1,}')).toBe(false);
    expect(scan('{"a": 00}')).toBe(false);
    expect(scan('{"a": "\t"}')).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// The reader's columns against readRows' rows
// ---------------------------------------------------------------------------------------------

/** Rows as readRows gives them, or the columns as the NDJSON column reader gives them, as plain per-row values. */
async function rowsOf(bytes: Buffer, cuts: number[], o: object): Promise<unknown> {
  const r = readRowsIn("t", Readable.from(pieces(bytes, cuts)), { ...o, columns, format: "ndjson" });
  const out: unknown[] = [];
  for await (const chunk of r) {
    chunk.rows.forEach((row, i) => {
      const x: Record<string, unknown> = { line: chunk.lines[i] };
      for (const [k, type] of Object.entries(columns)) {
        const v = row[k];
        x[k] = type === "string" || type === "date" ? v : v === true ? 1 : v === false ? 0 : v === null ? NaN : v;
      }
      out.push(x);
    });
  }
  return { rows: out, stats: r.stats() };
}
async function columnsOf(bytes: Buffer, cuts: number[], o: object): Promise<unknown> {
  const numbers = ["score", "csat", "solved", "w"];
  const texts = ["channel", "wave", "day"];
  const r = readNdjsonColumnsIn("t", Readable.from(pieces(bytes, cuts)), { ...o, columns, format: "ndjson" }, { numbers, texts });
  const out: unknown[] = [];
  for await (const { batch, lines } of r) {
    for (let i = 0; i < batch.length; i++) {
      const x: Record<string, unknown> = { line: lines[i] };
      for (const k of Object.keys(columns)) {
        if (numbers.includes(k)) x[k] = batch.numbers.get(k)![i];
        else {
          const t = batch.texts.get(k)!;
          x[k] = t.codes[i]! < 0 ? null : t.values[t.codes[i]!];
        }
      }
      out.push(x);
    }
  }
  return { rows: out, stats: r.stats() };
}

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    return await run();
  } catch (e) {
    const x = e as { code?: string; message: string; details?: unknown };
    if (x.code === undefined) throw e;
    return { error: { code: x.code, message: x.message, details: x.details } };
  }
}

describe("readNdjsonColumnsIn reads what readRows reads", () => {
  test("values, lines, counts and errors on random files", { timeout: 120_000 }, async () => {
    const seen = { ok: 0, error: 0, rows: 0, badRows: 0 };
    await fc.assert(
      fc.asyncProperty(fileArb, optionsArb, async (f, o) => {
        const bytes = ndjsonText(f);
        const a = await failure(() => columnsOf(bytes, f.cuts, o));
        const b = await failure(() => rowsOf(bytes, f.cuts, o));
        // toEqual: NaN equals NaN, and −0 differs from 0
        expect(a).toEqual(b);
        const x = b as { rows?: unknown[]; stats?: { badRows: number } };
        if (x.rows === undefined) seen.error++;
        else {
          seen.ok++;
          seen.rows += x.rows.length;
          seen.badRows += x.stats!.badRows;
        }
      }),
      { numRuns: 300 },
    );
    expect(seen.ok).toBeGreaterThan(60);
    expect(seen.error).toBeGreaterThan(30);
    expect(seen.rows).toBeGreaterThan(1000);
    expect(seen.badRows).toBeGreaterThan(100);
  });

  test("fields an object inherits, two columns from one field, a filter on a field no column reads", async () => {
    const text = '{"constructor": 1, "s": "9", "k": "a"}\n{"s": 10, "k": "b"}\n{"s": 3, "toString": 2, "k": "a"}\n{"s": "7", "k": 5}\n';
    const cols = { c: { from: "constructor", type: "string" }, n: { from: "s", type: "number" }, t: { from: "s", type: "string" } } as const;
    for (const where of [undefined, { k: "a" }, { toString: "2" }] as (Record<string, string> | undefined)[]) {
      for (const invalid of ["throw", "skip"] as const) {
        const o = { columns: cols, where, invalid, format: "ndjson" as const };
        const rows = await failure(async () => {
          const r = readRowsIn("t", Readable.from([text]), o);
          const out: unknown[] = [];
          for await (const c of r) out.push(...c.rows.map((x) => [x.n === null ? NaN : x.n, x.t, x.c]));
          return { out, stats: r.stats() };
        });
        const cols2 = await failure(async () => {
          const r = readNdjsonColumnsIn("t", Readable.from([text]), o, { numbers: ["n"], texts: ["t", "c"] });
          const out: unknown[] = [];
          for await (const { batch } of r) {
            for (let i = 0; i < batch.length; i++) {
              const tx = (k: string) => (batch.texts.get(k)!.codes[i]! < 0 ? null : batch.texts.get(k)!.values[batch.texts.get(k)!.codes[i]!]);
              out.push([batch.numbers.get("n")![i], tx("t"), tx("c")]);
            }
          }
          return { out, stats: r.stats() };
        });
        expect(cols2).toEqual(rows);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Portfolios: columnar against rows
// ---------------------------------------------------------------------------------------------


describe("the columnar NDJSON path of summarizeFile and evaluateFile equals the row path", () => {
  test("summaries, counts and errors on random files", { timeout: 180_000 }, async () => {
    const seen = { ok: 0, error: 0 };
    await fc.assert(
      fc.asyncProperty(
        fileArb,
        optionsArb,
        fc.record({
          metricInvalid: fc.constantFrom("throw", "skip") as fc.Arbitrary<"throw" | "skip">,
          weighted: fc.boolean(),
          segmentBy: fc.constantFrom(undefined, "channel", ["channel", "wave"]),
          period: fc.constantFrom(undefined, "month", "day"),
        }),
        async (f, ro, o) => {
          const bytes = ndjsonText(f);
          const { columnar, rows } = portfolios(o.weighted, o.metricInvalid);
          const options = { format: "ndjson", columns, ...ro, segmentBy: o.segmentBy, ...(o.period === undefined ? {} : { period: o.period, date: "day", timeZone: "Europe/Paris" }) } as never;
          const a = await outcome(() => summarizeFile(Readable.from(pieces(bytes, f.cuts)), columnar, options));
          const b = await outcome(() => summarizeFile(Readable.from(pieces(bytes, f.cuts)), rows, options));
          expect(a).toEqual(b);
          const ra = await outcome(() => evaluateFile(Readable.from(pieces(bytes, f.cuts)), columnar, options));
          const rb = await outcome(() => evaluateFile(Readable.from(pieces(bytes, f.cuts)), rows, options));
          expect(ra).toEqual(rb);
          seen[(a as { ok?: unknown }).ok !== undefined ? "ok" : "error"]++;
        },
      ),
      { numRuns: 200 },
    );
    expect(seen.ok).toBeGreaterThan(30);
    expect(seen.error).toBeGreaterThan(10);
  });
});
