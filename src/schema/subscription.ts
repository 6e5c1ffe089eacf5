import * as z from "zod/mini";
import { fail } from "../core/errors";
import { describe } from "../core/input";
import { parseRows } from "./survey";

const instant = () =>
  z.union(
    [z.iso.datetime({ offset: true }), z.iso.date(), z.number("expected a number").check(z.refine(Number.isFinite, "expected a finite number"))],
    "expected an ISO-8601 date-time with offset, a YYYY-MM-DD date, or epoch milliseconds",
  );

const toMs = (v: string | number): number => (typeof v === "number" ? v : Date.parse(v));

/**
 * Zod schema of one subscription row: `{ customerId, start, end?: … | null, mrr? }` with dates as
 * ISO-8601 strings (a date-time with an offset, or a date) or epoch milliseconds, the end after the
 * start (an end of `null` or absent: still active), and a finite MRR ≥ 0. Dates keep their form;
 * the retention functions read them (a date means local midnight in their `timeZone`).
 * @category Schema
 */
export const subscriptionRowSchema = /* @__PURE__ */ z
  .object(
    {
      customerId: z.union([z.string(), z.number().check(z.refine(Number.isFinite, "expected a finite number"))], "expected a string or a number"),
      start: instant(),
      end: z.optional(z.nullable(instant())),
      mrr: z.optional(z.number("expected a number").check(z.refine(Number.isFinite, "expected a finite number"), z.gte(0, "expected an MRR >= 0"))),
    },
    "expected an object",
  )
  .check(
    z.superRefine((row, ctx) => {
      if (row.end !== null && row.end !== undefined && !(toMs(row.end) > toMs(row.start))) {
        ctx.issues.push({ code: "custom", input: row.end, path: ["end"], message: "expected the end after the start" });
      }
    }),
  );

/** A validated subscription row. @category Schema */
export type SubscriptionRow = z.output<typeof subscriptionRowSchema>;

/**
 * Validate untrusted subscription rows (a JSON payload, rows from a file): every invalid row is
 * listed with its index, field and reason in one `INVALID_INPUT` error (`details: { issues,
 * invalidRows, totalIssues }`), as `parseSurveyResponses` does. Overlapping subscriptions of one
 * customer are valid here; the retention functions merge them.
 *
 * @param input - An array of rows, or a JSON string of one.
 * @param options - `maxIssues` (default 20).
 * @returns The validated rows (new objects).
 * @throws `CxMetricsError` `INVALID_INPUT`, `INVALID_OPTION`.
 * @example
 * ```ts
 * import { parseSubscriptions } from "cx-metrics/schema";
 * parseSubscriptions('[{"customerId": "a", "start": "2024-01-01", "end": null, "mrr": 49}]')[0].mrr; //=> 49
 * parseSubscriptions([{ customerId: "a", start: "2024-02-01", end: "2024-01-01" }]); // throws INVALID_INPUT
 * ```
 * @category Schema
 */
export function parseSubscriptions(input: unknown, options?: { maxIssues?: number }): SubscriptionRow[] {
  const fn = "parseSubscriptions";
  if (options !== undefined && (options === null || typeof options !== "object")) fail(fn, "INVALID_OPTION", `expected an options object, got ${describe(options)}`);
  return parseRows(fn, subscriptionRowSchema, input, options?.maxIssues ?? 20, undefined);
}

/**
 * JSON Schema (draft 2020-12) of a subscription row (the end-after-start rule is enforced by
 * {@link parseSubscriptions}, not expressible here).
 *
 * @returns A plain JSON Schema object.
 * @example
 * ```ts
 * import { subscriptionRowJsonSchema } from "cx-metrics/schema";
 * subscriptionRowJsonSchema().required; //=> ["customerId", "start"]
 * ```
 * @category Schema
 */
export function subscriptionRowJsonSchema(): Record<string, any> {
  return z.toJSONSchema(subscriptionRowSchema, { io: "input" }) as Record<string, any>;
}
