// The worker-thread side of evaluateInWorkers: summarize the byte ranges of a file it is sent, one
// at a time (or one slice of a shared typed array), through a portfolio imported from the user's
// module or built from a config, and post each summary.
// Not a public entry point; loaded by path from dist/node/worker.js.
import { pathToFileURL } from "node:url";
import { parentPort, workerData } from "node:worker_threads";
import { CxMetricsError, withContext } from "../core/errors";
import { type MetricConfig, portfolioFromConfig } from "../portfolio/config";
import type { Portfolio } from "../portfolio/portfolio";
import { summarizeIn } from "../portfolio/portfolio";
import { type RangeJob, summarizeRange } from "./file-range";

/**
 * A file read in ranges: a worker of the pool is sent `{ type: "range", job, k, start, end }`,
 * summarizes the range (loading the job's portfolio once) and answers `{ type: "done", k, result }`.
 * @internal
 */
export interface FileTask extends RangeJob {
  kind: "file";
  module: string;
  exportName: string;
  config?: Record<string, MetricConfig>;
}

/** @internal */
export interface ArrayTask {
  kind: "array";
  buffer: SharedArrayBuffer;
  type: string;
  start: number;
  end: number;
  module: string;
  exportName: string;
  config?: Record<string, MetricConfig>;
}

async function loadPortfolio(module: string, exportName: string, config: Record<string, MetricConfig> | undefined): Promise<Portfolio> {
  if (config !== undefined) return portfolioFromConfig(config);
  const mod = (await import(pathToFileURL(module).href)) as Record<string, unknown>;
  return mod[exportName] as Portfolio;
}

/** The portfolios of the jobs this thread has run (a thread is kept for later calls), the latest 8. */
const portfolios = new Map<string, Promise<Portfolio>>();
function portfolioOf(job: FileTask): Promise<Portfolio> {
  const key = job.config !== undefined ? `config:${JSON.stringify(job.config)}` : `module:${job.module}#${job.exportName}`;
  let p = portfolios.get(key);
  if (p === undefined) {
    p = loadPortfolio(job.module, job.exportName, job.config);
    portfolios.set(key, p);
    if (portfolios.size > 8) portfolios.delete(portfolios.keys().next().value!);
  }
  return p;
}

function errorMessage(e: unknown): unknown {
  return e instanceof CxMetricsError ? { cx: true, code: e.code, message: e.message, fn: e.fn, reason: e.reason, context: e.context, index: e.index, details: e.details } : { cx: false, message: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? e.stack : undefined };
}

async function runArray(task: ArrayTask): Promise<unknown> {
  const portfolio = await loadPortfolio(task.module, task.exportName, task.config);
  const Ctor = (globalThis as unknown as Record<string, new (b: SharedArrayBuffer) => ArrayLike<number> & { subarray(a: number, b: number): ArrayLike<number> }>)[task.type]!;
  const view = new Ctor(task.buffer).subarray(task.start, task.end);
  try {
    return { summary: summarizeIn("evaluateInWorkers", portfolio, view, {}) };
  } catch (e) {
    // the index within the slice → the index in the whole array
    if (e instanceof CxMetricsError && e.index !== undefined) {
      const index = e.index + task.start;
      throw withContext(e, e.fn, [], { index, rename: { value: index } });
    }
    throw e;
  }
}

const task = workerData as ArrayTask | null;
if (task !== null && task.kind === "array") {
  runArray(task).then(
    (result) => parentPort!.postMessage({ type: "done", k: 0, result }),
    (e: unknown) => parentPort!.postMessage({ type: "error", k: 0, error: errorMessage(e) }),
  );
} else {
  // a thread of the pool: ranges of files come one at a time, each with its job (the portfolio is
  // loaded once per job description), until the caller ends the thread
  parentPort!.on("message", (m: { type: "range"; job: FileTask; k: number; start: number; end: number }) => {
    portfolioOf(m.job)
      .then((p) => summarizeRange(m.job, p, m.start, m.end, (rows, bytes) => parentPort!.postMessage({ type: "progress", k: m.k, rows, bytes })))
      .then(
        (result) => parentPort!.postMessage({ type: "done", k: m.k, result }),
        (e: unknown) => parentPort!.postMessage({ type: "error", k: m.k, error: errorMessage(e) }),
      );
  });
}
