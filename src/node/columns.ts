// Columns of the readers of cx-metrics/node: the `columns` and `where` options, and the conversion
// and check of one value to its column type.
import { fail } from "../core/errors";
import { describe, readChoice } from "../core/input";

/**
 * Type of a column read from a file: values are converted and checked. An empty cell (`""`) and a
 * JSON `null` are missing values, read as `null` whatever the type.
 *
 * - `"number"`: a finite decimal number (`"3.5"`, `"-2e3"`); anything else is a bad row.
 * - `"integer"`: a whole number.
 * - `"boolean"`: `true`/`false`, `1`/`0`, `yes`/`no` (any case).
 * - `"string"`: the text as is.
 * - `"date"`: the text, kept for the metrics to read as a date (they check it).
 * @category Node
 */
export type ColumnType = "number" | "integer" | "boolean" | "string" | "date";

/**
 * A column of the rows read: the field's name in the file (`from`, default the same name) and its
 * type (default `"string"`).
 * @category Node
 */
export interface ColumnSpec {
  from?: string;
  type?: ColumnType;
}

/** A column to read: output name, file field, type. @internal */
export interface Column {
  name: string;
  from: string;
  type: ColumnType;
}

const TYPES: readonly ColumnType[] = ["number", "integer", "boolean", "string", "date"];

/**
 * The `columns` option as a list, or `null` (every column as text).
 * @param fn - The public function, first in error messages.
 * @param columns - The option.
 * @returns The columns.
 * @throws `INVALID_OPTION` for a malformed option.
 * @internal
 * @example
 * ```ts
 * readColumns("f", { nps: { from: "Score", type: "number" }, ch: "string" }); //=> [{ name: "nps", from: "Score", type: "number" }, { name: "ch", from: "ch", type: "string" }]
 * ```
 */
export function readColumns(fn: string, columns: unknown): Column[] | null {
  if (columns === undefined) return null;
  if (columns === null || typeof columns !== "object" || Array.isArray(columns)) fail(fn, "INVALID_OPTION", `expected columns to be a record of output name → type or { from, type }, got ${describe(columns)}`);
  const out: Column[] = [];
  for (const [name, spec] of Object.entries(columns as Record<string, unknown>)) {
    const s = (typeof spec === "string" ? { type: spec } : spec) as ColumnSpec | null;
    if (s === null || typeof s !== "object") fail(fn, "INVALID_OPTION", `expected column "${name}" to be a type or { from, type }, got ${describe(spec)}`);
    const type = readChoice(fn, `type of column "${name}"`, s.type, TYPES, "string");
    const from = s.from ?? name;
    if (typeof from !== "string" || from === "") fail(fn, "INVALID_OPTION", `expected column "${name}".from to be a column name, got ${describe(s.from)}`);
    out.push({ name, from, type });
  }
  if (out.length === 0) fail(fn, "INVALID_OPTION", "expected at least one column");
  return out;
}

/** A row filter: a file field and the texts it may hold. @internal */
export interface Filter {
  from: string;
  values: ReadonlySet<string>;
}

/**
 * The `where` option (field → one text or a list of texts) as a list of filters.
 * @param fn - The public function, first in error messages.
 * @param where - The option.
 * @returns The filters (empty when there is no option).
 * @throws `INVALID_OPTION` for a malformed option.
 * @internal
 * @example
 * ```ts
 * readWhere("f", { survey: ["nps", "NPS"] })[0].values.has("NPS"); //=> true
 * ```
 */
export function readWhere(fn: string, where: unknown): Filter[] {
  if (where === undefined) return [];
  if (where === null || typeof where !== "object" || Array.isArray(where)) fail(fn, "INVALID_OPTION", `expected where to be a record of field name → value or list of values, got ${describe(where)}`);
  const out: Filter[] = [];
  for (const [from, v] of Object.entries(where as Record<string, unknown>)) {
    const list = typeof v === "string" ? [v] : v;
    if (!Array.isArray(list) || list.length === 0 || list.some((x) => typeof x !== "string")) fail(fn, "INVALID_OPTION", `expected where "${from}" to be a text or a non-empty list of texts, got ${describe(v)}`);
    out.push({ from, values: new Set(list as string[]) });
  }
  return out;
}

/**
 * The text a JSON value is compared as by a `where` filter: strings as they are, numbers and
 * booleans as `String` gives them, anything else matches nothing (`null`).
 * @internal
 * @example
 * ```ts
 * [filterText("nps"), filterText(9), filterText(null)]; //=> ["nps", "9", null]
 * ```
 */
export function filterText(v: unknown): string | null {
  return typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : null;
}

const PROBLEM: Record<ColumnType, string> = { number: "not a number", integer: "not a whole number", boolean: "not true/false", string: "not text", date: "not text" };

/**
 * The counting key of a bad value of a column (`column "score": not a number`).
 * @internal
 * @example
 * ```ts
 * valueKind({ name: "s", from: "score", type: "number" }); //=> 'column "score": not a number'
 * ```
 */
export function valueKind(c: Column): string {
  return `column "${c.from}": ${PROBLEM[c.type]}`;
}

/**
 * Convert one value read from a file to its column type; `""`, `null` and `undefined` are `null`.
 * @returns The value.
 * @throws A string: the reason the value does not fit (the caller makes a bad row of it).
 * @internal
 * @example
 * ```ts
 * [convert("9", "number"), convert("", "string"), convert("yes", "boolean")]; //=> [9, null, true]
 * ```
 */
export function convert(v: unknown, type: ColumnType): unknown {
  if (v === null || v === undefined || v === "") return null;
  switch (type) {
    case "string":
    case "date":
      if (typeof v === "string") return v;
      if (type === "string" && (typeof v === "number" || typeof v === "boolean")) return String(v);
      throw `expected text, got ${describe(v)}`;
    case "number":
    case "integer": {
      let x: number;
      if (typeof v === "number") x = v;
      else if (typeof v === "string" && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(v)) x = Number(v);
      else if (typeof v === "bigint" && v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER)) x = Number(v);
      else throw `expected a number, got ${describe(v)}`;
      if (!Number.isFinite(x)) throw `expected a finite number, got ${describe(v)}`;
      if (type === "integer" && !Number.isInteger(x)) throw `expected a whole number, got ${describe(v)}`;
      return x;
    }
    default: {
      if (typeof v === "boolean") return v;
      const s = typeof v === "string" ? v.trim().toLowerCase() : typeof v === "number" ? String(v) : "";
      if (s === "true" || s === "1" || s === "yes") return true;
      if (s === "false" || s === "0" || s === "no") return false;
      throw `expected true/false, 1/0 or yes/no, got ${describe(v)}`;
    }
  }
}
