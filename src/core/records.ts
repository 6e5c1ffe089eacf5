import { fail } from "./errors";
import { describe } from "./input";

/**
 * Numbering of customers in order of first appearance. Internal.
 * @internal
 */
export interface CustomerIndex {
  /** Ids in order of first appearance. */
  ids: (string | number)[];
  /** The number of `id` (new ids get the next number); refuses ids that are not strings or finite numbers. */
  indexOf(fn: string, id: unknown, row: number): number;
}

/**
 * A fresh {@link CustomerIndex}.
 * @internal
 * @example
 * ```ts
 * const c = customerIndex();
 * [c.indexOf("f", "a", 0), c.indexOf("f", "b", 1), c.indexOf("f", "a", 2)]; //=> [0, 1, 0]
 * ```
 */
export function customerIndex(): CustomerIndex {
  const map = new Map<string | number, number>();
  const ids: (string | number)[] = [];
  return {
    ids,
    indexOf(fn: string, id: unknown, row: number): number {
      if (!(typeof id === "string" || (typeof id === "number" && Number.isFinite(id)))) {
        fail(fn, "INVALID_INPUT", `expected a customer id (string or finite number) at index ${row}, got ${describe(id)}`, row);
      }
      let c = map.get(id);
      if (c === undefined) {
        c = ids.length;
        map.set(id, c);
        ids.push(id);
      }
      return c;
    },
  };
}

/**
 * Read a money amount of a row: a finite number ≥ 0.
 * @internal
 * @example
 * ```ts
 * readAmount("f", "value", 12.5, 0); //=> 12.5
 * ```
 */
export function readAmount(fn: string, what: string, v: unknown, row: number): number {
  if (typeof v !== "number") fail(fn, "INVALID_SCORE", `expected the ${what} at index ${row} to be a number, got ${describe(v)}`, row);
  if (!Number.isFinite(v)) fail(fn, "NON_FINITE", `expected the ${what} at index ${row} to be finite, got ${v}`, row);
  if (v < 0) fail(fn, "OUT_OF_RANGE", `expected the ${what} at index ${row} to be >= 0, got ${v}`, row);
  return v;
}
