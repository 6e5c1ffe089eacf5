import { createReadStream, statSync } from "node:fs";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { parse as parseSync } from "csv-parse/sync";
import { CxMetricsError, fail } from "../core/errors";
import { describe, readChoice, readOptions } from "../core/input";

/**
 * Type of a column read from a file: values are converted and checked (`""` and `null` are missing
 * values, read as `null`).
 *
 * - `"number"`: a finite decimal number (`"3.5"`, `"-2e3"`); anything else is a bad row.
 * - `"integer"`: a whole number.
 * - `"boolean"`: `true`/`false`, `1`/`0`, `yes`/`no` (any case).
 * - `"string"`: the text as is (`""` stays `""`).
 * - `"date"`: the text, kept for the metrics to read as a date (they check it).
 * @category Node
 */
export type ColumnType = "number" | "integer" | "boolean" | "string" | "date";

/**
 * A column of the rows read: the field's name in the file (`from`, default the same name) and its
 * type (default `"string"`).
 * @category Node
 */
export interface ColumnSpec {
  from?: string;
  type?: ColumnType;
}

/**
 * Reading progress, passed to `onProgress`.
 * @category Node
 */
export interface ReadProgress {
  /** Rows read so far (bad rows included). */
  rows: number;
  /** Bad rows skipped (with `onBadRow: "skip"`). */
  badRows: number;
  /** Bytes read. */
  bytes: number;
  /** File size when known (a file path), otherwise `null`. */
  totalBytes: number | null;
  elapsedMs: number;
  rowsPerSecond: number;
  /** `true` on the last call. */
  done: boolean;
}

/**
 * Options of {@link readRows}.
 * @category Node
 */
export interface ReadRowsOptions {
  /** `"csv"`, `"ndjson"` (one JSON object per line) or `"json"` (an array of objects). Default: from the file's extension (`.csv`, `.tsv`, `.ndjson`/`.jsonl`, `.json`), else CSV. */
  format?: "csv" | "ndjson" | "json";
  /** The fields to keep, by output name: a type or a {@link ColumnSpec}. Default: every column, CSV values as strings. */
  columns?: Readonly<Record<string, ColumnType | ColumnSpec>>;
  /** CSV field delimiter; default `","` (`"\t"` for `.tsv`). */
  delimiter?: string;
  /** Text encoding: `"utf8"` (default; invalid bytes are an error), `"utf16le"` or `"latin1"`. */
  encoding?: "utf8" | "utf16le" | "latin1";
  /** `"throw"` (default): the first bad row stops the read with its line number; `"skip"`: bad rows are counted and left out. */
  onBadRow?: "throw" | "skip";
  /** Rows per chunk; default 65,536. */
  chunkSize?: number;
  onProgress?: (progress: ReadProgress) => void;
  /** Minimum time between two progress calls; default 500 ms. */
  progressIntervalMs?: number;
}

/**
 * A chunk of rows read from a file or stream, with the line of each row (1-based, in the file).
 * @category Node
 */
export interface RowChunk {
  rows: Record<string, unknown>[];
  lines: number[];
}

/**
 * A bad row left out with `onBadRow: "skip"` (the first 100 are kept).
 * @category Node
 */
export interface BadRow {
  line: number;
  reason: string;
}

/** What a read gives besides the rows. @category Node */
export interface ReadStats {
  rows: number;
  badRows: number;
  /** The first bad rows (up to 100), with line and reason. */
  badRowSamples: BadRow[];
  bytes: number;
}

/** A file path, a `file:` URL, a Node readable stream, or any async iterable of bytes or text. */
export type Source = string | URL | NodeJS.ReadableStream | AsyncIterable<Uint8Array | string>;

interface Column {
  name: string;
  from: string;
  type: ColumnType;
}

const TYPES: readonly ColumnType[] = ["number", "integer", "boolean", "string", "date"];

function readColumns(fn: string, columns: unknown): Column[] | null {
  if (columns === undefined) return null;
  if (columns === null || typeof columns !== "object" || Array.isArray(columns)) fail(fn, "INVALID_OPTION", `expected columns to be a record of output name → type or { from, type }, got ${describe(columns)}`);
  const out: Column[] = [];
  for (const [name, spec] of Object.entries(columns as Record<string, unknown>)) {
    const s = (typeof spec === "string" ? { type: spec } : spec) as ColumnSpec | null;
    if (s === null || typeof s !== "object") fail(fn, "INVALID_OPTION", `expected column "${name}" to be a type or { from, type }, got ${describe(spec)}`);
    const type = readChoice(fn, `type of column "${name}"`, s.type, TYPES, "string");
    const from = s.from ?? name;
    if (typeof from !== "string" || from === "") fail(fn, "INVALID_OPTION", `expected column "${name}".from to be a column name, got ${describe(s.from)}`);
    out.push({ name, from, type });
  }
  if (out.length === 0) fail(fn, "INVALID_OPTION", "expected at least one column");
  return out;
}

/** Convert one value; returns the value or throws a string reason. */
function convert(v: unknown, type: ColumnType): unknown {
  if (v === null || v === undefined || v === "") return type === "string" && v === "" ? "" : null;
  switch (type) {
    case "string":
    case "date":
      if (typeof v === "string") return v;
      if (type === "string" && (typeof v === "number" || typeof v === "boolean")) return String(v);
      throw `expected text, got ${describe(v)}`;
    case "number":
    case "integer": {
      let x: number;
      if (typeof v === "number") x = v;
      else if (typeof v === "string" && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(v)) x = Number(v);
      else throw `expected a number, got ${describe(v)}`;
      if (!Number.isFinite(x)) throw `expected a finite number, got ${describe(v)}`;
      if (type === "integer" && !Number.isInteger(x)) throw `expected a whole number, got ${describe(v)}`;
      return x;
    }
    default: {
      if (typeof v === "boolean") return v;
      const s = typeof v === "string" ? v.trim().toLowerCase() : typeof v === "number" ? String(v) : "";
      if (s === "true" || s === "1" || s === "yes") return true;
      if (s === "false" || s === "0" || s === "no") return false;
      throw `expected true/false, 1/0 or yes/no, got ${describe(v)}`;
    }
  }
}

function formatOf(source: Source, format: unknown, fn: string): "csv" | "ndjson" | "json" {
  if (format !== undefined) return readChoice(fn, "format", format, ["csv", "ndjson", "json"], "csv");
  const name = typeof source === "string" ? source : source instanceof URL ? source.pathname : "";
  if (/\.(ndjson|jsonl)$/i.test(name)) return "ndjson";
  if (/\.json$/i.test(name)) return "json";
  return "csv";
}

/** Open the source as an async iterable of byte chunks, with its size when known. */
/**
 * The size of a file, or `IO_ERROR` (not found, a directory, unreadable) with Node's code in
 * `details.cause`.
 * @internal
 * @example
 * ```ts
 * fileSize("f", "/no/such/file.csv"); // throws IO_ERROR
 * ```
 */
export function fileSize(fn: string, path: string): number {
  try {
    const st = statSync(path);
    if (st.isDirectory()) fail(fn, "IO_ERROR", `expected a file, got the directory ${describe(path)}`);
    return st.size;
  } catch (e) {
    if (e instanceof CxMetricsError) throw e;
    const code = (e as { code?: string }).code;
    return fail(fn, "IO_ERROR", code === "ENOENT" ? `file not found: ${path}` : `cannot read ${path} (${code ?? String(e)})`, undefined, { path, cause: code });
  }
}

function open(fn: string, source: Source): { stream: AsyncIterable<Uint8Array | string>; totalBytes: number | null } {
  if (typeof source === "string" || source instanceof URL) {
    const path = source instanceof URL ? fileURLToPath(source) : source;
    const size = fileSize(fn, path);
    return { stream: createReadStream(path), totalBytes: size };
  }
  if (source !== null && typeof source === "object" && (Symbol.asyncIterator in source || typeof (source as NodeJS.ReadableStream).pipe === "function")) {
    return { stream: Symbol.asyncIterator in source ? (source as AsyncIterable<Uint8Array>) : Readable.from(source as NodeJS.ReadableStream), totalBytes: null };
  }
  return fail(fn, "INVALID_INPUT", `expected a file path, a file URL or a readable stream, got ${describe(source)}`);
}

/**
 * Decode byte chunks to text: UTF-8 strictly (an invalid byte sequence is an error, not a silent
 * replacement character), UTF-16LE or Latin-1; a byte-order mark is dropped.
 */
async function* decode(fn: string, chunks: AsyncIterable<Uint8Array | string>, encoding: "utf8" | "utf16le" | "latin1", counter: { bytes: number }): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding === "utf8" ? "utf-8" : encoding === "utf16le" ? "utf-16le" : "latin1", { fatal: true, ignoreBOM: false });
  let first = true;
  for await (const c of chunks) {
    if (typeof c === "string") {
      yield c;
      continue;
    }
    if (first && encoding === "utf8" && c.length >= 2 && ((c[0] === 0xff && c[1] === 0xfe) || (c[0] === 0xfe && c[1] === 0xff))) {
      fail(fn, "INVALID_INPUT", 'the file starts with a UTF-16 byte-order mark: read it with encoding "utf16le"');
    }
    first = false;
    let text: string;
    try {
      text = decoder.decode(c, { stream: true });
    } catch {
      fail(fn, "INVALID_INPUT", `the bytes after byte ${counter.bytes} are not valid ${encoding === "utf8" ? "UTF-8" : encoding} text: give the file's encoding (e.g. encoding: "latin1")`);
    }
    counter.bytes += c.length;
    if (text.length > 0) yield text;
  }
  let rest: string;
  try {
    rest = decoder.decode();
  } catch {
    fail(fn, "INVALID_INPUT", `the file ends in the middle of a ${encoding === "utf8" ? "UTF-8" : encoding} character`);
  }
  if (rest.length > 0) yield rest;
}

/** Split text into top-level JSON values: lines for NDJSON, array elements for JSON. */
async function* jsonRecords(fn: string, text: AsyncIterable<string>, format: "ndjson" | "json"): AsyncGenerator<[string, number]> {
  let line = 1;
  if (format === "ndjson") {
    let buf = "";
    for await (const t of text) {
      buf += t;
      let nl: number;
      while ((nl = buf.indexOf("\n")) >= 0) {
        const s = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (s.trim() !== "") yield [s, line];
        line++;
      }
    }
    if (buf.trim() !== "") yield [buf, line];
    return;
  }
  // a JSON array, scanned for its top-level elements (strings and nesting tracked)
  let state = "before" as "before" | "between" | "value" | "after";
  let depth = 0;
  let inString = false;
  let escaped = false;
  let current = "";
  let startLine = 1;
  for await (const t of text) {
    let from = 0;
    for (let i = 0; i < t.length; i++) {
      const ch = t[i]!;
      if (ch === "\n") line++;
      if (state === "value") {
        if (inString) {
          if (escaped) escaped = false;
          else if (ch === "\\") escaped = true;
          else if (ch === '"') inString = false;
          continue;
        }
        if (ch === '"') inString = true;
        else if (ch === "{" || ch === "[") depth++;
        else if (ch === "}" || ch === "]") {
          if (depth === 0) {
            // the end of the array
            current += t.slice(from, i);
            yield [current, startLine];
            current = "";
            state = "after";
            continue;
          }
          depth--;
        } else if (ch === "," && depth === 0) {
          current += t.slice(from, i);
          yield [current, startLine];
          current = "";
          state = "between";
        }
        continue;
      }
      if (ch === " " || ch === "\t" || ch === "\r" || ch === "\n") continue;
      if (state === "before") {
        if (ch !== "[") fail(fn, "INVALID_INPUT", `line ${line}: expected a JSON array of objects, got ${describe(ch)} first (use format "ndjson" for one object per line)`);
        state = "between";
      } else if (state === "between") {
        if (ch === "]") {
          state = "after";
          continue;
        }
        state = "value";
        startLine = line;
        from = i;
        depth = 0;
        inString = false;
        i--; // read the value's first character again, in the value state
      } else {
        fail(fn, "INVALID_INPUT", `line ${line}: unexpected ${describe(ch)} after the end of the JSON array`);
      }
    }
    if (state === "value") current += t.slice(from);
  }
  if (state !== "after") fail(fn, "INVALID_INPUT", `line ${line}: the JSON array is not closed`);
}

/**
 * Read rows from a CSV, NDJSON or JSON-array file or stream, in chunks: memory holds one chunk, not
 * the file. Values are converted and checked per `columns`; a bad row (a ragged CSV line, a value
 * of the wrong type, malformed JSON) stops the read with its line number, or is counted and left
 * out with `onBadRow: "skip"`.
 *
 * @param source - A file path, a `file:` URL or a readable stream.
 * @param options - {@link ReadRowsOptions}.
 * @returns An async iterable of {@link RowChunk}s; its `stats()` gives the counts so far.
 * @throws {@link index!CxMetricsError} `IO_ERROR` for a missing or unreadable file; `INVALID_OPTION` for
 * a bad option or a mapped column the file does not have; `INVALID_INPUT` for a bad row (message
 * and `details.line` give its line) or undecodable text.
 * @example
 * ```ts
 * import { readRows } from "cx-metrics/node";
 * import { Readable } from "node:stream";
 * const chunks = readRows(Readable.from(["score,channel\n9,web\n3,app\n"]), { columns: { score: "number", channel: "string" } });
 * const rows = [];
 * for await (const chunk of chunks) rows.push(...chunk.rows);
 * rows; //=> [{ score: 9, channel: "web" }, { score: 3, channel: "app" }]
 * chunks.stats().rows; //=> 2
 * ```
 * @category Node
 */
export function readRows(source: Source, options?: ReadRowsOptions): AsyncIterable<RowChunk> & { stats(): ReadStats } {
  return readRowsIn("readRows", source, options);
}

/**
 * {@link readRows} with the caller's function name in errors.
 * @internal
 * @example
 * ```ts
 * // see readRows
 * ```
 */
export function readRowsIn(fn: string, source: Source, options: ReadRowsOptions | undefined): AsyncIterable<RowChunk> & { stats(): ReadStats } {
  const o = readOptions<ReadRowsOptions>(fn, options);
  const format = formatOf(source, o.format, fn);
  const columns = readColumns(fn, o.columns);
  const encoding = readChoice(fn, "encoding", o.encoding, ["utf8", "utf16le", "latin1"], "utf8");
  const policy = readChoice(fn, "onBadRow", o.onBadRow, ["throw", "skip"], "throw");
  const chunkSize = o.chunkSize ?? 65_536;
  if (!Number.isSafeInteger(chunkSize) || chunkSize < 1) fail(fn, "INVALID_OPTION", `expected chunkSize to be a whole number >= 1, got ${describe(o.chunkSize)}`);
  const interval = o.progressIntervalMs ?? 500;
  if (o.onProgress !== undefined && typeof o.onProgress !== "function") fail(fn, "INVALID_OPTION", `expected onProgress to be a function, got ${describe(o.onProgress)}`);
  const isTsv = typeof source === "string" && /\.tsv$/i.test(source);
  const delimiter = o.delimiter ?? (isTsv ? "\t" : ",");
  if (typeof delimiter !== "string" || delimiter.length === 0 || /["\r\n]/.test(delimiter)) fail(fn, "INVALID_OPTION", `expected a delimiter that is not a quote or newline, got ${describe(o.delimiter)}`);
  const stats: ReadStats = { rows: 0, badRows: 0, badRowSamples: [], bytes: 0 };
  const counter = { bytes: 0 };
  let opened: ReturnType<typeof open> | null = null;
  const t0 = performance.now();
  let lastProgress = -Infinity;
  const progress = (done: boolean) => {
    if (o.onProgress === undefined) return;
    const now = performance.now();
    if (!done && now - lastProgress < interval) return;
    lastProgress = now;
    const elapsedMs = now - t0;
    stats.bytes = counter.bytes;
    o.onProgress({ rows: stats.rows, badRows: stats.badRows, bytes: counter.bytes, totalBytes: opened?.totalBytes ?? null, elapsedMs, rowsPerSecond: elapsedMs > 0 ? (1000 * stats.rows) / elapsedMs : 0, done });
  };
  const bad = (line: number, reason: string): void => {
    stats.rows++;
    if (policy === "throw") fail(fn, "INVALID_INPUT", `line ${line}: ${reason}`, undefined, { line, reason });
    stats.badRows++;
    if (stats.badRowSamples.length < 100) stats.badRowSamples.push({ line, reason });
  };

  async function* generate(): AsyncGenerator<RowChunk> {
    opened = open(fn, source);
    const text = decode(fn, opened.stream, encoding, counter);
    let rows: Record<string, unknown>[] = [];
    let lines: number[] = [];
    const emit = (row: Record<string, unknown>, line: number): boolean => {
      rows.push(row);
      lines.push(line);
      stats.rows++;
      return rows.length >= chunkSize;
    };
    const mapRecord = (get: (from: string) => unknown, line: number): Record<string, unknown> | null => {
      const row: Record<string, unknown> = {};
      for (const c of columns!) {
        try {
          row[c.name] = convert(get(c.from), c.type);
        } catch (reason) {
          if (typeof reason !== "string") throw reason;
          bad(line, `column "${c.from}": ${reason}`);
          return null;
        }
      }
      return row;
    };
    if (format === "csv") {
      // Records are cut at newlines outside quotes (RFC 4180: the count of quote characters so far is
      // even there), so the line of every record is known without csv-parse's per-record info
      // (which costs 2.5 times the parse). A record without a quote character is split at the
      // delimiter (it cannot hold a quoted delimiter); a record with quotes goes to csv-parse.
      let header: string[] | null = null;
      let index: number[] = [];
      let line = 0;
      let pending = ""; // a record continued over lines (odd number of quotes so far)
      let pendingQuotes = 0;
      let buf = "";
      let first = true;
      const record = (rec: string, atLine: number): string[] => {
        if (rec.indexOf('"') < 0) return rec.split(delimiter);
        let out: string[][];
        try {
          out = parseSync(rec, { delimiter, relax_quotes: false, relax_column_count: true });
        } catch (e) {
          fail(fn, "INVALID_INPUT", `line ${atLine}: malformed CSV (${(e as Error).message})`, undefined, { line: atLine, reason: (e as Error).message });
        }
        if (out.length !== 1) fail(fn, "INVALID_INPUT", `line ${atLine}: malformed CSV (a quoted field is not closed properly)`, undefined, { line: atLine, reason: "quotes" });
        return out[0]!;
      };
      const take = (rec: string, atLine: number): Record<string, unknown> | null | undefined => {
        if (rec === "") return undefined; // a blank line
        const fields = record(rec, atLine);
        if (header === null) {
          header = fields.map((h) => h.trim());
          const missing = columns?.filter((c) => !header!.includes(c.from)) ?? [];
          if (missing.length > 0) fail(fn, "INVALID_OPTION", `the file has no column ${missing.map((c) => `"${c.from}"`).join(", ")} (its columns: ${header.join(", ")})`, undefined, { missing: missing.map((c) => c.from), columns: header });
          index = (columns ?? header.map((h) => ({ name: h, from: h, type: "string" as const }))).map((c) => header!.indexOf(c.from));
          return undefined;
        }
        if (fields.length !== header.length) {
          bad(atLine, `expected ${header.length} fields, got ${fields.length}`);
          return null;
        }
        if (columns === null) {
          const row: Record<string, unknown> = {};
          for (let j = 0; j < header.length; j++) row[header[j]!] = fields[j];
          return row;
        }
        let k = 0;
        return mapRecord(() => fields[index[k++]!], atLine);
      };
      const countQuotes = (x: string): number => {
        let n = 0;
        for (let q = x.indexOf('"'); q >= 0; q = x.indexOf('"', q + 1)) n++;
        return n;
      };
      for await (const t of text) {
        buf += t;
        if (first && buf.length > 0) {
          if (buf.charCodeAt(0) === 0xfeff) buf = buf.slice(1);
          first = false;
        }
        let from = 0;
        for (let nl = buf.indexOf("\n", from); nl >= 0; nl = buf.indexOf("\n", from)) {
          line++;
          let physical = buf.slice(from, nl);
          from = nl + 1;
          if (physical.endsWith("\r")) physical = physical.slice(0, -1);
          let rec: string;
          if (pendingQuotes % 2 === 1) {
            pending += `\n${physical}`;
            pendingQuotes += countQuotes(physical);
            if (pendingQuotes % 2 === 1) continue;
            rec = pending;
            pending = "";
            pendingQuotes = 0;
          } else {
            const q = physical.indexOf('"') < 0 ? 0 : countQuotes(physical);
            if (q % 2 === 1) {
              pending = physical;
              pendingQuotes = q;
              continue;
            }
            rec = physical;
          }
          const row = take(rec, line);
          if (row !== null && row !== undefined && emit(row, line)) {
            yield { rows, lines };
            rows = [];
            lines = [];
            progress(false);
          }
        }
        buf = buf.slice(from);
      }
      // the last line, without a newline
      if (buf.endsWith("\r")) buf = buf.slice(0, -1);
      if (buf !== "" || pendingQuotes % 2 === 1) {
        line++;
        if (pendingQuotes % 2 === 1) {
          pending += buf === "" ? "" : `\n${buf}`;
          pendingQuotes += countQuotes(buf);
          if (pendingQuotes % 2 === 1) fail(fn, "INVALID_INPUT", `line ${line}: malformed CSV (a quoted field is not closed at the end of the file)`, undefined, { line, reason: "unclosed quote" });
          buf = pending;
        }
        const row = take(buf, line);
        if (row !== null && row !== undefined) emit(row, line);
      }
      if (header === null) fail(fn, "EMPTY_INPUT", "expected a CSV header line, the file is empty");
    } else {
      let first = true;
      for await (const [s, line] of jsonRecords(fn, text, format)) {
        let value: unknown;
        try {
          value = JSON.parse(s);
        } catch (e) {
          bad(line, `malformed JSON (${(e as Error).message})`);
          continue;
        }
        if (value === null || typeof value !== "object" || Array.isArray(value)) {
          bad(line, `expected a JSON object, got ${describe(value)}`);
          continue;
        }
        const rec = value as Record<string, unknown>;
        if (first && columns !== null) {
          const missing = columns.filter((c) => !(c.from in rec));
          if (missing.length > 0) fail(fn, "INVALID_OPTION", `the first record (line ${line}) has no field ${missing.map((c) => `"${c.from}"`).join(", ")} (its fields: ${Object.keys(rec).join(", ")})`, undefined, { missing: missing.map((c) => c.from) });
        }
        first = false;
        const row = columns === null ? rec : mapRecord((from) => rec[from], line);
        if (row !== null && emit(row, line)) {
          yield { rows, lines };
          rows = [];
          lines = [];
          progress(false);
        }
      }
    }
    if (rows.length > 0) yield { rows, lines };
    progress(true);
  }

  return {
    [Symbol.asyncIterator]: () => generate(),
    stats: () => ({ ...stats, bytes: counter.bytes, badRowSamples: [...stats.badRowSamples] }),
  };
}
