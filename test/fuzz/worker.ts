// The fuzz suite's worker thread: it makes the calls, so that a call that never returns (a
// synchronous loop over 5,000 years of days) or runs out of memory can be stopped from outside
// (`worker.terminate()` interrupts synchronous code). The main thread (fuzz.test.ts) restarts it
// after the call that hung. Messages out: `start` before each call, `finding` for each problem,
// `done` at the end of a job.
import { parentPort, workerData } from "node:worker_threads";
import fc from "fast-check";
import { garbageValue, mutate, planArb, SentinelError, type Plan } from "./arbitraries";
import { callOnce, errorDetail, numberPaths, resultFindings, safeInspect, thrownKind, type Finding } from "./harness";
import { KNOWN_FAILURES } from "./known-failures";
import { ENTRY_POINTS } from "./entries";
import { SPECS, type SeedContext } from "./seeds";

export type Job =
  | { mode: "fuzz"; entry: string; name: string; runs: number; seed: number; from: number }
  | { mode: "replay"; index: number }
  | { mode: "describe"; entry: string; name: string; runs: number; seed: number; i: number };

export type WorkerMessage =
  | { t: "ready" }
  | { t: "start"; i: number; timeoutMs: number }
  | { t: "finding"; i: number; finding: Finding; call: string }
  | { t: "described"; call: string }
  | { t: "done"; calls: number };

const ctx: SeedContext = { dir: workerData.dir as string, module: new URL(workerData.module as string) };
const port = parentPort!;

let current: { i: number; fn: string; call: () => string } | null = null;
// a promise the library left behind that rejects later, or an exception thrown after a call
// returned (a timer), is a finding of the call that caused it
const late = (kind: string) => (e: unknown) => {
  const c = current;
  const tk = thrownKind(e);
  if (tk === null) return;
  port.postMessage({ t: "finding", i: c?.i ?? -1, finding: { fn: c?.fn ?? "?", kind: `${kind} ${tk}`, detail: errorDetail(e) }, call: c?.call() ?? "?" } satisfies WorkerMessage);
};
process.on("unhandledRejection", late("unhandled rejection:"));
process.on("uncaughtException", late("uncaught exception after the call:"));

/**
 * The findings of a result; a result that cannot be walked (it carries the caller's proxy that
 * throws, passed through) has none of its own.
 */
function safeFindings(fn: string, value: unknown, numbers: ReadonlySet<string>, spec: (typeof SPECS)[string][string]): Finding[] {
  try {
    return resultFindings(fn, value, numbers, spec.infinityOk, spec.optionalNumbers);
  } catch (e) {
    if (e instanceof SentinelError) return [];
    throw e;
  }
}

/** The hash of a function name, to give each function its own stream of generated calls. */
function hash(s: string, seed: number): number {
  let h = seed | 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

function argsOf(plan: Plan, seeds: () => unknown[][]): { args: unknown[]; what: string } {
  if (plan.kind === "garbage") return { args: plan.args.map(garbageValue), what: "pure garbage" };
  return mutate(seeds()[plan.seed]!, plan);
}

async function runFuzz(job: Extract<Job, { mode: "fuzz" }>): Promise<number> {
  const f = ENTRY_POINTS[job.entry]![job.name] as (...a: unknown[]) => unknown;
  const spec = SPECS[job.entry]![job.name]!;
  const timeoutMs = spec.timeoutMs ?? (workerData.timeoutMs as number);
  const isClass = /^class\b/.test(Function.prototype.toString.call(f));
  const call = isClass ? (...a: unknown[]) => new (f as unknown as new (...a: unknown[]) => unknown)(...a) : f;
  const seeds = () => spec.seeds(ctx).map((args) => (spec.sanitize ? spec.sanitize(args, ctx) : args));
  const report = (i: number, finding: Finding, describe: () => string) => port.postMessage({ t: "finding", i, finding, call: describe() } satisfies WorkerMessage);

  // the seeds must pass: they define the result fields that are numbers
  const good: unknown[] = [];
  const seedArgs = seeds();
  for (let k = 0; k < seedArgs.length; k++) {
    if (job.from > 0) break;
    current = { i: -1 - k, fn: job.name, call: () => `seed ${k}: ${safeInspect(seeds()[k])}` };
    port.postMessage({ t: "start", i: -1 - k, timeoutMs } satisfies WorkerMessage);
    const o = await callOnce(call, seedArgs[k]!, spec.consume);
    if (!o.ok) report(-1 - k, { fn: job.name, kind: `seed ${k} threw`, detail: errorDetail(o.error) }, current.call);
    else good.push(o.value);
  }
  const numbers = job.from > 0 ? numberPaths(await Promise.all(seeds().map(async (a) => { const o = await callOnce(call, a, spec.consume); return o.ok ? o.value : undefined; }))) : numberPaths(good);
  if (job.from === 0 && spec.echo === undefined) for (const [k, v] of good.entries()) for (const fd of resultFindings(job.name, v, new Set(), spec.infinityOk)) report(-1 - k, { ...fd, kind: `seed ${k}: ${fd.kind}` }, () => `seed ${k}`);

  const plans = fc.sample(planArb(f.length, seedArgs.length), { seed: hash(job.name, job.seed), numRuns: job.runs });
  for (let i = job.from; i < plans.length; i++) {
    const plan = plans[i]!;
    const describe = () => {
      const { args, what } = argsOf(plan, seeds);
      return `${job.name} call #${i} (${what}): ${job.name}(${safeInspect(spec.sanitize ? spec.sanitize(args, ctx) : args).replace(/^\[ ?|\ ?]$/g, "")})`;
    };
    current = { i, fn: job.name, call: describe };
    const { args } = argsOf(plan, seeds);
    const safe = spec.sanitize ? spec.sanitize(args, ctx) : args;
    port.postMessage({ t: "start", i, timeoutMs } satisfies WorkerMessage);
    const o = await callOnce(call, safe, spec.consume);
    if (!o.ok) {
      const kind = thrownKind(o.error);
      if (kind !== null) report(i, { fn: job.name, kind, detail: errorDetail(o.error) }, describe);
    } else if (spec.echo === undefined) {
      for (const fd of safeFindings(job.name, o.value, numbers, spec)) report(i, fd, describe);
    }
  }
  current = null;
  return plans.length - job.from;
}

async function runReplay(job: Extract<Job, { mode: "replay" }>): Promise<number> {
  const k = KNOWN_FAILURES[job.index]!;
  const [entry, spec] = Object.entries(SPECS).find(([, s]) => k.fn in s)!.map((x) => x) as [string, (typeof SPECS)[string]];
  const s = spec[k.fn]!;
  const f = ENTRY_POINTS[entry]![k.fn] as (...a: unknown[]) => unknown;
  const seedResults: unknown[] = [];
  for (const a of s.seeds(ctx)) {
    const o = await callOnce(f, s.sanitize ? s.sanitize(a, ctx) : a, s.consume);
    if (o.ok) seedResults.push(o.value);
  }
  current = { i: 0, fn: k.fn, call: () => `known failure ${job.index}: ${k.call.toString()}` };
  port.postMessage({ t: "start", i: 0, timeoutMs: k.timeoutMs ?? s.timeoutMs ?? (workerData.timeoutMs as number) } satisfies WorkerMessage);
  const o = await callOnce(() => k.call(ctx), [], s.consume);
  const findings: Finding[] = [];
  if (!o.ok) {
    const kind = thrownKind(o.error);
    if (kind !== null) findings.push({ fn: k.fn, kind, detail: errorDetail(o.error) });
  } else findings.push(...safeFindings(k.fn, o.value, numberPaths(seedResults), s));
  for (const fd of findings) port.postMessage({ t: "finding", i: 0, finding: fd, call: current.call() } satisfies WorkerMessage);
  current = null;
  return 1;
}

/** The call a fuzz job makes at index i (to print a call that hung: the worker that made it is gone). */
function describeCall(job: Extract<Job, { mode: "describe" }>): string {
  const f = ENTRY_POINTS[job.entry]![job.name] as (...a: unknown[]) => unknown;
  const spec = SPECS[job.entry]![job.name]!;
  const seeds = () => spec.seeds(ctx).map((args) => (spec.sanitize ? spec.sanitize(args, ctx) : args));
  if (job.i < 0) return `seed ${-1 - job.i}: ${safeInspect(seeds()[-1 - job.i])}`;
  const plan = fc.sample(planArb(f.length, seeds().length), { seed: hash(job.name, job.seed), numRuns: job.runs })[job.i]!;
  const { args, what } = argsOf(plan, seeds);
  return `${job.name} call #${job.i} (${what}): ${job.name}(${safeInspect(spec.sanitize ? spec.sanitize(args, ctx) : args).replace(/^\[ ?|\ ?]$/g, "")})`;
}

port.on("message", async (job: Job) => {
  if (job.mode === "describe") {
    port.postMessage({ t: "described", call: describeCall(job) } satisfies WorkerMessage);
    return;
  }
  try {
    const calls = job.mode === "fuzz" ? await runFuzz(job) : await runReplay(job);
    port.postMessage({ t: "done", calls } satisfies WorkerMessage);
  } catch (e) {
    // a fault of the suite itself (not of the call): reported, never taken for a hang
    const fn = job.mode === "fuzz" ? job.name : KNOWN_FAILURES[job.index]!.fn;
    port.postMessage({ t: "finding", i: current?.i ?? -1, finding: { fn, kind: "the fuzz harness failed", detail: errorDetail(e) }, call: current?.call() ?? "?" } satisfies WorkerMessage);
    port.postMessage({ t: "done", calls: 0 } satisfies WorkerMessage);
  }
});
port.postMessage({ t: "ready" } satisfies WorkerMessage);
