// Failures the fuzz suite found that are not fixed yet, one entry per function and root cause. The
// suite ignores a finding that matches an entry (same function, kind matched by `kind`), fails on
// any other finding, and replays each entry's minimal call to check that it still fails the same
// way: fix the bug, then delete its entry (the replay test says so).
//
// Kinds, as the suite prints them:
// - `TypeError: <message with numbers as #> (<file of the first frame in src/>)` for an untyped error;
// - `NaN at <path>`, `Infinity at <path>`, `not a number where a number is promised at <path>`;
// - `timeout: …` for a call over the time bound (the worker is killed), `out of memory`.
import type { SeedContext } from "./seeds";

export interface KnownFailure {
  /** The exported function. */
  fn: string;
  /** The finding's kind (exact text or a pattern), as the suite prints it. */
  kind: string | RegExp;
  /** A minimal call that shows it. */
  call: (ctx: SeedContext) => unknown;
  /** Root cause, file:line. */
  diagnosis: string;
  /** Time bound of the replay (for hangs: short, the call would run for minutes). */
  timeoutMs?: number;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
/** An untyped error whose message starts with `message` (a regex source) raised in `file`. */
export const untyped = (message: string, file: string, name = "TypeError|RangeError") => new RegExp(`^(${name}): ${message}.* \\(${esc(file)}\\)$`);
/** Any untyped error raised in `file` (one root cause with many messages: an unchecked object). */
export const anyUntypedIn = (file: string) => untyped("", file);
/** A call over the time bound. */
export const HANG = /^timeout: /;

// Every failure the suite found while issue 13 was worked on (180 kinds at 400 calls per function,
// 229 at 2,000) is fixed; the list is empty. Add an entry only with its minimal call and diagnosis.
export const KNOWN_FAILURES: KnownFailure[] = [];
