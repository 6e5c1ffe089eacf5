// The columnar reader of cx-metrics/node: a CSV file or stream read straight into typed columns,
// only the columns a portfolio needs kept (every typed column still checked, as readRows checks
// it), numbers parsed from the text without a string per field, text values interned per chunk,
// with the line of every row, the same bad rows, filters, counts and progress as readRows.
import type { ColumnBatch, TextColumn } from "../core/columnar";
import { fail } from "../core/errors";
import { type Column, convert, valueKind } from "./columns";
import { csvCutter } from "./csv-records";
import { openRead, type ReadRowsOptions, type ReadStats } from "./read";
import type { Source } from "./source";

/** A chunk of rows as columns, with the file line of each row. @internal */
export interface ColumnChunk {
  readonly batch: ColumnBatch;
  readonly lines: Float64Array;
}

/** The chunks of {@link readColumnsIn}, the counts so far, and a way to count rows left out. @internal */
export type ColumnReaderIn = AsyncIterable<ColumnChunk> & { stats(): ReadStats; skipRow(line: number, kind: string, reason: string): void; skipping: boolean };

/** The most rows in one chunk of columns (codes of two segment keys combine below 2^53). @internal */
export const MAX_CHUNK = 1 << 20;

/** Exact powers of ten 10^0..10^22 (each a double without rounding). */
const POW10 = /* @__PURE__ */ Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * The number written in `t[s..e)` when it is plain decimal notation (`-12`, `3.5`, `.5`, `7.`) of
 * at most 15 digits, else NaN (the caller converts the text the slow way). Exact: the digits make
 * an integer m < 10^15 (a double without rounding) and the value is m / 10^k, one correctly rounded
 * division of two exact doubles, so it equals `Number` of the text (Clinger's fast path).
 * @internal
 * @example
 * ```ts
 * [fastNumber("x,3.25,", 2, 6), fastNumber("-.5", 0, 3), fastNumber("1e3", 0, 3)]; //=> [3.25, -0.5, NaN]
 * ```
 */
export function fastNumber(t: string, s: number, e: number): number {
  let i = s;
  let neg = false;
  const c0 = t.charCodeAt(i);
  if (c0 === 45) {
    neg = true;
    i++;
  } else if (c0 === 43) i++;
  let m = 0;
  let digits = 0;
  let frac = -1;
  for (; i < e; i++) {
    const d = t.charCodeAt(i) - 48;
    if (d >= 0 && d <= 9) {
      m = m * 10 + d;
      digits++;
    } else if (d === -2 && frac < 0) frac = digits;
    else return NaN;
  }
  if (digits === 0 || digits > 15) return NaN;
  const x = frac < 0 || frac === digits ? m : m / POW10[digits - frac]!;
  return neg ? -x : x;
}

/**
 * 1 for true/yes/1, 0 for false/no/0 (ASCII letters in any case, no spaces), else NaN (the caller
 * converts the slow way, as `convert` does).
 * @internal
 * @example
 * ```ts
 * [fastBoolean("x,TRUE", 2, 6), fastBoolean("No", 0, 2), fastBoolean(" yes", 0, 4)]; //=> [1, 0, NaN]
 * ```
 */
export function fastBoolean(t: string, s: number, e: number): number {
  // c | 32 folds an ASCII capital to its small letter; no other character folds onto a letter compared here
  switch (e - s) {
    case 1: {
      const c = t.charCodeAt(s);
      return c === 49 ? 1 : c === 48 ? 0 : NaN;
    }
    case 2:
      return (t.charCodeAt(s) | 32) === 110 && (t.charCodeAt(s + 1) | 32) === 111 ? 0 : NaN;
    case 3:
      return (t.charCodeAt(s) | 32) === 121 && (t.charCodeAt(s + 1) | 32) === 101 && (t.charCodeAt(s + 2) | 32) === 115 ? 1 : NaN;
    case 4:
      return (t.charCodeAt(s) | 32) === 116 && (t.charCodeAt(s + 1) | 32) === 114 && (t.charCodeAt(s + 2) | 32) === 117 && (t.charCodeAt(s + 3) | 32) === 101 ? 1 : NaN;
    case 5:
      return (t.charCodeAt(s) | 32) === 102 && (t.charCodeAt(s + 1) | 32) === 97 && (t.charCodeAt(s + 2) | 32) === 108 && (t.charCodeAt(s + 3) | 32) === 115 && (t.charCodeAt(s + 4) | 32) === 101 ? 0 : NaN;
    default:
      return NaN;
  }
}

/**
 * A dictionary of text values: `code(t, s, e)` gives the code of the text `t[s..e)`, the same code
 * for the same text, new codes in order of first appearance (open addressing on an FNV-1a hash of
 * the characters; a string is made only for a new value).
 * @internal
 * @example
 * ```ts
 * const d = new Dictionary();
 * [d.code("web,app", 0, 3), d.code("web,app", 4, 7), d.code("web", 0, 3), d.values]; //=> [0, 1, 0, ["web", "app"]]
 * ```
 */
export class Dictionary {
  values: string[] = [];
  private hashes: number[] = [];
  private table = new Int32Array(256);
  private mask = 255;

  /** Forget every value (a new dictionary; the old values array is left to its holder). */
  reset(): void {
    if (this.values.length === 0) return;
    this.values = [];
    this.hashes = [];
    this.table.fill(0);
  }

  code(t: string, s: number, e: number): number {
    let h = 0x811c9dc5 ^ (e - s);
    for (let i = s; i < e; i++) h = Math.imul(h ^ t.charCodeAt(i), 0x01000193);
    const table = this.table;
    const mask = this.mask;
    let slot = h & mask;
    for (let c = table[slot]!; c !== 0; c = table[slot]!) {
      const v = this.values[c - 1]!;
      if (this.hashes[c - 1] === h && v.length === e - s && t.startsWith(v, s)) return c - 1;
      slot = (slot + 1) & mask;
    }
    const code = this.values.length;
    this.values.push(t.slice(s, e));
    this.hashes.push(h);
    table[slot] = code + 1;
    if (2 * this.values.length > table.length) this.grow();
    return code;
  }

  private grow(): void {
    const table = new Int32Array(this.table.length * 2);
    const mask = table.length - 1;
    for (let c = 0; c < this.values.length; c++) {
      let slot = this.hashes[c]! & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = c + 1;
    }
    this.table = table;
    this.mask = mask;
  }
}

const enum Num {
  Number,
  Integer,
  Boolean,
}

/** A typed column of the file: checked on every row, held when `out` is set. */
interface NumberTarget {
  field: number;
  type: Num;
  column: Column;
  name: string;
  keep: boolean;
}

interface TextTarget {
  field: number;
  name: string;
  dict: Dictionary;
}

interface FilterTarget {
  field: number;
  values: ReadonlySet<string>;
  dict: Dictionary;
  /** Per code: 1 kept, 0 left out, −1 not known yet. */
  pass: Int8Array;
}

/**
 * Read a CSV file or stream as chunks of columns: `keep.numbers` (number, integer or boolean
 * columns of `options.columns`, a boolean as 1/0, a missing value as NaN) and `keep.texts` (string
 * or date columns, as dictionary codes, −1 for missing). Every typed column is checked on every row
 * as {@link readRows} checks it, so the same rows are bad, filtered and counted, with the same
 * messages and lines; records are cut by the same CSV cutter (quoted fields, CRLF, a byte-order
 * mark, an unclosed quote at its line).
 *
 * Time: one pass over the text; a line without quotes makes no string per field (numbers are
 * parsed from the characters, text values interned), so memory is the chunk's typed arrays.
 * @param fn - The public function, first in errors.
 * @param source - A path, URL, stream or async iterable.
 * @param options - The reading options (`columns` required, CSV).
 * @param keep - The columns to hold, by output name.
 * @returns The chunks, with `stats()`, `skipRow` and `skipping` as the row reader.
 * @internal
 * @example
 * ```ts
 * import { Readable } from "node:stream";
 * const r = readColumnsIn("f", Readable.from(["ch,s\nweb,9\napp,\n"]), { format: "csv", columns: { s: "number", ch: "string" } }, { numbers: ["s"], texts: ["ch"] });
 * const out = [];
 * for await (const c of r) out.push([...c.batch.numbers.get("s")], c.batch.texts.get("ch").values, [...c.lines]);
 * out; //=> [[9, NaN], ["web", "app"], [2, 3]]
 * ```
 */
export function readColumnsIn(fn: string, source: Source, options: ReadRowsOptions, keep: { numbers: readonly string[]; texts: readonly string[] }): ColumnReaderIn {
  const setup = openRead(fn, source, options);
  const { columns, filters, skip, maxRecordSize, delimiter, stats, progress, skipRow, bad, text, snapshot } = setup;
  if (setup.format !== "csv" || columns === null) return fail(fn, "INVALID_OPTION", "the column reader reads CSV with columns");
  const typed: Column[] = columns;
  const chunkSize = Math.min(setup.chunkSize, MAX_CHUNK);
  const DELIM = delimiter.charCodeAt(0);

  async function* generate(): AsyncGenerator<ColumnChunk> {
    let fieldCount = -1;
    let numbers: NumberTarget[] = [];
    let texts: TextTarget[] = [];
    let filterTargets: FilterTarget[] = [];
    let starts = new Int32Array(0);
    let ends = new Int32Array(0);
    // the chunk being filled
    let len = 0;
    let lines = new Float64Array(chunkSize);
    let numberOut: Float64Array[] = [];
    let codeOut: Int32Array[] = [];
    const ready: ColumnChunk[] = [];

    const newChunk = (): void => {
      len = 0;
      lines = new Float64Array(chunkSize);
      numberOut = numbers.filter((x) => x.keep).map(() => new Float64Array(chunkSize));
      codeOut = texts.map(() => new Int32Array(chunkSize));
      for (const x of texts) x.dict.reset();
      for (const x of filterTargets) {
        x.dict.reset();
        x.pass = new Int8Array(64).fill(-1);
      }
    };
    const flush = (): void => {
      if (len === 0) return;
      const numberMap = new Map<string, Float64Array>();
      let k = 0;
      for (const x of numbers) if (x.keep) numberMap.set(x.name, numberOut[k++]!.subarray(0, len));
      const textMap = new Map<string, TextColumn>();
      texts.forEach((x, j) => textMap.set(x.name, { codes: codeOut[j]!.subarray(0, len), values: x.dict.values }));
      ready.push({ batch: { length: len, numbers: numberMap, texts: textMap }, lines: lines.subarray(0, len) });
      newChunk();
    };

    const header = (fields: string[]): void => {
      const names = fields.map((h) => h.trim());
      const wanted = [...typed.map((c) => c.from), ...filters.map((f) => f.from)];
      const missing = [...new Set(wanted.filter((c) => !names.includes(c)))];
      if (missing.length > 0) fail(fn, "INVALID_OPTION", `the file has no column ${missing.map((c) => `"${c}"`).join(", ")} (its columns: ${names.join(", ")})`, undefined, { missing, columns: names });
      fieldCount = names.length;
      starts = new Int32Array(fieldCount);
      ends = new Int32Array(fieldCount);
      for (const c of typed) {
        const f = names.indexOf(c.from);
        if (c.type === "number" || c.type === "integer" || c.type === "boolean") {
          numbers.push({ field: f, type: c.type === "number" ? Num.Number : c.type === "integer" ? Num.Integer : Num.Boolean, column: c, name: c.name, keep: keep.numbers.includes(c.name) });
        } else if (keep.texts.includes(c.name)) texts.push({ field: f, name: c.name, dict: new Dictionary() });
      }
      filterTargets = filters.map((x) => ({ field: names.indexOf(x.from), values: x.values, dict: new Dictionary(), pass: new Int8Array(64).fill(-1) }));
      newChunk();
    };

    /** The row whose fields are t[starts[f]..ends[f]): checked, filtered and held. */
    const take = (t: string, line: number): void => {
      for (let k = 0; k < filterTargets.length; k++) {
        const x = filterTargets[k]!;
        const f = x.field;
        const code = x.dict.code(t, starts[f]!, ends[f]!);
        if (code >= x.pass.length) {
          const grown = new Int8Array(2 * code + 2).fill(-1);
          grown.set(x.pass);
          x.pass = grown;
        }
        let pass = x.pass[code]!;
        if (pass < 0) x.pass[code] = pass = x.values.has(x.dict.values[code]!) ? 1 : 0;
        if (pass === 0) {
          stats.rows++;
          stats.filteredRows++;
          return;
        }
      }
      let held = 0;
      for (let k = 0; k < numbers.length; k++) {
        const x = numbers[k]!;
        const s = starts[x.field]!;
        const e = ends[x.field]!;
        let v: number;
        if (s === e) v = NaN;
        else {
          v = x.type === Num.Boolean ? fastBoolean(t, s, e) : fastNumber(t, s, e);
          if (v !== v || (x.type === Num.Integer && !Number.isInteger(v))) {
            let slow: unknown;
            try {
              slow = convert(t.slice(s, e), x.column.type);
            } catch (reason) {
              if (typeof reason !== "string") throw reason;
              return bad(line, valueKind(x.column), `column "${x.column.from}": ${reason}`);
            }
            v = slow === true ? 1 : slow === false ? 0 : slow === null ? NaN : (slow as number);
          }
        }
        if (x.keep) numberOut[held++]![len] = v;
      }
      for (let k = 0; k < texts.length; k++) {
        const x = texts[k]!;
        const f = x.field;
        codeOut[k]![len] = starts[f] === ends[f] ? -1 : x.dict.code(t, starts[f]!, ends[f]!);
      }
      lines[len] = line;
      len++;
      stats.rows++;
      if (len === chunkSize) flush();
    };

    const cutter = csvCutter(fn, delimiter, maxRecordSize, skip, {
      bad: (line, kind, reason) => bad(line, kind, reason),
      record(fields, line) {
        if (fieldCount < 0) return header(fields);
        if (fields.length !== fieldCount) return bad(line, "field count", `expected ${fieldCount} fields, got ${fields.length}`);
        // the fields end to end in one text, each at its range
        let at = 0;
        for (let f = 0; f < fieldCount; f++) {
          starts[f] = at;
          at += fields[f]!.length;
          ends[f] = at;
        }
        take(fields.join(""), line);
      },
      lines(t, from, to, first, oversize) {
        let line = first;
        let p = from; // start of the record
        let fs = from; // start of the field
        let f = 0;
        for (let i = from; i < to; i++) {
          const c = t.charCodeAt(i);
          if (c === DELIM) {
            if (f < fieldCount) {
              starts[f] = fs;
              ends[f] = i;
            }
            f++;
            fs = i + 1;
          } else if (c === 10) {
            const e = i > p && t.charCodeAt(i - 1) === 13 ? i - 1 : i;
            if (e - p > maxRecordSize) oversize(line);
            else if (e > p) {
              if (fieldCount < 0) header(t.slice(p, e).split(delimiter));
              else {
                if (f < fieldCount) {
                  starts[f] = fs;
                  ends[f] = e;
                }
                f++;
                if (f !== fieldCount) bad(line, "field count", `expected ${fieldCount} fields, got ${f}`);
                else take(t, line);
              }
            }
            line++;
            p = fs = i + 1;
            f = 0;
          }
        }
        return line - first;
      },
    });
    for await (const t of text()) {
      cutter.push(t);
      for (; ready.length > 0; progress(false)) yield ready.shift()!;
    }
    cutter.end();
    if (fieldCount < 0) fail(fn, "EMPTY_INPUT", "expected a CSV header line, the file is empty");
    flush();
    for (; ready.length > 0; progress(false)) yield ready.shift()!;
    progress(true);
  }

  return { [Symbol.asyncIterator]: () => generate(), stats: snapshot, skipRow, skipping: skip };
}
