// The entry points of the package, from source (as the other tests import them).
import * as main from "../../src/index";
import * as schema from "../../src/schema/index";
import * as node from "../../src/node/index";
import * as sql from "../../src/sql/index";
import * as charts from "../../src/charts/index";

export const ENTRY_POINTS: Record<string, Record<string, unknown>> = {
  "cx-metrics": main,
  "cx-metrics/schema": schema,
  "cx-metrics/node": node,
  "cx-metrics/sql": sql,
  "cx-metrics/charts": charts,
};

/** The exported functions (and classes) of one entry point, found at run time. */
export function exportedFunctions(entry: string): string[] {
  return Object.entries(ENTRY_POINTS[entry]!)
    .filter(([, v]) => typeof v === "function")
    .map(([k]) => k)
    .sort();
}
