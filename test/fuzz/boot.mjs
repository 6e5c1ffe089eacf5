// Entry of the fuzz worker thread: registers tsx so the worker can import the TypeScript sources
// (vitest's transform does not reach worker threads), then loads the worker module.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
