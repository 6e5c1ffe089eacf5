// Write your own metric (docs/custom-metrics.md): the FCR kind of examples/fcr-metric.mjs checked
// against the laws every summary kind keeps, then used in a portfolio like a built-in metric.
// Run with `npm run build && node examples/custom-metric.mjs`.
import { CxMetricsError, definePortfolio, evaluatePortfolio, npsMetric } from "cx-metrics";
import { fcrKind, fcrMetric } from "./fcr-metric.mjs";

const tickets = [
  { channel: "chat", contacts: 1, nps: 9 },
  { channel: "chat", contacts: 2, nps: 6 },
  { channel: "chat", contacts: 1, nps: 10 },
  { channel: "phone", contacts: 1, nps: 8 },
  { channel: "phone", contacts: 3, nps: 3 },
  { channel: "phone", contacts: 1, nps: 10 },
  { channel: "email", contacts: 2, nps: 7 },
  { channel: "email", contacts: 1, nps: 9 },
];
const fcr = fcrMetric({ contacts: (t) => t.contacts });
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

// 1. The laws: any split of the rows, summarized and merged in any order, gives the whole.
const whole = fcr.summarize(tickets);
const [a, b, c] = [fcr.summarize(tickets.slice(0, 3)), fcr.summarize(tickets.slice(3, 5)), fcr.summarize(tickets.slice(5))];
console.log("whole           ", JSON.stringify(whole));
console.log("merged = whole  ", same(fcrKind.merge(a, b, c), whole));
console.log("commutative     ", same(fcrKind.merge(a, b), fcrKind.merge(b, a)));
console.log("associative     ", same(fcrKind.merge(fcrKind.merge(a, b), c), fcrKind.merge(a, fcrKind.merge(b, c))));
console.log("identity        ", same(fcrKind.merge(whole, fcrKind.empty()), whole));
console.log("JSON round trip ", same(fcrKind.check(JSON.parse(JSON.stringify(whole))), whole));

// 2. An empty summary is legal; finishing it is a typed error, never a NaN.
try {
  fcr.finish(fcr.empty());
} catch (e) {
  console.log("empty finish    ", e instanceof CxMetricsError ? e.code : "untyped error!");
}
// a malformed summary from JSON is refused by check
try {
  fcrKind.merge(whole, { kind: "fcr", resolved: 5, n: 2 });
} catch (e) {
  console.log("bad summary     ", e.code, "-", e.message);
}

// 3. In a portfolio, next to a built-in metric.
const portfolio = definePortfolio({ nps: npsMetric({ score: (t) => t.nps }), fcr });
const report = evaluatePortfolio(portfolio, tickets, { segmentBy: ["channel"] });
for (const cell of report.cells) {
  const { nps, fcr: f } = cell.metrics;
  console.log(`${(cell.segment.channel ?? "(all)").padEnd(7)} NPS ${nps.display.padStart(6)}   FCR ${f.display.padStart(6)}   n ${f.n}`);
}
