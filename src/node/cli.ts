#!/usr/bin/env node
// The `cx-metrics` command-line tool: metrics and portfolios on CSV, TSV, NDJSON and JSON files,
// streamed with bounded memory, printed as an aligned table, JSON or CSV. Arguments are parsed with
// node:util parseArgs.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { CxMetricsError } from "../core/errors";
import type { Period } from "../core/period";
import { portfolioFromConfig, type MetricConfig } from "../portfolio/config";
import { type Portfolio, summarizeIn } from "../portfolio/portfolio";
import { finishIn, type PortfolioReport } from "../portfolio/report";
import { customerLifetimeValue } from "../value/clv";
import { fitBgNbd } from "../value/bg-nbd";
import { fitGammaGamma } from "../value/gamma-gamma";
import { rfmSummary } from "../value/rfm-summary";
import { checkOutput, csvText, flagSpeak, readMaxRecordSize, readWhereFlags, skippedText, table, UsageError, writeResult } from "./cli-io";
import { evaluateFile } from "./evaluate";
import { loadVega, renderReport } from "./report";
import { type ColumnType, type ReadProgress, type ReadStats, readRowsIn, type Source } from "./read";
import { validTransactions } from "./transactions";
import { evaluateInWorkers } from "./workers";

const COMMON = {
  by: { type: "string" },
  period: { type: "string" },
  date: { type: "string" },
  tz: { type: "string" },
  confidence: { type: "string" },
  format: { type: "string", default: "table" },
  "input-format": { type: "string" },
  delimiter: { type: "string" },
  encoding: { type: "string" },
  "skip-bad-rows": { type: "boolean", default: false },
  "max-record-size": { type: "string" },
  "max-periods": { type: "string" },
  where: { type: "string", multiple: true },
  output: { type: "string", short: "o" },
  workers: { type: "string" },
  help: { type: "boolean", short: "h", default: false },
} as const;

const HELP: Record<string, string> = {
  main: `cx-metrics: customer-experience metrics with honest uncertainty, on files of any size

Usage: cx-metrics <command> [options]

Commands:
  nps <file>                      Net Promoter Score of a 0–10 column
  csat <file>                     CSAT (percent satisfied) of a column
  ces <file>                      Customer Effort Score (mean) of a column
  portfolio <config.json> <file>  several metrics from a JSON description, with targets
  report <config.json> <file>     the same portfolio as one self-contained HTML page (-o report.html)
  clv <file>                      BG/NBD and Gamma-Gamma customer lifetime value from transactions
  help [command]                  help on a command

Files: .csv, .tsv, .ndjson/.jsonl, .json (or --input-format); "-" reads standard input (CSV
unless --input-format says otherwise). Run "cx-metrics <command> --help".
Exit codes: 0 done, 1 bad arguments, 2 bad input or a file that cannot be read or written (missing
file or column, bad row: the message gives its line), 3 unexpected internal error.`,
  common: `Common options:
  --by <col[,col]>        segment by these columns (every combination is reported)
  --period <unit>         day, week, month, quarter or year (needs --date)
  --date <col>            the date column (a date-only value is local midnight in --tz)
  --tz <zone>             IANA time zone of the periods (default UTC)
  --confidence <level>    confidence level of intervals and tests (default 0.95)
  --format <fmt>          table (default), json or csv
  --input-format <fmt>    csv, ndjson or json (default: from the file's extension)
  --delimiter <char>      CSV delimiter (default "," and tab for .tsv)
  --encoding <enc>        utf8 (default), utf16le or latin1
  --skip-bad-rows         skip bad rows (malformed records, values of the wrong type or off the
                          scale) instead of stopping at the first; the output says how many and why
  --where <col=value>     keep only rows whose column has this text; repeat it: several values of
                          one column are alternatives (OR), several columns must all match (AND)
  --max-record-size <n>   longest record (line) in characters, e.g. 64M (default 16M)
  --max-periods <n>       most periods from the first to the last date (default 10000): one
                          far-off date (6999-12-31) is an error naming its line, not hours of work
  -o, --output <file>     write the result to a file instead of standard output
  --workers <n>           read the file with n threads, this one included (CSV, TSV, NDJSON)
  -h, --help              this help`,
  nps: `cx-metrics nps <file> --score <col> [--weight <col>] [--method adjusted-wald|wald|tango] [common options]

Net Promoter Score (% promoters 9–10 − % detractors 0–6) with its interval, by segment and period.

Examples:
  cx-metrics nps responses.csv --score score
  cx-metrics nps responses.csv --score score --by channel --period month --date answered_at
  cx-metrics nps responses.ndjson --score nps --weight w --format json
  cx-metrics nps answers.csv --score answer --where survey=nps --where survey=NPS
  gunzip -c responses.csv.gz | cx-metrics nps - --score score -o nps.csv --format csv`,
  csat: `cx-metrics csat <file> --score <col> [--scale 1-5] [--satisfied-min <k>] [--weight <col>] [common options]

CSAT: percent of answers at or above --satisfied-min (default top-2-box), Wilson interval.

Examples:
  cx-metrics csat survey.csv --score csat --by channel
  cx-metrics csat survey.csv --score csat --scale 1-7 --satisfied-min 6`,
  ces: `cx-metrics ces <file> --score <col> [--version 2.0|1.0] [--weight <col>] [common options]

Customer Effort Score: mean answer with its Student-t interval (CES 2.0: 1–7 agreement; 1.0: 1–5 effort).

Examples:
  cx-metrics ces effort.csv --score ces --by channel --period quarter --date date`,
  portfolio: `cx-metrics portfolio <config.json> <file> [common options]

A portfolio from a JSON file:
  {
    "metrics": {
      "nps":  { "type": "nps", "column": "score" },
      "csat": { "type": "csat", "column": "csat" },
      "fcr":  { "type": "proportion", "column": "first_contact", "label": "First contact resolution" }
    },
    "segmentBy": ["channel"], "period": "month", "date": "date", "timeZone": "Europe/Paris",
    "targets": { "nps": { "target": 40, "warning": 30 } },
    "composite": { "weights": { "nps": 2, "csat": 1 } }
  }
Types: nps, csat, ces, proportion and churn (boolean columns), mean. An nps, csat or ces metric may
name its column of survey weights ("weights": "w"). Command-line options override the file's
segmentBy, period, date and timeZone.

Examples:
  cx-metrics portfolio portfolio.json interactions.csv
  cx-metrics portfolio portfolio.json interactions.csv --format csv > report.csv`,
  report: `cx-metrics report <config.json> <file> [-o report.html] [--now <date>] [common options]

The portfolio of "cx-metrics portfolio" as one self-contained HTML page: scorecard with status
colors and changes, alerts, charts drawn as SVG, consistency across segments. Needs the optional
packages vega and vega-lite (npm install vega vega-lite).

A last period that the data do not cover to its end is marked partial and is not the headline
(the scorecard and alerts show the last complete period). The cut is the end of the day of the
data's last date, or --now <date> (e.g. --now 2024-07-01 says June is complete).

Examples:
  cx-metrics report portfolio.json interactions.csv -o cx-report.html
  cx-metrics report portfolio.json interactions.csv --period month --date answered_at --now 2024-07-01`,
  clv: `cx-metrics clv <file> --customer <col> --date <col> --amount <col> [--end <date>] [--unit week|day|month]
                [--horizon <periods>] [--discount <rate per period>] [--top <n>] [--format table|json|csv]
                [--where <col=value>] [--skip-bad-rows] [-o <file>] [--input-format, --delimiter, --encoding]

Fits BG/NBD (purchase frequency, dropout) and Gamma-Gamma (spend) to the transactions up to --end
(default: the last transaction date) and prints the parameters with standard errors and the
customers with the highest discounted CLV over the horizon. Reads the transactions into memory
(one summary row per customer).

Examples:
  cx-metrics clv orders.csv --customer customer_id --date ordered_at --amount total --horizon 52 --discount 0.0019`,
};

function die(message: string, code: number): void {
  process.stderr.write(`cx-metrics: ${message}\n`);
  // exitCode rather than exit(): output still being written to a pipe is not cut off
  process.exitCode = code;
}

function num(name: string, v: string | undefined, check?: (x: number) => boolean, expected = "a number"): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (v.trim() === "" || !Number.isFinite(x) || (check !== undefined && !check(x))) throw new UsageError(`--${name} expects ${expected}, got "${v}"`);
  return x;
}

function choice(name: string, v: unknown, allowed: readonly string[]): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== "string" || !allowed.includes(v)) throw new UsageError(`--${name} expects ${allowed.slice(0, -1).join(", ")} or ${allowed.at(-1)}, got "${String(v)}"`);
  return v;
}

/** The reading flags every command shares, checked (exit code 1 when wrong). */
function readFlags(values: Record<string, unknown>) {
  const tz = values.tz as string | undefined;
  if (tz !== undefined) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: tz });
    } catch {
      throw new UsageError(`--tz expects an IANA time zone such as UTC or Europe/Paris, got "${tz}"`);
    }
  }
  let delimiter = values.delimiter as string | undefined;
  if (delimiter === "\\t" || delimiter === "tab") delimiter = "\t";
  if (delimiter !== undefined && (delimiter.length !== 1 || /["\r\n]/.test(delimiter))) throw new UsageError(`--delimiter expects one character (or "tab"), not a quote, got "${delimiter}"`);
  return {
    format: choice("input-format", values["input-format"], ["csv", "ndjson", "json"]) as "csv" | undefined,
    delimiter,
    encoding: choice("encoding", values.encoding, ["utf8", "utf16le", "latin1"]) as "utf8" | undefined,
    invalid: values["skip-bad-rows"] ? ("skip" as const) : ("throw" as const),
    maxRecordSize: readMaxRecordSize(values["max-record-size"] as string | undefined),
    where: readWhereFlags(values.where as string[] | undefined),
    timeZone: tz,
  };
}

/** The data file: a path, or standard input for "-". */
function sourceOf(file: string): Source {
  return file === "-" ? process.stdin : file;
}

function progressBar(): ((p: ReadProgress) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (p) => {
    const share = p.totalBytes ? Math.min(1, p.bytes / p.totalBytes) : null;
    const width = 30;
    const bar = share === null ? "" : `[${"#".repeat(Math.round(share * width)).padEnd(width)}] ${(100 * share).toFixed(0).padStart(3)}% `;
    process.stderr.write(`\r${bar}${p.rows.toLocaleString("en-US")} rows, ${Math.round(p.rowsPerSecond).toLocaleString("en-US")} rows/s${p.done ? "\n" : ""}`);
    if (p.done && process.stderr.isTTY) process.stderr.write("\r\x1b[K");
  };
}

const fmt = (x: number | null | undefined, digits: number) => (x === null || x === undefined || !Number.isFinite(x) ? "" : x.toFixed(digits));

/** The report as a tidy table: one line per cell and metric. */
function reportRows(report: PortfolioReport<any>, digits: number): { head: string[]; rows: string[][]; numeric: boolean[] } {
  const keys = Object.keys(report.metrics);
  const head = [...report.segmentBy, ...(report.period === null ? [] : ["period"]), "metric", "n", "value", "ci_low", "ci_high", "status", "change", "p_value"];
  const numeric = [...report.segmentBy.map(() => false), ...(report.period === null ? [] : [false]), false, true, true, true, true, false, true, true];
  const rows: string[][] = [];
  for (const cell of report.cells) {
    for (const k of keys) {
      const m = cell.metrics[k]!;
      const ci = (m.result as { ci?: unknown } | null)?.ci;
      const [lo, hi] = Array.isArray(ci) ? (ci as number[]) : [null, null];
      rows.push([
        ...report.segmentBy.map((s) => cell.segment[s] ?? "(all)"),
        ...(report.period === null ? [] : [cell.period === null ? "(all)" : cell.period]),
        k,
        String(m.n),
        fmt(m.value, digits),
        fmt(lo, digits),
        fmt(hi, digits),
        m.status ?? "",
        m.change === null ? "" : fmt(m.change.difference, digits),
        m.change?.pValue === null || m.change === null ? "" : fmt(m.change.pValue, 4),
      ]);
    }
  }
  return { head, rows, numeric };
}

function output(format: string, report: PortfolioReport<any> & { read: ReadStats }): string {
  if (format === "json") return JSON.stringify(report, (_k, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : typeof v === "bigint" ? Number(v) : v), 2) + "\n";
  const { head, rows, numeric } = reportRows(report, 2);
  if (format === "csv") return csvText(head, rows, numeric);
  let text = table(head, rows, numeric);
  if (report.alerts.length > 0) text += `\nAlerts (${report.alerts.length}):\n${report.alerts.slice(0, 10).map((a) => `  ${a.message}`).join("\n")}\n`;
  const skipped = skippedText(report.read);
  if (skipped !== "") text += `\n${skipped}\n`;
  return text;
}

function splitList(v: string | undefined): string[] | undefined {
  return v === undefined ? undefined : v.split(",").map((s) => s.trim()).filter((s) => s !== "");
}

/**
 * The library's own checks of the options, run before the data is read, with an INVALID_OPTION
 * turned into a usage error (exit code 1) that speaks in flags.
 */
function checkOptions(portfolio: Portfolio, summaryOptions: Parameters<typeof summarizeIn>[3], finishOptions: Parameters<typeof finishIn>[3]): void {
  try {
    finishIn("cx-metrics", portfolio, summarizeIn("cx-metrics", portfolio, [], summaryOptions), finishOptions);
  } catch (e) {
    if (e instanceof CxMetricsError && e.code === "INVALID_OPTION") throw new UsageError(flagSpeak(e.message.replace(/^[\w-]+: /, "")));
    throw e;
  }
}

async function runPortfolio(file: string, metrics: Record<string, MetricConfig>, values: Record<string, unknown>, extra: Record<string, unknown> = {}, html?: string): Promise<void> {
  const format = values.format as string;
  if (html === undefined && !["table", "json", "csv"].includes(format)) throw new UsageError(`--format expects table, json or csv, got "${format}"`);
  const segmentBy = splitList(values.by as string | undefined) ?? (extra.segmentBy as string[] | undefined);
  const period = (choice("period", values.period, ["day", "week", "month", "quarter", "year"]) as Period | undefined) ?? (extra.period as Period | undefined);
  const date = (values.date as string | undefined) ?? (extra.date as string | undefined);
  if (period !== undefined && date === undefined) throw new UsageError("--period needs --date <column>");
  const read = readFlags(values);
  const out = html ?? (values.output as string | undefined);
  checkOutput(out);
  const portfolio = portfolioFromConfig(metrics);
  const columns: Record<string, ColumnType> = {};
  for (const c of Object.values(metrics)) {
    columns[c.column] = c.type === "proportion" || c.type === "churn" ? "boolean" : "number";
    const weights = c.weights ?? c.weight;
    if (weights !== undefined) columns[weights] = "number";
  }
  for (const s of segmentBy ?? []) columns[s] = "string";
  if (date !== undefined) columns[date] = "date";
  const workers = num("workers", values.workers as string | undefined, (x) => Number.isInteger(x) && x >= 1 && x <= 256, "a whole number from 1 to 256");
  if (workers !== undefined && workers > 1 && file === "-") throw new UsageError("--workers needs a file: standard input cannot be split");
  const options = {
    ...read,
    columns,
    segmentBy,
    period,
    date,
    timeZone: read.timeZone ?? (extra.timeZone as string | undefined),
    confidence: num("confidence", values.confidence as string | undefined, (x) => x > 0 && x < 1, "a level between 0 and 1 (e.g. 0.95)"),
    targets: extra.targets as never,
    composite: extra.composite as never,
    now: values.now as string | undefined,
    maxPeriods: num("max-periods", values["max-periods"] as string | undefined, (x) => Number.isInteger(x) && x >= 1, "a whole number of periods, at least 1"),
    onProgress: progressBar(),
  };
  checkOptions(portfolio, { segmentBy, period, date: date === undefined ? undefined : (r: Record<string, unknown>) => r[date] as string, timeZone: options.timeZone } as never, { confidence: options.confidence, targets: options.targets, composite: options.composite });
  // the report's optional dependencies are checked before the data is read
  if (html !== undefined) await loadVega("report");
  const report =
    workers !== undefined && workers > 1
      ? await evaluateInWorkers(file, { config: metrics }, { ...options, workers })
      : await evaluateFile(sourceOf(file), portfolio as Portfolio<any>, options);
  const skipped = skippedText(report.read);
  if (skipped !== "") process.stderr.write(`cx-metrics: ${skipped}\n`);
  if (html !== undefined) {
    const subtitle = `${file === "-" ? "standard input" : file}: ${report.read.rows.toLocaleString("en-US")} rows${report.read.badRows > 0 ? ` (${report.read.badRows.toLocaleString("en-US")} bad rows skipped)` : ""}${report.read.filteredRows > 0 ? `, ${report.read.filteredRows.toLocaleString("en-US")} left out by --where` : ""}`;
    const page = await renderReport(report, { title: (extra.title as string | undefined) ?? "Customer experience report", subtitle });
    await writeResult(page, html);
    return;
  }
  await writeResult(output(format, report), out);
}

async function runClv(file: string, values: Record<string, unknown>): Promise<void> {
  const format = values.format as string;
  if (!["table", "json", "csv"].includes(format)) throw new UsageError(`--format expects table, json or csv, got "${format}"`);
  for (const k of ["customer", "date", "amount"]) if (values[k] === undefined) throw new UsageError(`clv needs --${k} <column>`);
  const unit = choice("unit", values.unit, ["day", "week", "month"]) ?? "week";
  if (values.end !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.end as string)) throw new UsageError(`--end expects a date YYYY-MM-DD, got "${values.end as string}"`);
  const horizon = num("horizon", values.horizon as string | undefined, (x) => x > 0, "a number of periods > 0") ?? 52;
  const discountRate = num("discount", values.discount as string | undefined, (x) => x >= 0 && x < 1, "a rate per period from 0 to 1") ?? 0;
  const top = num("top", values.top as string | undefined, (x) => Number.isInteger(x) && x >= 0, "a whole number >= 0") ?? 10;
  const { timeZone: _tz, ...read } = readFlags(values);
  const out = values.output as string | undefined;
  checkOutput(out);
  const customer = values.customer as string;
  const date = values.date as string;
  const amount = values.amount as string;
  const rows: Record<string, unknown>[] = [];
  const lines: number[] = [];
  const reader = readRowsIn("clv", sourceOf(file), { ...read, columns: { [customer]: "string", [date]: "date", [amount]: "number" }, onProgress: progressBar() });
  for await (const chunk of reader) {
    for (const r of chunk.rows) rows.push(r);
    for (const l of chunk.lines) lines.push(l);
  }
  const { rows: valid, lastDay } = validTransactions("clv", rows, lines, { customer, date, amount }, reader.skipping ? reader.skipRow : undefined);
  const stats = reader.stats();
  const skipped = skippedText(stats);
  if (skipped !== "") process.stderr.write(`cx-metrics: ${skipped}\n`);
  // the last transaction day ends the observation; --end (default: that day) ends the calibration
  const last = lastDay;
  const end = (values.end as string | undefined) ?? last;
  const summary = rfmSummary(valid, {
    customerId: (r) => r[customer] as string,
    date: (r) => r[date] as string,
    value: (r) => (r[amount] as number | null) ?? 0,
    calibrationEnd: end,
    observationEnd: last > end ? last : end,
    timeUnit: unit as "week",
  });
  const bg = fitBgNbd(summary);
  const gg = fitGammaGamma(summary);
  const clv = customerLifetimeValue(bg, gg, summary, { horizon, discountRate, timeUnit: unit as "week" });
  const order = [...clv.clv.keys()].sort((i, j) => clv.clv[j]! - clv.clv[i]!).slice(0, top);
  const params = [
    ...(["r", "alpha", "a", "b"] as const).map((k) => ["BG/NBD", k, fmt(bg[k], 4), fmt(bg.standardErrors?.[k], 4)]),
    ...(["p", "q", "gamma"] as const).map((k) => ["Gamma-Gamma", k, fmt(gg[k], 4), fmt(gg.standardErrors?.[k], 4)]),
  ];
  const customers = order.map((i) => [String(clv.ids[i]), String(summary.frequency[i]), fmt(clv.probabilityAlive[i], 3), fmt(clv.expectedPurchases[i], 2), fmt(clv.expectedValue[i], 2), fmt(clv.clv[i], 2)]);
  const custHead = ["customer", "repeat_purchases", "p_alive", "expected_purchases", "expected_value", "clv"];
  let text: string;
  if (format === "json") {
    text = JSON.stringify({ calibrationEnd: end, timeUnit: unit, customers: summary.customers, bgNbd: { r: bg.r, alpha: bg.alpha, a: bg.a, b: bg.b, standardErrors: bg.standardErrors, logLikelihood: bg.logLikelihood }, gammaGamma: { p: gg.p, q: gg.q, gamma: gg.gamma, standardErrors: gg.standardErrors }, horizon, discountRate, total: clv.total, top: customers.map((r) => Object.fromEntries(custHead.map((h, j) => [h, j === 0 ? r[j] : Number(r[j])]))), read: stats }, null, 2) + "\n";
  } else if (format === "csv") {
    text = csvText(custHead, customers, [false, true, true, true, true, true]);
  } else {
    text = `${valid.length} transactions, ${summary.customers} customers, calibration to ${end} in ${unit}s\n\n`;
    text += table(["model", "parameter", "estimate", "se"], params, [false, false, true, true]);
    text += `\nCLV over ${horizon} ${unit}s at ${discountRate} per ${unit}: total ${clv.total.toFixed(2)}\n\n`;
    text += table(custHead, customers, [false, true, true, true, true, true]);
    if (skipped !== "") text += `\n${skipped}\n`;
  }
  await writeResult(text, out);
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h") {
    process.stdout.write(`${HELP.main}\n`);
    return;
  }
  if (command === "--version" || command === "-v") {
    // the package's own package.json, found from this file's location (installed or in this repository)
    const here = typeof __filename === "string" ? __filename : fileURLToPath(import.meta.url);
    const pkg = createRequire(here)("cx-metrics/package.json") as { version: string };
    process.stdout.write(`cx-metrics ${pkg.version}\n`);
    return;
  }
  if (command === "help") {
    const topic = rest[0];
    process.stdout.write(`${topic !== undefined && HELP[topic] !== undefined && topic !== "common" && topic !== "main" ? `${HELP[topic]}\n\n${HELP.common}` : HELP.main}\n`);
    return;
  }
  const specific: Record<string, Record<string, { type: "string" | "boolean"; short?: string }>> = {
    nps: { score: { type: "string" }, weight: { type: "string" }, method: { type: "string" } },
    csat: { score: { type: "string" }, weight: { type: "string" }, scale: { type: "string" }, "satisfied-min": { type: "string" } },
    ces: { score: { type: "string" }, weight: { type: "string" }, version: { type: "string" } },
    portfolio: {},
    report: { output: { type: "string", short: "o" }, now: { type: "string" } },
    clv: { customer: { type: "string" }, amount: { type: "string" }, end: { type: "string" }, unit: { type: "string" }, horizon: { type: "string" }, discount: { type: "string" }, top: { type: "string" } },
  };
  if (specific[command] === undefined) throw new UsageError(`unknown command "${command}" (commands: nps, csat, ces, portfolio, report, clv, help)`);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, options: { ...COMMON, ...specific[command] }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(`${(e as Error).message.replace(/\. To specify.*$/s, "")} (see "cx-metrics ${command} --help")`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${HELP[command]}\n\n${command === "clv" ? "" : HELP.common}\n`);
    return;
  }
  const want = command === "portfolio" || command === "report" ? 2 : 1;
  if (positionals.slice(0, want - 1).includes("-")) throw new UsageError(`${command} reads the config from a file; only the data file may be "-" (standard input)`);
  if (positionals.length !== want) throw new UsageError(`${command} expects ${want === 2 ? "a config file and a data file" : "one data file"}, got ${positionals.length} argument(s) (see "cx-metrics ${command} --help")`);
  if (command === "clv") return runClv(positionals[0]!, values);
  if (command === "portfolio" || command === "report") {
    let config: Record<string, unknown>;
    try {
      config = JSON.parse(readFileSync(positionals[0]!, "utf8"));
    } catch (e) {
      const code = (e as { code?: string }).code;
      throw new CxMetricsError(code === undefined ? "INVALID_INPUT" : "IO_ERROR", `portfolio: ${code === "ENOENT" ? `config file not found: ${positionals[0]}` : `cannot read the config ${positionals[0]}: ${(e as Error).message}`}`);
    }
    if (config === null || typeof config !== "object" || typeof config.metrics !== "object") throw new CxMetricsError("INVALID_INPUT", `portfolio: expected the config to be { "metrics": { ... }, ... }`);
    return runPortfolio(positionals[1]!, config.metrics as Record<string, MetricConfig>, values, config, command === "report" ? ((values.output as string | undefined) ?? "report.html") : undefined);
  }
  if (values.score === undefined) throw new UsageError(`${command} needs --score <column> (see "cx-metrics ${command} --help")`);
  const metric: MetricConfig = { type: command as "nps", column: values.score as string, weights: values.weight as string | undefined };
  if (command === "nps" && values.method !== undefined) metric.method = choice("method", values.method, ["adjusted-wald", "wald", "tango"]) as "wald";
  if (command === "csat") {
    if (values.scale !== undefined) {
      const m = /^(-?\d+)-(-?\d+)$/.exec(values.scale as string);
      if (m === null) throw new UsageError(`--scale expects min-max, e.g. 1-5, got "${values.scale}"`);
      metric.scale = { min: Number(m[1]), max: Number(m[2]) };
    }
    metric.satisfiedMin = num("satisfied-min", values["satisfied-min"] as string | undefined);
  }
  if (command === "ces" && values.version !== undefined) metric.version = choice("version", values.version, ["2.0", "1.0"]) as "2.0";
  return runPortfolio(positionals[0]!, { [command]: metric }, values);
}

main(process.argv.slice(2)).then(
  () => undefined,
  (e: unknown) => {
    if (e instanceof UsageError) die(`${e.message}`, 1);
    else if (e instanceof CxMetricsError) die(`error [${e.code}]: ${flagSpeak(e.message.replace(/^cx-metrics: /, ""))}`, 2);
    else die(`unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`, 3);
  },
);
