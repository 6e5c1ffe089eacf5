// The transactions of `cx-metrics clv`, checked row by row before the customer summary is built,
// so a bad row is named by its file line, and skipped and counted with --skip-bad-rows.
import { CxMetricsError, fail } from "../core/errors";
import { readAmount } from "../core/records";
import { describe } from "../core/input";
import { DAY_MS, toEpochMs } from "../core/time";

/**
 * Check transactions read from a file: a customer id (text), a date `rfmSummary` reads, an amount
 * that is a number ≥ 0 (an empty amount counts as 0). A bad row throws with its line, or with
 * `skipRow` is counted (kind `column "x": CODE`) and left out.
 * @param fn - The public function, first in error messages.
 * @param rows - The rows read.
 * @param lines - The file line of each row.
 * @param names - The customer, date and amount columns.
 * @param skipRow - Counts a skipped row; without it a bad row throws.
 * @returns The valid rows and the last transaction day (`YYYY-MM-DD`, UTC).
 * @throws `INVALID_INPUT`, `INVALID_DATE`, `OUT_OF_RANGE`... with `details.line`.
 * @internal
 * @example
 * ```ts
 * const skipped = [];
 * const r = validTransactions("clv", [{ c: "a", d: "2024-01-02", v: 3 }, { c: "b", d: "2024-13-01", v: 1 }], [2, 3], { customer: "c", date: "d", amount: "v" }, (line, kind) => skipped.push([line, kind]));
 * [r.rows.length, r.lastDay, skipped]; //=> [1, "2024-01-02", [[3, 'column "d": INVALID_DATE']]]
 * ```
 */
export function validTransactions(
  fn: string,
  rows: readonly Record<string, unknown>[],
  lines: readonly number[],
  names: { customer: string; date: string; amount: string },
  skipRow: ((line: number, kind: string, reason: string) => void) | undefined,
): { rows: Record<string, unknown>[]; lastDay: string } {
  const out: Record<string, unknown>[] = [];
  let last = -Infinity;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    let column = names.customer;
    try {
      const id = r[names.customer];
      if (typeof id !== "string") fail(fn, "INVALID_INPUT", `expected a customer id, got ${describe(id)}`);
      column = names.date;
      const ms = toEpochMs(fn, r[names.date], "a transaction date");
      column = names.amount;
      readAmount(fn, "amount", r[names.amount] ?? 0, i);
      if (ms > last) last = ms;
      out.push(r);
    } catch (e) {
      if (!(e instanceof CxMetricsError)) throw e;
      const line = lines[i]!;
      const reason = `column "${column}": ${e.message.replace(/^\w+: /, "").replace(` at index ${i}`, "")}`;
      if (skipRow === undefined) fail(fn, e.code, `line ${line}: ${reason}`, undefined, { line });
      skipRow(line, `column "${column}": ${e.code}`, reason);
    }
  }
  const lastDay = last === -Infinity ? "" : new Date(Math.floor(last / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
  return { rows: out, lastDay };
}
