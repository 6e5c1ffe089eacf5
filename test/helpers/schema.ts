// Helpers of the schema tests (test/schema): deep freezing, and the CxMetricsError a call throws.
import { expect } from "vitest";
import { CxMetricsError, type CxMetricsErrorCode } from "../../src/index";
import type { SurveyIssue } from "../../src/schema/index";

/** Freeze an array and every object in it (deeply), so that a function that mutates its input fails. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** The CxMetricsError thrown by `call`; fails the test (with what happened) when there is none. */
export function catchCx(call: () => unknown): CxMetricsError {
  let result: unknown;
  try {
    result = call();
  } catch (e) {
    if (e instanceof CxMetricsError) return e;
    throw new Error(`expected a CxMetricsError, got ${String(e)}`);
  }
  throw new Error(`expected a CxMetricsError, but the call returned ${JSON.stringify(result)}`);
}

export interface Details {
  issues: SurveyIssue[];
  invalidRows: number;
  totalIssues: number;
}

export function expectInvalid(call: () => unknown, code: CxMetricsErrorCode = "INVALID_INPUT"): CxMetricsError & { details: Details } {
  const e = catchCx(call);
  expect.soft(e.code, e.message).toBe(code);
  expect.soft(e.message).toMatch(/^parseSurveyResponses: /);
  return e as CxMetricsError & { details: Details };
}
