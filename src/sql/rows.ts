// Reading a query's result rows as a driver returns them: the rows, one row, a number, a count.
// Shared by every push-down (toSql and its kinds, rfmToSql, pearsonToSql).
import { fail } from "../core/errors";
import { describe, exactBigInt } from "../core/input";

/**
 * The result rows of a query as the driver returns them: an array (or array-like) of rows.
 * @internal
 * @example
 * ```ts
 * sqlRows("f", [{ n: 1 }]).length; //=> 1
 * ```
 */
export function sqlRows(fn: string, rows: unknown): ArrayLike<unknown> {
  const length = rows !== null && typeof rows === "object" ? (rows as { length?: unknown }).length : undefined;
  if (typeof length !== "number" || !Number.isSafeInteger(length) || length < 0) fail(fn, "INVALID_INPUT", `expected the result rows as an array of objects, got ${describe(rows)}`);
  return rows as ArrayLike<unknown>;
}

/**
 * Result row `r`, checked to be an object (a driver gives one object per row, keyed by alias).
 * @internal
 * @example
 * ```ts
 * sqlRow("f", [{ n: 1 }], 0).n; //=> 1
 * ```
 */
export function sqlRow(fn: string, rows: ArrayLike<unknown>, r: number): Record<string, unknown> {
  const row = rows[r];
  if (row === null || typeof row !== "object" || Array.isArray(row)) fail(fn, "INVALID_INPUT", `expected result row ${r} to be an object keyed by column alias, got ${describe(row)}`, r);
  return row as Record<string, unknown>;
}

/**
 * A number in column `alias` of result row `r`: a finite number, a numeric string or a bigint
 * (DuckDB returns BIGINT columns as bigint) that a double holds exactly; anything else is refused.
 * @internal
 * @example
 * ```ts
 * sqlNumber("f", { n: 4n }, "n", 0); //=> 4
 * ```
 */
export function sqlNumber(fn: string, row: Record<string, unknown>, alias: string, r: number): number {
  const v = Object.hasOwn(row, alias) ? row[alias] : undefined;
  const x = typeof v === "number" ? v : typeof v === "bigint" ? (exactBigInt(v) ?? NaN) : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  if (!Number.isFinite(x)) fail(fn, "INVALID_INPUT", `expected a number in column "${alias}" of result row ${r}, got ${describe(v)}${typeof v === "bigint" ? " (beyond the integers a double holds exactly)" : ""}`, r);
  return x;
}

/**
 * As {@link sqlNumber}, for a count: a whole number from 0 to 2^53 − 1.
 * @internal
 * @example
 * ```ts
 * sqlCount("f", { n: "3" }, "n", 0); //=> 3
 * ```
 */
export function sqlCount(fn: string, row: Record<string, unknown>, alias: string, r: number): number {
  const x = sqlNumber(fn, row, alias, r);
  if (!Number.isSafeInteger(x) || x < 0) fail(fn, "INVALID_INPUT", `expected a count (a whole number >= 0) in column "${alias}" of result row ${r}, got ${describe(row[alias])}`, r);
  return x;
}
