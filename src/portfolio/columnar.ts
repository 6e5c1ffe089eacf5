// The portfolio summary of a batch of rows held as columns (the columnar path of the file readers
// of cx-metrics/node): the same cells and summaries as summarizeIn on the equivalent rows, with no
// row object. Segments and dates are dictionary codes, so each distinct value is read once.
import { type ColumnarRead, type ColumnBatch, columnarRead } from "../core/columnar";
import { fail } from "../core/errors";
import { instantIn, type Period, type PeriodExtremes, type PeriodIndexer, periodIndexer, seePeriod } from "../core/period";
import { readTimeZone } from "../core/time";
import { CELL_SHIFT, type Portfolio, type PortfolioSummary, type PortfolioSummaryCell, rowError, segmentValue } from "./portfolio";

/** The type of each column a reader holds, by its name in the rows. @internal */
export type ColumnKinds = ReadonlyMap<string, "number" | "integer" | "boolean" | "string" | "date">;

/**
 * How a portfolio reads a batch of columns: the numeric and text columns it needs, each metric's
 * columnar read, and the segment, date and period options.
 * @internal
 */
export interface ColumnarPlan {
  readonly numbers: readonly string[];
  readonly texts: readonly string[];
  readonly reads: readonly ColumnarRead[];
  readonly segmentBy: readonly string[];
  readonly date: string | undefined;
  readonly indexer: PeriodIndexer | null;
  readonly period: Period | null;
  readonly timeZone: string;
  readonly weekStartsOn: number;
  /** Period and instant of each date text seen (at most 100,000), kept from one batch to the next. */
  readonly dates: Map<string, { p: number; ms: number }>;
}

const NUMERIC = new Set(["number", "integer"]);
const TEXT = new Set(["string", "date"]);

/**
 * The columnar plan of a portfolio on columns of the given kinds, or `null` when some part needs
 * rows: a metric without a columnar read (its accessor is not a {@link field}), a metric column that
 * would not read the same as a typed value (text, or a boolean where a number is read), a segment
 * or date given by a function or held in a column that is not text. The options must have been
 * checked (by `summarizeIn` on no rows).
 * @internal
 * @example
 * ```ts
 * import { definePortfolio, npsMetric, field } from "cx-metrics";
 * const p = definePortfolio({ nps: npsMetric({ score: field("s") }) });
 * columnarPlan("f", p, new Map([["s", "number"], ["ch", "string"]]), { segmentBy: "ch" }).numbers; //=> ["s"]
 * columnarPlan("f", p, new Map([["s", "string"]]), {}); //=> null
 * ```
 */
export function columnarPlan(fn: string, portfolio: Portfolio, kinds: ColumnKinds, options: { segmentBy?: unknown; period?: unknown; date?: unknown; timeZone?: unknown; weekStartsOn?: unknown }): ColumnarPlan | null {
  const numbers = new Set<string>();
  const texts = new Set<string>();
  const reads: ColumnarRead[] = [];
  for (const k of portfolio.keys) {
    const read = columnarRead(portfolio.metrics[k]!);
    if (read === undefined) return null;
    const kind = kinds.get(read.value);
    if (kind === undefined || !(NUMERIC.has(kind) || (kind === "boolean" && read.accepts === "boolean"))) return null;
    if (read.weights !== undefined && !NUMERIC.has(kinds.get(read.weights) ?? "")) return null;
    numbers.add(read.value);
    if (read.weights !== undefined) numbers.add(read.weights);
    reads.push(read);
  }
  const s = options.segmentBy;
  const segmentBy = s === undefined ? [] : typeof s === "string" ? [s] : Array.isArray(s) && s.every((x) => typeof x === "string") ? (s as string[]) : null;
  if (segmentBy === null || segmentBy.some((x) => !TEXT.has(kinds.get(x) ?? ""))) return null;
  for (const x of segmentBy) texts.add(x);
  const date = options.date;
  if (date !== undefined && (typeof date !== "string" || !TEXT.has(kinds.get(date) ?? ""))) return null;
  if (date !== undefined) texts.add(date);
  const timeZone = readTimeZone(fn, options.timeZone);
  const indexer = options.period === undefined ? null : periodIndexer(fn, options.period, timeZone, options.weekStartsOn);
  return { numbers: [...numbers], texts: [...texts], reads, segmentBy, date, indexer, period: indexer === null ? null : indexer.period, timeZone, weekStartsOn: (options.weekStartsOn as number | undefined) ?? 1, dates: new Map() };
}

/**
 * The values of column `src` for the rows `order[a..b)` (indices from `from`), as a typed array, or
 * as an array with `null` for the missing values (NaN) when there are any.
 */
function gather(src: Float64Array, from: number, order: Int32Array | null, a: number, b: number): ArrayLike<number | null> {
  let out: Float64Array;
  if (order === null) out = src.subarray(from + a, from + b);
  else {
    out = new Float64Array(b - a);
    for (let j = a; j < b; j++) out[j - a] = src[from + order[j]!]!;
  }
  for (let j = 0; j < out.length; j++) {
    if (out[j] !== out[j]) return Array.from(out, (x) => (x !== x ? null : x));
  }
  return out;
}

/**
 * The portfolio summary of rows `[from, to)` of a column batch: the same summary as
 * `summarizeIn` gives on the equivalent rows (cells in order of first appearance, the same errors at
 * the same row, counted from `from`), and the same period extremes in `seen`.
 *
 * Time: O(n) for the cells (a dictionary look-up per row only at a new segment or date value), then
 * one gather and one summary per metric column and cell.
 * @internal
 * @example
 * ```ts
 * import { definePortfolio, npsMetric, field } from "cx-metrics";
 * const p = definePortfolio({ nps: npsMetric({ score: field("s") }) });
 * const plan = columnarPlan("f", p, new Map([["s", "number"]]), {});
 * const batch = { length: 3, numbers: new Map([["s", Float64Array.of(9, 10, 3)]]), texts: new Map() };
 * summarizeColumnsIn("f", p, plan, batch, 0, 3).cells[0].summaries.nps.promoters; //=> 2
 * ```
 */
export function summarizeColumnsIn(fn: string, portfolio: Portfolio, plan: ColumnarPlan, batch: ColumnBatch, from: number, to: number, seen?: PeriodExtremes): PortfolioSummary {
  const n = to - from;
  const names = plan.segmentBy;
  const segCols = names.map((name) => batch.texts.get(name)!);
  const segmentIds = new Map<string, number>();
  const segmentValues: string[][] = [];
  const cellOf = new Int32Array(n);
  const cellIds = new Map<number, number>();
  const cellKeys: number[] = [];
  // segment of each code (single key) or of each combination of codes (several keys)
  const single = segCols.length === 1 ? segCols[0]! : null;
  const segOfCode = single === null ? null : new Int32Array(single.values.length + 1).fill(-1);
  const levels = segCols.slice(1).map(() => new Map<number, number>());
  const segOfTuple: number[] = [];
  const dateCol = plan.date === undefined ? null : batch.texts.get(plan.date)!;
  const indexer = plan.indexer;
  const pOfCode = dateCol === null ? null : new Float64Array(dateCol.values.length + 1).fill(NaN);
  const msOfCode = dateCol === null ? null : new Float64Array(dateCol.values.length + 1);
  let firstMs = Infinity;
  let lastMs = -Infinity;
  // the cell of a (segment, date code) pair: a dense table when it is small, else a map on the cell key
  const segBound = single !== null ? single.values.length + 1 : segCols.length > 1 ? n : 1;
  const dateBound = dateCol === null ? 1 : dateCol.values.length + 1;
  const dense = segBound * dateBound <= 1 << 16 ? new Int32Array(segBound * dateBound).fill(-1) : null;
  const segmentOf = (values: string[]): number => {
    const key = values.length === 1 ? values[0]! : JSON.stringify(values);
    let id = segmentIds.get(key);
    if (id === undefined) {
      id = segmentValues.length;
      segmentIds.set(key, id);
      segmentValues.push(values);
    }
    return id;
  };
  for (let i = 0; i < n; i++) {
    const r = from + i;
    let seg = 0;
    if (single !== null) {
      const code = single.codes[r]!;
      seg = segOfCode![code + 1]!;
      if (seg < 0) {
        seg = segmentOf([segmentValue(fn, names[0]!, code < 0 ? null : single.values[code], i)]);
        segOfCode![code + 1] = seg;
      }
    } else if (segCols.length > 1) {
      let t = segCols[0]!.codes[r]! + 1;
      for (let k = 1; k < segCols.length; k++) {
        const col = segCols[k]!;
        const key = t * (col.values.length + 1) + col.codes[r]! + 1;
        const level = levels[k - 1]!;
        let id = level.get(key);
        if (id === undefined) {
          id = level.size;
          level.set(key, id);
        }
        t = id;
      }
      let id = segOfTuple[t];
      if (id === undefined) {
        const values = segCols.map((col, k) => {
          const code = col.codes[r]!;
          return segmentValue(fn, names[k]!, code < 0 ? null : col.values[code], i);
        });
        id = segmentOf(values);
        segOfTuple[t] = id;
      }
      seg = id;
    }
    let p = 0;
    if (dateCol !== null) {
      const code = dateCol.codes[r]! + 1;
      p = pOfCode![code]!;
      if (p !== p) {
        const text = code === 0 ? null : dateCol.values[code - 1]!;
        let known = text === null ? undefined : plan.dates.get(text);
        if (known === undefined) {
          const ms = instantIn(fn, text, plan.timeZone, "date", i);
          known = { p: indexer!.indexOf(ms), ms };
          if (text !== null && plan.dates.size < 100_000) plan.dates.set(text, known);
        }
        if (known.ms < firstMs) firstMs = known.ms;
        if (known.ms > lastMs) lastMs = known.ms;
        p = known.p;
        pOfCode![code] = p;
        msOfCode![code] = known.ms;
      }
      if (!(p > -CELL_SHIFT / 2 && p < CELL_SHIFT / 2)) fail(fn, "INVALID_DATE", `expected the date of row ${i} within ±5,000 years of 2000`, i);
      if (seen !== undefined) seePeriod(seen, p, p < seen.lo || p > seen.hi ? msOfCode![code]! : NaN, i);
    }
    const pair = dense === null ? -1 : seg * dateBound + (dateCol === null ? 0 : dateCol.codes[r]! + 1);
    let cell = pair < 0 ? -1 : dense![pair]!;
    if (cell < 0) {
      const key = seg * CELL_SHIFT + p + CELL_SHIFT / 2;
      let known = cellIds.get(key);
      if (known === undefined) {
        known = cellKeys.length;
        cellIds.set(key, known);
        cellKeys.push(key);
      }
      cell = known;
      if (pair >= 0) dense![pair] = cell;
    }
    cellOf[i] = cell;
  }
  // counting sort of the rows by cell (none for a single cell)
  const cells = cellKeys.length;
  const start = new Int32Array(cells + 1);
  let order: Int32Array | null = null;
  if (cells > 1) {
    for (let i = 0; i < n; i++) start[cellOf[i]! + 1]!++;
    for (let c = 0; c < cells; c++) start[c + 1]! += start[c]!;
    order = new Int32Array(n);
    const fill = start.slice(0, cells);
    for (let i = 0; i < n; i++) order[fill[cellOf[i]!]!++] = i;
  } else start[1] = n;
  const keys = portfolio.keys;
  const out: PortfolioSummaryCell[] = new Array(cells);
  for (let c = 0; c < cells; c++) {
    const key = cellKeys[c]!;
    const seg = Math.floor(key / CELL_SHIFT);
    const p = (key % CELL_SHIFT) - CELL_SHIFT / 2;
    const a = start[c]!;
    const b = start[c + 1]!;
    const columns = new Map<string, ArrayLike<number | null>>();
    const column = (name: string): ArrayLike<number | null> => {
      let v = columns.get(name);
      if (v === undefined) {
        v = gather(batch.numbers.get(name)!, from, order, a, b);
        columns.set(name, v);
      }
      return v;
    };
    const summaries: Record<string, unknown> = {};
    keys.forEach((k, m) => {
      const read = plan.reads[m]!;
      try {
        summaries[k] = read.summarize(column(read.value), read.weights === undefined ? undefined : column(read.weights));
      } catch (e) {
        throw rowError(fn, k, e, (j) => (order === null ? a + j : order[a + j]!));
      }
    });
    out[c] = {
      segment: names.length === 0 ? [] : segmentValues[seg]!,
      period: indexer === null ? null : indexer.labelOf(p),
      periodIndex: indexer === null ? null : p,
      summaries,
    };
  }
  const dates = indexer !== null && firstMs <= lastMs ? { dates: { first: firstMs, last: lastMs } } : {};
  return { kind: "portfolio", metrics: [...keys], segmentBy: [...names], period: plan.period, timeZone: plan.timeZone, weekStartsOn: plan.weekStartsOn, cells: out, ...dates };
}
