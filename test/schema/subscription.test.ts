import { describe, expect, it } from "vitest";
import { CxMetricsError } from "../../src/index";
import { parseSubscriptions, subscriptionRowJsonSchema } from "../../src/schema/index";
import { churn } from "../../src/index";

describe("parseSubscriptions", () => {
  it("returns valid rows that the retention functions read as they are", () => {
    const rows = parseSubscriptions(
      JSON.stringify([
        { customerId: "a", start: "2024-01-01", end: "2024-01-11", mrr: 10, extra: true },
        { customerId: 7, start: "2024-01-05T09:00:00+01:00", end: null },
        { customerId: "c", start: Date.UTC(2024, 0, 20) },
      ]),
    );
    expect(rows[0]).toEqual({ customerId: "a", start: "2024-01-01", end: "2024-01-11", mrr: 10 }); // unknown fields dropped
    const jan = churn(rows, { customerId: (r) => r.customerId, start: (r) => r.start, end: (r) => r.end, from: "2024-01-01", to: "2024-02-01" });
    expect([jan.newCustomers, jan.churned, jan.customersAtEnd]).toEqual([3, 1, 2]);
  });

  it("lists every invalid row with its index, field and reason", () => {
    try {
      parseSubscriptions([
        { customerId: "a", start: "2024-02-01", end: "2024-01-01" },
        { customerId: null, start: "2024-01-01" },
        { customerId: "b", start: "2024-01-01T10:00:00", mrr: -5 },
        { customerId: "c", start: "2024-01-01" },
      ]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CxMetricsError);
      const err = e as CxMetricsError;
      expect(err.code).toBe("INVALID_INPUT");
      expect(err.message.startsWith("parseSubscriptions: 3 of 4 rows are invalid")).toBe(true);
      const issues = (err.details as { issues: { index: number; path: string[]; message: string }[] }).issues;
      expect(issues.map((i) => [i.index, i.path.join(".")])).toEqual([
        [0, "end"],
        [1, "customerId"],
        [2, "start"], // a date-time without an offset is ambiguous
        [2, "mrr"],
      ]);
      expect(issues[0]!.message).toBe("expected the end after the start");
    }
  });

  it("has a JSON Schema with the required fields", () => {
    const s = subscriptionRowJsonSchema();
    expect(s.required).toEqual(["customerId", "start"]);
    expect(s.properties.mrr).toMatchObject({ type: "number", minimum: 0 });
  });
});
