import { fail } from "./errors";
import { describe } from "./input";

/**
 * How to read one value of a row: the name of a row field (`"start"`), or an accessor
 * `(row, index) => value`. A field name reads `row[name]`; a row without that field is an error
 * (a misspelt name must not read as "no value").
 * @category Retention
 */
export type FieldOrAccessor<Row, V> = (keyof Row & string) | ((row: Row, index: number) => V);

/**
 * Turn an option that names a row field or is an accessor into an accessor. The accessor built
 * from a field name refuses a row that is not an object (`INVALID_INPUT`, with the index) and a row
 * without the field (`INVALID_INPUT`, naming the field and the option), so that a misspelt field
 * name is never read as a column of `undefined`.
 *
 * @param fn - The public function, for errors.
 * @param option - The option's name, for errors (`"customerId"`).
 * @param v - The option's value.
 * @returns The accessor.
 * @throws {@link CxMetricsError} `INVALID_OPTION` when `v` is neither a non-empty string nor a function.
 * @internal
 * @example
 * ```ts
 * readFieldOrAccessor("f", "start", "day")({ day: "2024-01-01" }, 0); //=> "2024-01-01"
 * readFieldOrAccessor("f", "start", (r) => r.d)({ d: 3 }, 0); //=> 3
 * readFieldOrAccessor("f", "start", "day")({ dy: "2024-01-01" }, 4); // throws INVALID_INPUT
 * ```
 */
export function readFieldOrAccessor<Row, V>(fn: string, option: string, v: unknown): (row: Row, index: number) => V {
  if (typeof v === "function") return v as (row: Row, index: number) => V;
  if (typeof v !== "string" || v === "") {
    return fail(fn, "INVALID_OPTION", `expected ${option} to be a row field name or an accessor (row, index) => value, got ${describe(v)}`);
  }
  const name = v;
  return (row: Row, index: number): V => {
    if (row === null || typeof row !== "object") {
      fail(fn, "INVALID_INPUT", `expected row ${index} to be an object with a field "${name}" (option ${option}), got ${describe(row)}`, index);
    }
    if (!(name in row)) fail(fn, "INVALID_INPUT", `expected row ${index} to have a field "${name}" (option ${option})`, index);
    return (row as Record<string, unknown>)[name] as V;
  };
}
