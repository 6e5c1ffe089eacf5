import { describe, expect, it } from "vitest";
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

  it("has a JSON Schema with the required fields", () => {
    const s = subscriptionRowJsonSchema();
    expect(s.required).toEqual(["customerId", "start"]);
    expect(s.properties.mrr).toMatchObject({ type: "number", minimum: 0 });
  });
});
