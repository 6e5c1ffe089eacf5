// Generates a synthetic but realistic data set for "does NPS lead growth?" (deterministic, fixed
// seed): 48 months (2021-01 … 2024-12) of NPS survey answers (about 300 a month) and monthly
// outcomes. Planted truth: the true NPS varies around 25 from month to month (AR(1), φ = 0.3);
// revenue growth in month t depends on the true NPS of month t − 2; new customers grow on their own
// (marketing spend), unrelated to NPS. Revenue and new customers both trend upwards, so their
// levels correlate although neither drives the other.
import { writeFileSync } from "node:fs";

let seed = 424242;
const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());

const months = 48;
const trueNps = [];
let deviation = 0;
for (let t = 0; t < months; t++) {
  deviation = 0.3 * deviation + 7 * normal();
  trueNps.push(25 + deviation);
}
// answers: promoter / passive / detractor shares consistent with the true NPS, 20% passives
const answers = ["date,score"];
for (let t = 0; t < months; t++) {
  const y = 2021 + Math.floor(t / 12);
  const m = (t % 12) + 1;
  const nps = trueNps[t] / 100;
  const passive = 0.2;
  const promoter = (1 - passive + nps) / 2;
  const count = 260 + Math.floor(rand() * 80);
  for (let i = 0; i < count; i++) {
    const day = 1 + Math.floor(rand() * 28);
    const u = rand();
    const score = u < promoter ? 9 + Math.floor(rand() * 2) : u < promoter + passive ? 7 + Math.floor(rand() * 2) : Math.floor(rand() * 7);
    answers.push(`${y}-${String(m).padStart(2, "0")}-${String(day).padStart(2, "0")},${score}`);
  }
}
const outcomes = ["month,revenue,newCustomers"];
let revenue = 1_000_000;
let newCustomers = 800;
for (let t = 0; t < months; t++) {
  const lagged = t >= 2 ? trueNps[t - 2] : trueNps[0];
  const growth = 0.012 + 0.0009 * (lagged - 25) + 0.01 * normal();
  revenue *= 1 + growth;
  newCustomers = Math.round(newCustomers * (1.015 + 0.04 * normal()));
  const y = 2021 + Math.floor(t / 12);
  const m = (t % 12) + 1;
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  outcomes.push(`${y}-${String(m).padStart(2, "0")}-${lastDay},${revenue.toFixed(2)},${newCustomers}`);
}
writeFileSync(new URL("./nps-answers.csv", import.meta.url), answers.join("\n") + "\n");
writeFileSync(new URL("./monthly-outcomes.csv", import.meta.url), outcomes.join("\n") + "\n");
console.log(`wrote ${answers.length - 1} answers and ${months} months of outcomes`);
