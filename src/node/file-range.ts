// One byte range of a file, summarized through a portfolio: what each thread of evaluateInWorkers
// (a worker thread, or the calling thread, which takes ranges too) does with a range it is given.
import { createReadStream } from "node:fs";
import { fail } from "../core/errors";
import type { Portfolio, PortfolioSummary } from "../portfolio/portfolio";
import { summarizeSource } from "./evaluate";
import type { ReadStats } from "./read";
import { ioError } from "./source";

/** What every range of one file shares: the file, its CSV header (with its line end), the reading and summary options. @internal */
export interface RangeJob {
  path: string;
  /** CSV header bytes (with their newline), prepended to each range; `null` for NDJSON. */
  header: Uint8Array | null;
  options: Record<string, unknown>;
}

/** The summary of one range and its read's counts. @internal */
export interface RangeDone {
  summary: PortfolioSummary;
  stats: ReadStats;
}

/**
 * Summarize the bytes `[start, end)` of the job's file (after its header) through `portfolio`, as
 * `evaluateFile` reads a file: line numbers count from the header (line 1) as if the range were a
 * file of its own; the caller adds the lines before the range. A range shorter than planned (the
 * file shrank) is `IO_ERROR`.
 * @param job - The file, header and options.
 * @param portfolio - The portfolio.
 * @param start - First byte of the range.
 * @param end - Byte after the range.
 * @param onProgress - Rows and bytes read so far in this range.
 * @returns The summary and the counts.
 * @internal
 * @example
 * ```ts
 * // summarizeRange({ path: "a.csv", header: null, options: { format: "ndjson" } }, portfolio, 0, 1000);
 * ```
 */
export async function summarizeRange(job: RangeJob, portfolio: Portfolio, start: number, end: number, onProgress?: (rows: number, bytes: number) => void): Promise<RangeDone> {
  const fn = "evaluateInWorkers";
  async function* bytes(): AsyncGenerator<Uint8Array> {
    if (job.header !== null) yield job.header;
    if (end <= start) return;
    let read = 0;
    try {
      for await (const chunk of createReadStream(job.path, { start, end: end - 1, highWaterMark: 1 << 20 })) {
        const b = chunk as Buffer;
        read += b.length;
        yield b;
      }
    } catch (e) {
      throw ioError(fn, "read", job.path, e);
    }
    // a range shorter than planned: the file shrank since it was split
    if (read !== end - start) fail(fn, "IO_ERROR", `the file ${job.path} changed while it was read (bytes ${start}–${end} planned, ${read} read): read it again when it is complete`, undefined, { path: job.path, cause: "CHANGED" });
  }
  const { summary, stats } = await summarizeSource(fn, bytes(), portfolio, {
    ...job.options,
    ...(onProgress === undefined ? {} : { onProgress: (p: { rows: number; bytes: number }) => onProgress(p.rows, p.bytes), progressIntervalMs: 250 }),
  } as never);
  return { summary, stats };
}
