// Customer lifetime value on CDNOW (Fader, Hardie & Lee 2005): RFM summary, BG/NBD and Gamma-Gamma
// fits, holdout check, and the 52-week discounted CLV of every customer.
// Run: npm run build && node examples/clv-cdnow.mjs
import { readFileSync } from "node:fs";
import {
  bgNbdConditionalExpectedPurchases,
  customerLifetimeValue,
  fitBgNbd,
  fitGammaGamma,
  historicalClv,
  rfmSummary,
} from "cx-metrics";

const transactions = readFileSync(new URL("./data/CDNOW_sample.txt", import.meta.url), "utf8")
  .trim()
  .split("\n")
  .map((line) => {
    const [, id, d, , value] = line.trim().split(/\s+/);
    return { id: Number(id), date: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`, value: Number(value) };
  });

const summary = rfmSummary(transactions, {
  customerId: (t) => t.id,
  date: (t) => t.date,
  value: (t) => t.value,
  calibrationEnd: "1997-09-30",
  observationEnd: "1998-06-30",
  timeUnit: "week",
});
console.log(`${transactions.length} transactions, ${summary.customers} customers, ${summary.repeatCustomers} with repeat purchases in the 39-week calibration period\n`);

const bg = fitBgNbd(summary);
const se = bg.standardErrors;
console.log("BG/NBD (published: r 0.243, alpha 4.414, a 0.793, b 2.426, LL -9582.4)");
for (const k of ["r", "alpha", "a", "b"]) console.log(`  ${k.padEnd(6)} ${bg[k].toFixed(3)}  (se ${se[k].toFixed(3)})`);
console.log(`  log-likelihood ${bg.logLikelihood.toFixed(1)}, ${bg.iterations} iterations, converged: ${bg.converged}\n`);

const gg = fitGammaGamma(summary);
console.log("Gamma-Gamma (published: p 6.25, q 3.74, gamma 15.44)");
for (const k of ["p", "q", "gamma"]) console.log(`  ${k.padEnd(6)} ${gg[k].toFixed(2)}  (se ${gg.standardErrors[k].toFixed(2)})`);

// every customer's expected purchases in the 39-week holdout at once (one Float64Array)
const perCustomer = bgNbdConditionalExpectedPurchases(bg, 39, summary);
let expected = 0;
let actual = 0;
for (let i = 0; i < summary.customers; i++) {
  expected += perCustomer[i];
  actual += summary.holdoutFrequency[i];
}
console.log(`\nHoldout (39 weeks): expected ${expected.toFixed(0)} repeat purchases, observed ${actual}\n`);

const clv = customerLifetimeValue(bg, gg, summary, { horizon: 52, discountRate: 0.0019, timeUnit: "week" });
const order = [...clv.clv.keys()].sort((i, j) => clv.clv[j] - clv.clv[i]);
console.log(`52-week CLV at 0.19% a week (about 10% a year): total $${clv.total.toFixed(0)}, mean $${(clv.total / summary.customers).toFixed(2)}`);
console.log("Top 5 customers:");
console.log("  id     x   t_x     T   P(alive)  E[purchases]  E[value]      CLV");
for (const i of order.slice(0, 5)) {
  console.log(
    `  ${String(clv.ids[i]).padEnd(5)} ${String(summary.frequency[i]).padStart(2)} ${summary.recency[i].toFixed(1).padStart(5)} ${summary.T[i].toFixed(1).padStart(5)}   ${clv.probabilityAlive[i].toFixed(3)}  ${clv.expectedPurchases[i].toFixed(2).padStart(12)}  ${clv.expectedValue[i].toFixed(2).padStart(8)}  ${clv.clv[i].toFixed(2).padStart(7)}`,
  );
}

const history = historicalClv(transactions, { customerId: (t) => t.id, date: (t) => t.date, value: (t) => t.value, cohortPeriod: "month" });
console.log("\nHistorical value per acquired customer (monthly cohorts, cumulative $ at age 0, 6, 12, 17 months)");
for (const c of history.cohorts) {
  const at = (k) => (c.cumulative[k] === undefined ? "   -  " : c.cumulative[k].toFixed(2).padStart(6));
  console.log(`  ${c.cohort}  ${String(c.customers).padStart(4)} customers  ${at(0)} ${at(6)} ${at(12)} ${at(17)}`);
}
