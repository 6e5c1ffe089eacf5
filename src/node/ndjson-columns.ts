// The NDJSON column reader of cx-metrics/node: an NDJSON file or stream read straight into typed
// columns, as ./column-reader reads CSV. A line that is a flat JSON object (strings, numbers,
// true/false/null) is scanned in place: the fields the columns and filters need are found in the
// text, numbers parsed from their characters and strings without escapes interned, with no object
// and no string per line. Any other line (nested values, escapes in keys, malformed JSON, not an
// object) and the first record are read by JSON.parse and converted as readRows converts them, so
// the same rows are bad, filtered and counted, with the same messages and lines.
import type { TextColumn } from "../core/columnar";
import { fail } from "../core/errors";
import { describe } from "../core/input";
import { type ColumnChunk, type ColumnReaderIn, Dictionary, fastBoolean, fastNumber, MAX_CHUNK } from "./column-reader";
import { type Column, convert, filterText, valueKind } from "./columns";
import { ndjsonCutter } from "./json-records";
import { openRead, type ReadRowsOptions } from "./read";
import type { Source } from "./source";

/** What the scanner found for a field on a line. */
const enum V {
  Absent,
  /** A string without escapes: its characters are the value. */
  Text,
  /** A string with escapes (the range holds its raw characters, quotes excluded). */
  Escaped,
  Number,
  True,
  False,
  Null,
}

const enum T {
  Number,
  Integer,
  Boolean,
  String,
  Date,
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isHex = (c: number): boolean => (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 102);

/** The keys {@link scanFlatObject} looks for, with the hash of each as it computes it while it reads a key. @internal */
export interface FlatKeys {
  readonly names: readonly string[];
  readonly hashes: Int32Array;
}

/**
 * The {@link FlatKeys} of a list of field names.
 * @internal
 * @example
 * ```ts
 * flatKeys(["s", "ch"]).names; //=> ["s", "ch"]
 * ```
 */
export function flatKeys(names: readonly string[]): FlatKeys {
  const hashes = new Int32Array(names.length);
  names.forEach((name, k) => {
    let h = 0;
    for (let q = 0; q < name.length; q++) h = (Math.imul(h, 31) + name.charCodeAt(q)) | 0;
    hashes[k] = h;
  });
  return { names, hashes };
}

/** The first index from `i` that is not JSON whitespace (space, tab, line feed, carriage return), or `e`. */
function skipSpace(t: string, i: number, e: number): number {
  for (; i < e; i++) {
    const c = t.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 10) return i;
  }
  return e;
}

/** The end of the JSON number that starts at `i` (`-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?`), or −1. */
function numberEnd(t: string, i: number, e: number): number {
  if (t.charCodeAt(i) === 45) i++;
  if (i >= e) return -1;
  const c = t.charCodeAt(i);
  if (c === 48) i++;
  else if (c >= 49 && c <= 57) for (i++; i < e && isDigit(t.charCodeAt(i)); ) i++;
  else return -1;
  if (i < e && t.charCodeAt(i) === 46) {
    if (++i >= e || !isDigit(t.charCodeAt(i))) return -1;
    for (i++; i < e && isDigit(t.charCodeAt(i)); ) i++;
  }
  if (i < e && (t.charCodeAt(i) | 32) === 101) {
    i++;
    if (i < e && (t.charCodeAt(i) === 43 || t.charCodeAt(i) === 45)) i++;
    if (i >= e || !isDigit(t.charCodeAt(i))) return -1;
    for (i++; i < e && isDigit(t.charCodeAt(i)); ) i++;
  }
  return i;
}

/**
 * Scan `t[s..e)` as a flat JSON object: `{`, then `"key": value` pairs separated by commas, then
 * `}`, with JSON whitespace around, each value a string, a number, `true`, `false` or `null`. For
 * each key of `keys` (from {@link flatKeys}), `kind`, `from` and `to` get what the line holds (the last occurrence when a
 * key repeats, as JSON.parse keeps it): the value's kind and its range (a string's without quotes).
 * Returns `false`, without an error, for anything else (a nested value, an escape in a key, any
 * text JSON.parse would refuse): the caller reads such a line with JSON.parse. Every line accepted
 * is one JSON.parse accepts, with the same values for the keys. O(characters of the line).
 * @internal
 * @example
 * ```ts
 * const kind = new Uint8Array(2), from = new Int32Array(2), to = new Int32Array(2);
 * const t = '{"s": 9, "ch": "web", "x": 1e3}';
 * [scanFlatObject(t, 0, t.length, flatKeys(["s", "ch"]), kind, from, to), [...kind], t.slice(from[1], to[1])]; //=> [true, [3, 1], "web"]
 * scanFlatObject('{"s": {"a": 1}}', 0, 15, flatKeys(["s"]), kind, from, to); //=> false
 * ```
 */
export function scanFlatObject(t: string, s: number, e: number, keys: FlatKeys, kind: Uint8Array, from: Int32Array, to: Int32Array): boolean {
  const { names, hashes } = keys;
  for (let f = 0; f < kind.length; f++) kind[f] = V.Absent;
  let i = skipSpace(t, s, e);
  if (i >= e || t.charCodeAt(i) !== 123) return false;
  i = skipSpace(t, i + 1, e);
  if (i < e && t.charCodeAt(i) === 125) return skipSpace(t, i + 1, e) === e;
  for (;;) {
    // the key: a string without escapes
    if (i >= e || t.charCodeAt(i) !== 34) return false;
    const ks = i + 1;
    let j = ks;
    let h = 0;
    for (; j < e; j++) {
      const c = t.charCodeAt(j);
      if (c === 34) break;
      if (c === 92 || c < 32) return false;
      h = (Math.imul(h, 31) + c) | 0;
    }
    if (j >= e) return false;
    // the field of the key: its hash and length first, then its characters
    const n = j - ks;
    let f = -1;
    for (let k = 0; k < names.length; k++) {
      const name = names[k]!;
      if (hashes[k] !== h || name.length !== n) continue;
      let q = 0;
      while (q < n && name.charCodeAt(q) === t.charCodeAt(ks + q)) q++;
      if (q === n) {
        f = k;
        break;
      }
    }
    i = skipSpace(t, j + 1, e);
    if (i >= e || t.charCodeAt(i) !== 58) return false;
    i = skipSpace(t, i + 1, e);
    if (i >= e) return false;
    // the value
    const c = t.charCodeAt(i);
    let k: V;
    let a = i;
    let b: number;
    if (c === 34) {
      k = V.Text;
      a = i + 1;
      for (j = a; j < e; j++) {
        const d = t.charCodeAt(j);
        if (d === 34) break;
        if (d < 32) return false;
        if (d === 92) {
          k = V.Escaped;
          if (++j >= e) return false;
          const x = t.charCodeAt(j);
          if (x === 117) {
            if (j + 4 >= e || !isHex(t.charCodeAt(j + 1)) || !isHex(t.charCodeAt(j + 2)) || !isHex(t.charCodeAt(j + 3)) || !isHex(t.charCodeAt(j + 4))) return false;
            j += 4;
          } else if (x !== 34 && x !== 92 && x !== 47 && x !== 98 && x !== 102 && x !== 110 && x !== 114 && x !== 116) return false;
        }
      }
      if (j >= e) return false;
      b = j;
      i = j + 1;
    } else if (c === 45 || isDigit(c)) {
      b = numberEnd(t, i, e);
      if (b < 0) return false;
      k = V.Number;
      i = b;
    } else if (c === 116 && i + 4 <= e && t.charCodeAt(i + 1) === 114 && t.charCodeAt(i + 2) === 117 && t.charCodeAt(i + 3) === 101) {
      k = V.True;
      i = b = i + 4;
    } else if (c === 102 && i + 5 <= e && t.charCodeAt(i + 1) === 97 && t.charCodeAt(i + 2) === 108 && t.charCodeAt(i + 3) === 115 && t.charCodeAt(i + 4) === 101) {
      k = V.False;
      i = b = i + 5;
    } else if (c === 110 && i + 4 <= e && t.charCodeAt(i + 1) === 117 && t.charCodeAt(i + 2) === 108 && t.charCodeAt(i + 3) === 108) {
      k = V.Null;
      i = b = i + 4;
    } else return false;
    if (f >= 0) {
      kind[f] = k;
      from[f] = a;
      to[f] = b;
    }
    i = skipSpace(t, i, e);
    if (i >= e) return false;
    const d = t.charCodeAt(i);
    if (d === 125) return skipSpace(t, i + 1, e) === e;
    if (d !== 44) return false;
    i = skipSpace(t, i + 1, e);
  }
}

/** The JSON value of a field the scanner found (not absent, not null). */
function valueOf(k: V, t: string, a: number, b: number): unknown {
  switch (k) {
    case V.Text:
      return t.slice(a, b);
    case V.Escaped:
      // the string with its quotes, checked by the scanner: JSON.parse decodes the escapes
      return JSON.parse(t.slice(a - 1, b + 1)) as string;
    case V.Number:
      return Number(t.slice(a, b));
    case V.True:
      return true;
    case V.False:
      return false;
    default:
      return null;
  }
}

/** A column of the file, checked on every row; its values held in column `out` (−1: not held). */
interface Target {
  column: Column;
  field: number;
  type: T;
  out: number;
  dict: Dictionary | null;
}

interface FilterTarget {
  field: number;
  from: string;
  values: ReadonlySet<string>;
  dict: Dictionary;
  /** Per code: 1 kept, 0 left out, −1 not known yet. */
  pass: Int8Array;
}

/**
 * Read an NDJSON file or stream as chunks of columns, as {@link readColumnsIn} reads CSV:
 * `keep.numbers` (number, integer or boolean columns of `options.columns`, a boolean as 1/0, a
 * missing value as NaN) and `keep.texts` (string or date columns, as dictionary codes, −1 for
 * missing). Every column is checked on every row as {@link readRows} checks it (a JSON number in a
 * string column is its `String`, a JSON string in a number column must read as a number, a missing
 * key, `null` and `""` are missing values), and `where` compares the same texts, so the same rows
 * are bad, filtered and counted, with the same messages and lines. The first record must hold
 * every column's field (`INVALID_OPTION`), as for readRows.
 *
 * Time: one pass over the text. A line that is a flat JSON object within one text chunk makes no
 * object and no string (numbers parsed from the characters, strings without escapes interned);
 * other lines cost one JSON.parse, as in readRows. Memory: the chunk's typed arrays.
 * @param fn - The public function, first in errors.
 * @param source - A path, URL, stream or async iterable.
 * @param options - The reading options (`columns` required, NDJSON).
 * @param keep - The columns to hold, by output name.
 * @returns The chunks, with `stats()`, `skipRow` and `skipping` as the row reader.
 * @internal
 * @example
 * ```ts
 * import { Readable } from "node:stream";
 * const text = '{"ch": "web", "s": 9}\n{"s": null, "ch": "app", "x": [1]}\n{"ch": "web", "s": "1e1"}\n';
 * const r = readNdjsonColumnsIn("f", Readable.from([text]), { format: "ndjson", columns: { s: "number", ch: "string" } }, { numbers: ["s"], texts: ["ch"] });
 * const out = [];
 * for await (const c of r) out.push([...c.batch.numbers.get("s")], [...c.batch.texts.get("ch").codes], c.batch.texts.get("ch").values, [...c.lines]);
 * out; //=> [[9, NaN, 10], [0, 1, 0], ["web", "app"], [1, 2, 3]]
 * ```
 */
export function readNdjsonColumnsIn(fn: string, source: Source, options: ReadRowsOptions, keep: { numbers: readonly string[]; texts: readonly string[] }): ColumnReaderIn {
  const setup = openRead(fn, source, options);
  const { columns, filters, skip, maxRecordSize, stats, progress, skipRow, bad, text, snapshot } = setup;
  if (setup.format !== "ndjson" || columns === null) return fail(fn, "INVALID_OPTION", "the NDJSON column reader reads NDJSON with columns");
  const typed: Column[] = columns;
  const chunkSize = Math.min(setup.chunkSize, MAX_CHUNK);
  // the fields the rows need, each once
  const names = [...new Set([...typed.map((c) => c.from), ...filters.map((x) => x.from)])];
  const keys = flatKeys(names);
  // a field an object inherits (toString, __proto__) reads as JSON.parse's object has it: every line is parsed
  const parseAll = names.some((x) => x in Object.prototype);

  async function* generate(): AsyncGenerator<ColumnChunk> {
    // what the scanner found on the line being read
    const kind = new Uint8Array(names.length);
    const from = new Int32Array(names.length);
    const to = new Int32Array(names.length);
    const typeOf = { number: T.Number, integer: T.Integer, boolean: T.Boolean, string: T.String, date: T.Date } as const;
    let numberCount = 0;
    let textCount = 0;
    const targets: Target[] = typed.map((c) => {
      const type = typeOf[c.type];
      const numeric = type === T.Number || type === T.Integer || type === T.Boolean;
      const held = numeric ? keep.numbers.includes(c.name) : keep.texts.includes(c.name);
      return { column: c, field: names.indexOf(c.from), type, out: !held ? -1 : numeric ? numberCount++ : textCount++, dict: held && !numeric ? new Dictionary() : null };
    });
    const numberTargets = targets.filter((x) => x.out >= 0 && x.dict === null);
    const textTargets = targets.filter((x) => x.dict !== null);
    const filterTargets: FilterTarget[] = filters.map((x) => ({ field: names.indexOf(x.from), from: x.from, values: x.values, dict: new Dictionary(), pass: new Int8Array(64).fill(-1) }));
    /** The text value of each held text column on the row being read, when it is not in the line as is. */
    const textValues: (string | null | undefined)[] = new Array<string | null | undefined>(textCount).fill(undefined);
    // the chunk being filled
    let first = true;
    let len = 0;
    let lines = new Float64Array(0);
    let numberOut: Float64Array[] = [];
    let codeOut: Int32Array[] = [];
    const ready: ColumnChunk[] = [];

    const newChunk = (): void => {
      len = 0;
      lines = new Float64Array(chunkSize);
      numberOut = numberTargets.map(() => new Float64Array(chunkSize));
      codeOut = textTargets.map(() => new Int32Array(chunkSize));
      for (const x of textTargets) x.dict!.reset();
      for (const x of filterTargets) {
        x.dict.reset();
        x.pass = new Int8Array(64).fill(-1);
      }
    };
    const flush = (): void => {
      if (len === 0) return;
      const numberMap = new Map<string, Float64Array>();
      numberTargets.forEach((x, j) => numberMap.set(x.column.name, numberOut[j]!.subarray(0, len)));
      const textMap = new Map<string, TextColumn>();
      textTargets.forEach((x, j) => textMap.set(x.column.name, { codes: codeOut[j]!.subarray(0, len), values: x.dict!.values }));
      ready.push({ batch: { length: len, numbers: numberMap, texts: textMap }, lines: lines.subarray(0, len) });
      newChunk();
    };
    newChunk();

    /** Convert a value as readRows does; `undefined` when the row is bad (counted or thrown). */
    const slow = (x: Target, v: unknown, line: number): unknown => {
      try {
        return convert(v, x.column.type);
      } catch (reason) {
        if (typeof reason !== "string") throw reason;
        bad(line, valueKind(x.column), `column "${x.column.from}": ${reason}`);
        return undefined;
      }
    };
    const hold = (): void => {
      len++;
      stats.rows++;
      if (len === chunkSize) flush();
    };

    /** A row scanned in place: `kind`, `from` and `to` describe its fields in `t`. */
    const takeScanned = (t: string, line: number): void => {
      for (let k = 0; k < filterTargets.length; k++) {
        const x = filterTargets[k]!;
        const f = x.field;
        const vk = kind[f]!;
        let pass: boolean;
        if (vk === V.Text) {
          const code = x.dict.code(t, from[f]!, to[f]!);
          if (code >= x.pass.length) {
            const grown = new Int8Array(2 * code + 2).fill(-1);
            grown.set(x.pass);
            x.pass = grown;
          }
          let p = x.pass[code]!;
          if (p < 0) x.pass[code] = p = x.values.has(x.dict.values[code]!) ? 1 : 0;
          pass = p === 1;
        } else if (vk === V.Absent || vk === V.Null) pass = false;
        else pass = x.values.has(filterText(valueOf(vk, t, from[f]!, to[f]!))!);
        if (!pass) {
          stats.rows++;
          stats.filteredRows++;
          return;
        }
      }
      for (let k = 0; k < targets.length; k++) {
        const x = targets[k]!;
        const f = x.field;
        const vk = kind[f]!;
        const a = from[f]!;
        const b = to[f]!;
        if (x.dict !== null) {
          // a text column: a string as is, anything else converted (a number in a string column is its String; a date column takes text only)
          const s = vk === V.Text ? undefined : vk === V.Absent || vk === V.Null ? null : (slow(x, valueOf(vk, t, a, b), line) as string | null | undefined);
          if (s === undefined && vk !== V.Text) return;
          textValues[x.out] = s;
          continue;
        }
        if (x.type === T.String || x.type === T.Date) {
          // a column not held: checked only
          if (vk !== V.Text && vk !== V.Absent && vk !== V.Null && slow(x, valueOf(vk, t, a, b), line) === undefined) return;
          continue;
        }
        let v: number;
        if (vk === V.Absent || vk === V.Null || (vk === V.Text && a === b)) v = NaN;
        else {
          if (x.type === T.Boolean) v = vk === V.True ? 1 : vk === V.False ? 0 : vk === V.Text ? fastBoolean(t, a, b) : NaN;
          else {
            v = vk === V.Number || vk === V.Text ? fastNumber(t, a, b) : NaN;
            if (v !== v && vk === V.Number) v = Number(t.slice(a, b));
            if (x.type === T.Integer && !Number.isInteger(v)) v = NaN;
            else if (v === Infinity || v === -Infinity) v = NaN;
          }
          if (v !== v) {
            const r = slow(x, valueOf(vk, t, a, b), line);
            if (r === undefined) return;
            v = r === true ? 1 : r === false ? 0 : r === null ? NaN : (r as number);
          }
        }
        if (x.out >= 0) numberOut[x.out]![len] = v;
      }
      // every column read: the texts interned
      for (let k = 0; k < textTargets.length; k++) {
        const x = textTargets[k]!;
        const s = textValues[k];
        const f = x.field;
        codeOut[k]![len] = s === undefined ? (from[f] === to[f] ? -1 : x.dict!.code(t, from[f]!, to[f]!)) : s === null ? -1 : x.dict!.code(s, 0, s.length);
      }
      lines[len] = line;
      hold();
    };

    /** A row read by JSON.parse, converted as readRows converts it. */
    const takeParsed = (rec: Record<string, unknown>, line: number): void => {
      for (const x of filterTargets) {
        const s = filterText(rec[x.from]);
        if (s === null || !x.values.has(s)) {
          stats.rows++;
          stats.filteredRows++;
          return;
        }
      }
      for (const x of targets) {
        const r = slow(x, rec[x.column.from], line);
        if (r === undefined) return;
        if (x.dict !== null) textValues[x.out] = r as string | null;
        else if (x.out >= 0) numberOut[x.out]![len] = r === true ? 1 : r === false ? 0 : r === null ? NaN : (r as number);
      }
      for (let k = 0; k < textTargets.length; k++) {
        const s = textValues[k] as string | null;
        codeOut[k]![len] = s === null ? -1 : textTargets[k]!.dict!.code(s, 0, s.length);
      }
      lines[len] = line;
      hold();
    };

    const record = (t: string, s: number, e: number, line: number): void => {
      if (!first && !parseAll && scanFlatObject(t, s, e, keys, kind, from, to)) return takeScanned(t, line);
      let value: unknown;
      try {
        value = JSON.parse(s === 0 && e === t.length ? t : t.slice(s, e));
      } catch (err) {
        return bad(line, "malformed JSON", `malformed JSON (${(err as Error).message})`);
      }
      if (value === null || typeof value !== "object" || Array.isArray(value)) return bad(line, "not a JSON object", `expected a JSON object, got ${describe(value)}`);
      const rec = value as Record<string, unknown>;
      if (first) {
        const missing = typed.filter((c) => !(c.from in rec));
        if (missing.length > 0) fail(fn, "INVALID_OPTION", `the first record (line ${line}) has no field ${missing.map((c) => `"${c.from}"`).join(", ")} (its fields: ${Object.keys(rec).join(", ")})`, undefined, { missing: missing.map((c) => c.from) });
        first = false;
      }
      takeParsed(rec, line);
    };

    const cutter = ndjsonCutter(fn, maxRecordSize, skip, {
      bad: (line, kind, reason) => bad(line, kind, reason),
      record: (s, line) => record(s, 0, s.length, line),
      line: record,
    });
    for await (const t of text()) {
      cutter.push(t);
      for (; ready.length > 0; progress(false)) yield ready.shift()!;
    }
    cutter.end();
    flush();
    for (; ready.length > 0; progress(false)) yield ready.shift()!;
    progress(true);
  }

  return { [Symbol.asyncIterator]: () => generate(), stats: snapshot, skipRow, skipping: skip };
}
