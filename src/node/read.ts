// readRows, the reader of cx-metrics/node: rows in chunks from a CSV, TSV, NDJSON or JSON-array
// file or stream, converted per column, with the line of every row and the bad rows counted. The
// bytes come from ./source, records are cut by ./csv-records and ./json-records, values are
// converted by ./columns.
import { fail } from "../core/errors";
import { describe, type InvalidPolicy, keysOf, readChoice, readOptions } from "../core/input";
import { type Column, type ColumnSpec, type ColumnType, convert, type Filter, filterText, readColumns, readWhere, valueKind } from "./columns";
import { csvCutter } from "./csv-records";
import { jsonArrayCutter, ndjsonCutter } from "./json-records";
import { decode, type Source, type SourceCounter, sourceBytes } from "./source";

const READ_ROWS_OPTIONS_KEYS = /* @__PURE__ */ keysOf<ReadRowsOptions>()("format", "columns", "delimiter", "encoding", "invalid", "onBadRow", "chunkSize", "maxRecordSize", "where", "onProgress", "progressIntervalMs");

export type { ColumnSpec, ColumnType } from "./columns";
export { fileSize, type Source } from "./source";

/**
 * Reading progress, passed to `onProgress`.
 * @category Node
 */
export interface ReadProgress {
  /** Rows read so far (bad rows included). */
  rows: number;
  /** Bad rows skipped (with `invalid: "skip"`). */
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

/** The default of {@link ReadRowsOptions.maxRecordSize}: 16 Mi characters. */
const DEFAULT_MAX_RECORD_SIZE = 16 * 1024 * 1024;
/** The longest string V8 holds (2^29 − 24 characters): the most `maxRecordSize` may be. */
const LONGEST_STRING = 2 ** 29 - 24;

/**
 * Options of {@link readRows}.
 * @category Node
 */
export interface ReadRowsOptions {
  /** `"csv"`, `"ndjson"` (one JSON object per line) or `"json"` (an array of objects). Default: from the file's extension (`.csv`, `.tsv`, `.ndjson`/`.jsonl`, `.json`), else CSV. */
  format?: "csv" | "ndjson" | "json";
  /** The fields to keep, by output name: a type or a {@link ColumnSpec}. Default: every column, CSV values as strings (empty cells `null`). */
  columns?: Readonly<Record<string, ColumnType | ColumnSpec>>;
  /** CSV field delimiter, one character; default `","` (`"\t"` for `.tsv`). */
  delimiter?: string;
  /** Text encoding: `"utf8"` (default; invalid bytes are an error), `"utf16le"` or `"latin1"`. */
  encoding?: "utf8" | "utf16le" | "latin1";
  /**
   * What to do with a bad row, the {@link index!InvalidPolicy} of the file: `"throw"` (default):
   * the first bad row stops the read with its line number; `"skip"`: bad rows (malformed records,
   * values of the wrong type, and with {@link evaluateFile} values a metric refuses) are counted per
   * kind in {@link ReadStats} and left out whole (for every metric; a metric's own `invalid` policy
   * drops only its value, counted in its result).
   */
  invalid?: InvalidPolicy;
  /** @deprecated Since 0.x: use `invalid` (the same policy); removed in the next minor version. Both at once is an `INVALID_OPTION`. */
  onBadRow?: InvalidPolicy;
  /** Rows per chunk; default 65,536. */
  chunkSize?: number;
  /**
   * The longest record (a CSV record, an NDJSON line, a JSON array element) in characters; default
   * 16,777,216 (16 Mi), at most 536,870,888 (the longest string JavaScript holds). A longer record
   * is `RECORD_TOO_LARGE` (or a bad row with `invalid: "skip"`), and a quoted CSV field that runs
   * longer (an unclosed quote) is found after that many characters. Memory holds at most one record.
   */
  maxRecordSize?: number;
  /**
   * Keep only the rows whose field equals one of the given texts: `{ survey: "nps" }`,
   * `{ survey: ["nps", "NPS"], wave: "3" }`. Several fields must all match (AND); several texts for
   * one field are alternatives (OR). Compared with the text in the file before any conversion
   * (JSON numbers and booleans as `String` writes them); rows left out are not checked, and are
   * counted in {@link ReadStats.filteredRows}.
   */
  where?: Readonly<Record<string, string | readonly string[]>>;
  /** Called with the {@link ReadProgress} at most every `progressIntervalMs`, and once at the end (`done: true`). */
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
 * A bad row left out with `invalid: "skip"` (the first 100 are kept).
 * @category Node
 */
export interface BadRow {
  line: number;
  /** The kind of problem, the key of {@link ReadStats.badRowKinds}: `field count`, `column "score": not a number`, `unclosed quote`, `metric "nps": OUT_OF_RANGE`, ... */
  kind: string;
  reason: string;
}

/** What a read gives besides the rows. @category Node */
export interface ReadStats {
  /** Records read (bad rows and rows left out by `where` included). */
  rows: number;
  /** Bad rows left out (`invalid: "skip"`). */
  badRows: number;
  /** Bad rows per kind of problem (the keys are {@link BadRow.kind}). */
  badRowKinds: Record<string, number>;
  /** The first bad rows (up to 100), with line, kind and reason. */
  badRowSamples: BadRow[];
  /** Rows left out by `where`. */
  filteredRows: number;
  bytes: number;
}

/** The rows of {@link readRows}, and the counts so far. @category Node */
export type RowReader = AsyncIterable<RowChunk> & { stats(): ReadStats };

/** {@link RowReader} with a way for the caller to count rows it leaves out. @internal */
export type RowReaderIn = RowReader & { skipRow(line: number, kind: string, reason: string): void; skipping: boolean };

/**
 * The format of a source: the `format` option when given (checked), else from the file's extension
 * (`.ndjson`/`.jsonl`, `.json`), else CSV.
 * @internal
 * @example
 * ```ts
 * [formatOf("a.jsonl", undefined, "f"), formatOf("a.txt", undefined, "f")]; //=> ["ndjson", "csv"]
 * ```
 */
export function formatOf(source: Source, format: unknown, fn: string): "csv" | "ndjson" | "json" {
  if (format !== undefined) return readChoice(fn, "format", format, ["csv", "ndjson", "json"], "csv");
  const name = typeof source === "string" ? source : source instanceof URL ? source.pathname : "";
  if (/\.(ndjson|jsonl)$/i.test(name)) return "ndjson";
  if (/\.json$/i.test(name)) return "json";
  return "csv";
}

/**
 * The bad-row policy of reading options: `invalid`, or its deprecated name `onBadRow`; both at
 * once is refused (`INVALID_OPTION`), as is a value other than `"throw"` or `"skip"`.
 * @internal
 * @example
 * ```ts
 * readInvalidPolicy("readRows", { onBadRow: "skip" }); //=> "skip"
 * readInvalidPolicy("readRows", {}); //=> "throw"
 * readInvalidPolicy("readRows", { invalid: "skip", onBadRow: "skip" }); // throws INVALID_OPTION
 * ```
 */
export function readInvalidPolicy(fn: string, o: { invalid?: unknown; onBadRow?: unknown }): InvalidPolicy {
  if (o.invalid !== undefined && o.onBadRow !== undefined) fail(fn, "INVALID_OPTION", "expected invalid or its deprecated name onBadRow, not both");
  return o.onBadRow !== undefined ? readChoice(fn, "onBadRow", o.onBadRow, ["throw", "skip"], "throw") : readChoice(fn, "invalid", o.invalid, ["throw", "skip"], "throw");
}

/**
 * Read rows from a CSV, NDJSON or JSON-array file or stream, in chunks: memory holds one chunk and
 * at most one record being cut, not the file. Time is linear in the input whatever the line length.
 * Values are converted and checked per `columns`; a bad row (malformed quoting, a ragged CSV line,
 * a value of the wrong type, malformed JSON, a record over `maxRecordSize`) stops the read with its
 * line number, or is counted per kind and left out with `invalid: "skip"`.
 *
 * CSV follows RFC 4180: a field that starts with a quote is quoted (`""` inside is one quote, and
 * delimiters and line ends inside are text); a quote inside a field that does not start with one
 * is a plain character (as spreadsheets read `He said "fine`). A quoted field that is never closed
 * is reported at the line where it opened; a quoted field over several lines whose closing quote
 * is followed by text is taken for a stray opening quote and reported at its line too. With
 * `invalid: "skip"`, reading goes on at the next line (after an unclosed quote, at the line after
 * the quote's).
 *
 * A file that grows, shrinks or is rewritten while it is read is an `IO_ERROR` at the end of the
 * read (its size and time when opened are compared with the bytes read and with the file then).
 *
 * @param source - A file path, a `file:` URL or a readable stream.
 * @param options - {@link ReadRowsOptions}.
 * @returns An async iterable of {@link RowChunk}s; its `stats()` gives the counts so far.
 * @throws {@link index!CxMetricsError} `IO_ERROR` for a missing or unreadable file, a read that fails,
 * or a file that changes while it is read; `INVALID_OPTION` for a bad option or a mapped column the
 * file does not have; `INVALID_INPUT` for a bad row (message and `details.line` give its line) or
 * undecodable text; `RECORD_TOO_LARGE` for a record longer than `maxRecordSize`.
 * @example
 * ```ts
 * import { readRows } from "cx-metrics/node";
 * import { Readable } from "node:stream";
 * const chunks = readRows(Readable.from(["score,channel\n9,web\n3,app\n,app\n"]), { columns: { score: "number", channel: "string" } });
 * const rows = [];
 * for await (const chunk of chunks) rows.push(...chunk.rows);
 * rows; //=> [{ score: 9, channel: "web" }, { score: 3, channel: "app" }, { score: null, channel: "app" }]
 * chunks.stats().rows; //=> 3
 * ```
 * @category Node
 */
export function readRows(source: Source, options?: ReadRowsOptions): RowReader {
  const r = readRowsIn("readRows", source, options);
  return { [Symbol.asyncIterator]: r[Symbol.asyncIterator], stats: r.stats };
}

/**
 * A read in progress: the checked options, the counts, and the text of the source. Shared by the
 * row reader ({@link readRowsIn}) and the column reader (./column-reader).
 * @internal
 */
export interface ReadSetup {
  format: "csv" | "ndjson" | "json";
  columns: Column[] | null;
  filters: Filter[];
  skip: boolean;
  chunkSize: number;
  maxRecordSize: number;
  delimiter: string;
  stats: ReadStats;
  counter: SourceCounter;
  /** Report progress (at most every `progressIntervalMs`, and always when `done`). */
  progress(done: boolean): void;
  /** Count a row the caller leaves out. */
  skipRow(line: number, kind: string, reason: string): void;
  /** A bad record: stops the read (`INVALID_INPUT` naming the line), or is counted and left out. */
  bad(line: number, kind: string, reason: string): void;
  /** The decoded text of the source, without a byte-order mark. */
  text(): AsyncGenerator<string>;
  /** The counts so far (a copy). */
  snapshot(): ReadStats;
}

/**
 * Check the reading options and set up a read of `source` (nothing is opened until `text()` is
 * iterated).
 * @internal
 * @example
 * ```ts
 * import { Readable } from "node:stream";
 * openRead("f", Readable.from(["a\n1\n"]), { delimiter: ";" }).delimiter; //=> ";"
 * ```
 */
export function openRead(fn: string, source: Source, options: ReadRowsOptions | undefined): ReadSetup {
  const o = readOptions<ReadRowsOptions>(fn, options, READ_ROWS_OPTIONS_KEYS);
  const format = formatOf(source, o.format, fn);
  const columns = readColumns(fn, o.columns);
  const filters = readWhere(fn, o.where);
  const encoding = readChoice(fn, "encoding", o.encoding, ["utf8", "utf16le", "latin1"], "utf8");
  const skip = readInvalidPolicy(fn, o) === "skip";
  const chunkSize = o.chunkSize ?? 65_536;
  if (!Number.isSafeInteger(chunkSize) || chunkSize < 1) fail(fn, "INVALID_OPTION", `expected chunkSize to be a whole number >= 1, got ${describe(o.chunkSize)}`);
  const maxRecordSize = o.maxRecordSize ?? DEFAULT_MAX_RECORD_SIZE;
  if (!Number.isSafeInteger(maxRecordSize) || maxRecordSize < 1 || maxRecordSize > LONGEST_STRING) fail(fn, "INVALID_OPTION", `expected maxRecordSize to be a whole number of characters from 1 to ${LONGEST_STRING.toLocaleString("en-US")}, got ${describe(o.maxRecordSize)}`);
  const interval = o.progressIntervalMs ?? 500;
  if (o.onProgress !== undefined && typeof o.onProgress !== "function") fail(fn, "INVALID_OPTION", `expected onProgress to be a function, got ${describe(o.onProgress)}`);
  const isTsv = typeof source === "string" && /\.tsv$/i.test(source);
  const delimiter = o.delimiter ?? (isTsv ? "\t" : ",");
  if (typeof delimiter !== "string" || delimiter.length !== 1 || /["\r\n]/.test(delimiter)) fail(fn, "INVALID_OPTION", `expected a delimiter of one character that is not a quote or a line end, got ${describe(o.delimiter)}`);
  const stats: ReadStats = { rows: 0, badRows: 0, badRowKinds: {}, badRowSamples: [], filteredRows: 0, bytes: 0 };
  const counter: SourceCounter = { bytes: 0, totalBytes: null };
  const t0 = performance.now();
  let lastProgress = -Infinity;
  const progress = (done: boolean) => {
    if (o.onProgress === undefined) return;
    const now = performance.now();
    if (!done && now - lastProgress < interval) return;
    lastProgress = now;
    const elapsedMs = now - t0;
    o.onProgress({ rows: stats.rows, badRows: stats.badRows, bytes: counter.bytes, totalBytes: counter.totalBytes, elapsedMs, rowsPerSecond: elapsedMs > 0 ? (1000 * stats.rows) / elapsedMs : 0, done });
  };
  const skipRow = (line: number, kind: string, reason: string): void => {
    stats.badRows++;
    stats.badRowKinds[kind] = (stats.badRowKinds[kind] ?? 0) + 1;
    if (stats.badRowSamples.length < 100) stats.badRowSamples.push({ line, kind, reason });
  };
  const bad = (line: number, kind: string, reason: string): void => {
    stats.rows++;
    if (!skip) fail(fn, "INVALID_INPUT", `line ${line}: ${reason}`, undefined, { line, reason });
    skipRow(line, kind, reason);
  };
  async function* text(): AsyncGenerator<string> {
    let first = true;
    for await (let t of decode(fn, sourceBytes(fn, source, counter), encoding)) {
      if (first) {
        if (t.charCodeAt(0) === 0xfeff) t = t.slice(1);
        first = false;
      }
      yield t;
    }
  }
  const snapshot = () => ({ ...stats, bytes: counter.bytes, badRowKinds: { ...stats.badRowKinds }, badRowSamples: [...stats.badRowSamples] });
  return { format, columns, filters, skip, chunkSize, maxRecordSize, delimiter, stats, counter, progress, skipRow, bad, text, snapshot };
}

/**
 * {@link readRows} with the caller's function name in errors, and `skipRow` for the caller to count
 * the rows it leaves out (values a metric refuses).
 * @internal
 * @example
 * ```ts
 * import { Readable } from "node:stream";
 * const r = readRowsIn("f", Readable.from(["score\n9\n3\n"]), { format: "csv", columns: { score: "number" } });
 * const rows = [];
 * for await (const chunk of r) rows.push(...chunk.rows);
 * rows; //=> [{ score: 9 }, { score: 3 }]
 * ```
 */
export function readRowsIn(fn: string, source: Source, options: ReadRowsOptions | undefined): RowReaderIn {
  const { format, columns, filters, skip, maxRecordSize, delimiter, stats, chunkSize, progress, skipRow, bad, text, snapshot } = openRead(fn, source, options);
  async function* generate(): AsyncGenerator<RowChunk> {
    let rows: Record<string, unknown>[] = [];
    let lines: number[] = [];
    const ready: RowChunk[] = [];
    const emit = (row: Record<string, unknown>, line: number): void => {
      stats.rows++;
      rows.push(row);
      lines.push(line);
      if (rows.length >= chunkSize) {
        ready.push({ rows, lines });
        rows = [];
        lines = [];
      }
    };
    const mapRecord = (get: (from: string) => unknown, line: number): Record<string, unknown> | null => {
      const row: Record<string, unknown> = {};
      for (const c of columns!) {
        try {
          row[c.name] = convert(get(c.from), c.type);
        } catch (reason) {
          if (typeof reason !== "string") throw reason;
          bad(line, valueKind(c), `column "${c.from}": ${reason}`);
          return null;
        }
      }
      return row;
    };
    let cutter: { push(t: string): void; end(): void };
    if (format === "csv") {
      let header: string[] | null = null;
      let index: number[] = [];
      let filterIndex: number[] = [];
      let all: Column[] = [];
      cutter = csvCutter(fn, delimiter, maxRecordSize, skip, {
        bad: (line, kind, reason) => bad(line, kind, reason),
        record(fields, line) {
          if (header === null) {
            header = fields.map((h) => h.trim());
            const wanted = [...(columns?.map((c) => c.from) ?? []), ...filters.map((f) => f.from)];
            const missing = [...new Set(wanted.filter((c) => !header!.includes(c)))];
            if (missing.length > 0) fail(fn, "INVALID_OPTION", `the file has no column ${missing.map((c) => `"${c}"`).join(", ")} (its columns: ${header.join(", ")})`, undefined, { missing, columns: header });
            all = columns ?? header.map((h) => ({ name: h, from: h, type: "string" as const }));
            index = all.map((c) => header!.indexOf(c.from));
            filterIndex = filters.map((f) => header!.indexOf(f.from));
            return;
          }
          if (fields.length !== header.length) return bad(line, "field count", `expected ${header.length} fields, got ${fields.length}`);
          for (let k = 0; k < filters.length; k++) {
            if (!filters[k]!.values.has(fields[filterIndex[k]!]!)) {
              stats.rows++;
              stats.filteredRows++;
              return;
            }
          }
          if (columns === null) {
            const row: Record<string, unknown> = {};
            for (let j = 0; j < all.length; j++) row[all[j]!.name] = fields[index[j]!] === "" ? null : fields[index[j]!];
            return emit(row, line);
          }
          let k = 0;
          const row = mapRecord(() => fields[index[k++]!], line);
          if (row !== null) emit(row, line);
        },
      });
      const end = cutter.end;
      cutter.end = () => {
        end();
        if (header === null) fail(fn, "EMPTY_INPUT", "expected a CSV header line, the file is empty");
      };
    } else {
      let first = true;
      const sink = {
        bad: (line: number, kind: string, reason: string) => bad(line, kind, reason),
        record(s: string, line: number) {
          let value: unknown;
          try {
            value = JSON.parse(s);
          } catch (e) {
            return bad(line, "malformed JSON", `malformed JSON (${(e as Error).message})`);
          }
          if (value === null || typeof value !== "object" || Array.isArray(value)) return bad(line, "not a JSON object", `expected a JSON object, got ${describe(value)}`);
          const rec = value as Record<string, unknown>;
          if (first && columns !== null) {
            const missing = columns.filter((c) => !(c.from in rec));
            if (missing.length > 0) fail(fn, "INVALID_OPTION", `the first record (line ${line}) has no field ${missing.map((c) => `"${c.from}"`).join(", ")} (its fields: ${Object.keys(rec).join(", ")})`, undefined, { missing: missing.map((c) => c.from) });
          }
          first = false;
          for (const f of filters) {
            const text = filterText(rec[f.from]);
            if (text === null || !f.values.has(text)) {
              stats.rows++;
              stats.filteredRows++;
              return;
            }
          }
          const row = columns === null ? rec : mapRecord((from) => rec[from], line);
          if (row !== null) emit(row, line);
        },
      };
      cutter = format === "ndjson" ? ndjsonCutter(fn, maxRecordSize, skip, sink) : jsonArrayCutter(fn, maxRecordSize, skip, sink);
    }
    for await (const t of text()) {
      cutter.push(t);
      for (; ready.length > 0; progress(false)) yield ready.shift()!;
    }
    cutter.end();
    for (; ready.length > 0; progress(false)) yield ready.shift()!;
    if (rows.length > 0) yield { rows, lines };
    progress(true);
  }

  return {
    [Symbol.asyncIterator]: () => generate(),
    stats: snapshot,
    skipRow,
    skipping: skip,
  };
}
