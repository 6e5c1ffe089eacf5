// Input and output helpers of the cx-metrics command line: flags that need parsing (--where,
// --max-record-size), the output file (-o) and standard output as typed IO errors, tables, CSV
// with formula-leading cells escaped, the "skipped rows" line, and library messages in flag words.
import { statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { CxMetricsError } from "../core/errors";
import type { ReadStats } from "./read";
import { ioError } from "./source";

/**
 * A usage error: bad arguments (exit code 1).
 * @internal
 */
export class UsageError extends Error {}

/**
 * `--max-record-size`: a number of characters with an optional k, M or G suffix (powers of 1024).
 * @param v - The flag's text.
 * @returns The size, or `undefined` without the flag.
 * @throws {@link UsageError} for anything else.
 * @internal
 * @example
 * ```ts
 * [readMaxRecordSize("64M"), readMaxRecordSize("1000"), readMaxRecordSize(undefined)]; //=> [67108864, 1000, undefined]
 * ```
 */
export function readMaxRecordSize(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kKmMgG]?)i?[bB]?\s*$/.exec(v);
  const x = m === null ? NaN : Math.round(Number(m[1]) * 1024 ** " kmg".indexOf((m[2] || " ").toLowerCase()));
  if (!(x >= 1 && x <= 2 ** 29 - 24)) throw new UsageError(`--max-record-size expects a number of characters from 1 to 512M (e.g. 64M), got "${v}"`);
  return x;
}

/**
 * The `--where column=value` flags as the reader's `where` option: several values of one column are
 * alternatives, several columns must all match.
 * @param list - The flags' texts.
 * @returns The option, or `undefined` without flags.
 * @throws {@link UsageError} for a flag without `=` or column.
 * @internal
 * @example
 * ```ts
 * readWhereFlags(["survey=nps", "survey=NPS", "wave=3"]); //=> { survey: ["nps", "NPS"], wave: ["3"] }
 * ```
 */
export function readWhereFlags(list: readonly string[] | undefined): Record<string, string[]> | undefined {
  if (list === undefined || list.length === 0) return undefined;
  const out: Record<string, string[]> = {};
  for (const w of list) {
    const eq = w.indexOf("=");
    if (eq <= 0) throw new UsageError(`--where expects column=value, got "${w}"`);
    const column = w.slice(0, eq).trim();
    (Object.hasOwn(out, column) ? out[column]! : (out[column] = [])).push(w.slice(eq + 1));
  }
  return out;
}

/**
 * Check the `-o` file before any data is read: its folder must exist and it must not be a folder.
 * @param path - The output file, or `undefined`/`"-"` for standard output.
 * @throws `IO_ERROR` naming the file and what is wrong.
 * @internal
 * @example
 * ```ts
 * checkOutput("/no/such/folder/out.csv"); // throws IO_ERROR
 * ```
 */
export function checkOutput(path: string | undefined): void {
  if (path === undefined || path === "-") return;
  const fn = "cx-metrics";
  let isDirectory = false;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (e) {
    if ((e as { code?: string }).code !== "ENOENT") throw ioError(fn, "write", path, e);
    let dir: ReturnType<typeof statSync>;
    try {
      dir = statSync(dirname(path));
    } catch (e2) {
      if ((e2 as { code?: string }).code === "ENOENT") throw new CxMetricsError("IO_ERROR", `${fn}: cannot write ${path}: the folder ${dirname(path)} does not exist`, undefined, { path, cause: "ENOENT" });
      throw ioError(fn, "write", path, e2);
    }
    if (!dir.isDirectory()) throw new CxMetricsError("IO_ERROR", `${fn}: cannot write ${path}: ${dirname(path)} is not a folder`, undefined, { path, cause: "ENOTDIR" });
  }
  if (isDirectory) throw new CxMetricsError("IO_ERROR", `${fn}: cannot write ${path}: it is a folder (give a file name)`, undefined, { path, cause: "EISDIR" });
}

/**
 * Write the result to the `-o` file (saying so on standard error) or to standard output; a failed
 * write (a full disk, a closed pipe other than a reader that went away) is an `IO_ERROR`.
 * @param text - The result.
 * @param path - The output file, or `undefined`/`"-"` for standard output.
 * @returns When the text is written.
 * @throws `IO_ERROR`.
 * @internal
 * @example
 * ```ts
 * // await writeResult("a,b\n", "out.csv");
 * ```
 */
export async function writeResult(text: string, path: string | undefined): Promise<void> {
  if (path !== undefined && path !== "-") {
    try {
      writeFileSync(path, text);
    } catch (e) {
      throw ioError("cx-metrics", "write", path, e);
    }
    process.stderr.write(`cx-metrics: wrote ${path}\n`);
    return;
  }
  await new Promise<void>((resolve, reject) => {
    let settled = false;
    const onError = (e: unknown) => {
      if (settled) return;
      settled = true;
      // a reader that went away (`| head`) is no failure
      if ((e as { code?: string }).code === "EPIPE") resolve();
      else reject(ioError("cx-metrics", "write", "the standard output", e));
    };
    // kept for the life of the process: a stream emits its error after the write's callback
    process.stdout.on("error", onError);
    process.stdout.write(text, (e) => {
      if (e) onError(e);
      else if (!settled) {
        settled = true;
        resolve();
      }
    });
  });
}

/**
 * An aligned text table (numeric columns right-aligned). Widths are found with a loop, so any
 * number of rows works (a spread into `Math.max` overflows the stack above ~120,000).
 * @internal
 * @example
 * ```ts
 * table(["a", "n"], [["x", "1"], ["yy", "10"]], [false, true]); //=> "a    n\n--  --\nx    1\nyy  10\n"
 * ```
 */
export function table(head: string[], rows: string[][], numeric: boolean[]): string {
  const widths = head.map((h) => h.length);
  for (const r of rows) for (let j = 0; j < widths.length; j++) if (r[j]!.length > widths[j]!) widths[j] = r[j]!.length;
  const line = (r: string[]) => r.map((c, j) => (numeric[j] ? c.padStart(widths[j]!) : c.padEnd(widths[j]!))).join("  ").trimEnd();
  const out = [line(head), widths.map((w) => "-".repeat(w)).join("  ")];
  for (const r of rows) out.push(line(r));
  return out.join("\n") + "\n";
}

const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * One CSV cell, safe to open in a spreadsheet: a cell that starts with `=`, `+`, `-`, `@`, a tab or
 * a carriage return gets a leading `'` (OWASP's rule against formula injection), unless it is a
 * plain number (`-12.5`, `+3`, `1e-5`), which a spreadsheet reads as a number and never runs;
 * numbers the tool formats itself are not touched. Then RFC 4180 quoting.
 * @internal
 * @example
 * ```ts
 * [csvCell("=1+2"), csvCell("-12.5"), csvCell("@SUM(A1)"), csvCell("a,b")]; //=> ["'=1+2", "-12.5", "'@SUM(A1)", '"a,b"']
 * ```
 */
export function csvCell(s: string): string {
  const c = s.charCodeAt(0);
  if ((c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13) && !PLAIN_NUMBER.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * CSV text of a table: cells of text columns through {@link csvCell}; cells of columns marked
 * numeric (numbers formatted by the tool) only quoted.
 * @internal
 * @example
 * ```ts
 * csvText(["segment", "value"], [["=cmd", "-1.50"]], [false, true]); //=> "segment,value\n'=cmd,-1.50\n"
 * ```
 */
export function csvText(head: string[], rows: string[][], numeric: boolean[]): string {
  const out = [head.map(csvCell).join(",")];
  for (const r of rows) out.push(r.map((c, j) => (numeric[j] && PLAIN_NUMBER.test(c) ? c : csvCell(c))).join(","));
  return out.join("\n") + "\n";
}

/**
 * The line that says what the read skipped: bad rows per kind with the first lines, and rows left
 * out by `--where`; `""` when nothing was.
 * @internal
 * @example
 * ```ts
 * const read = { rows: 9, badRows: 3, badRowKinds: { "field count": 2, 'metric "nps": OUT_OF_RANGE': 1 }, badRowSamples: [{ line: 3, kind: "field count", reason: "" }, { line: 5, kind: "field count", reason: "" }, { line: 8, kind: 'metric "nps": OUT_OF_RANGE', reason: "" }], filteredRows: 0, bytes: 0 };
 * skippedText(read); //=> 'skipped 3 bad rows of 9: 2 field count (lines 3, 5), 1 metric "nps": OUT_OF_RANGE (line 8)'
 * ```
 */
export function skippedText(read: ReadStats): string {
  const parts: string[] = [];
  if (read.badRows > 0) {
    const kinds = Object.entries(read.badRowKinds)
      .sort((a, b) => b[1] - a[1])
      .map(([kind, count]) => {
        const lines = read.badRowSamples.filter((b) => b.kind === kind).slice(0, 5).map((b) => b.line);
        return `${count.toLocaleString("en-US")} ${kind}${lines.length === 0 ? "" : ` (line${lines.length > 1 ? "s" : ""} ${lines.join(", ")}${count > lines.length ? ", …" : ""})`}`;
      });
    parts.push(`skipped ${read.badRows.toLocaleString("en-US")} bad row${read.badRows === 1 ? "" : "s"} of ${read.rows.toLocaleString("en-US")}: ${kinds.join(", ")}`);
  }
  if (read.filteredRows > 0) parts.push(`${read.filteredRows.toLocaleString("en-US")} row${read.filteredRows === 1 ? "" : "s"} left out by --where`);
  return parts.join("; ");
}

const FLAGS: [RegExp, string][] = [
  [/\bencoding:? "(\w+)"/g, "--encoding $1"],
  // the reader's policy (not a metric's own `invalid`, which a config file sets per metric)
  [/(?<!metric with |metric's )\b(?:invalid|onBadRow): "skip"/g, "--skip-bad-rows"],
  [/\bmaxRecordSize\b/g, "--max-record-size"],
  [/\bmaxPeriods( = \d+)?/g, "--max-periods$1"],
  [/\bformat "(ndjson|json|csv)"/g, "--input-format $1"],
  [/\bexpected period\b/g, "expected --period"],
  [/\bwith period\b/g, "with --period"],
  [/\bexpected confidence\b/g, "expected --confidence"],
  [/\btimeZone\b/g, "--tz"],
  [/\bexpected an IANA time zone\b/g, "expected --tz to be an IANA time zone"],
  [/\bsegmentBy\b/g, "--by"],
  [/\bsatisfiedMin\b/g, "--satisfied-min"],
  [/\bthe date accessor\b/g, "--date"],
  [/\ba date accessor\b/g, "--date"],
];

/**
 * A library message in the words of the command line: option names become flags
 * (`encoding "latin1"` → `--encoding latin1`).
 * @internal
 * @example
 * ```ts
 * flagSpeak('not valid UTF-8 text: give the file\'s encoding (e.g. encoding "latin1")'); //=> "not valid UTF-8 text: give the file's encoding (e.g. --encoding latin1)"
 * flagSpeak('or read with invalid: "skip"'); //=> "or read with --skip-bad-rows"
 * flagSpeak('or build the metric with invalid: "skip"'); //=> 'or build the metric with invalid: "skip"'
 * ```
 */
export function flagSpeak(message: string): string {
  let out = message;
  for (const [re, by] of FLAGS) out = out.replace(re, by);
  return out;
}
