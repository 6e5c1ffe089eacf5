// Generates examples/data/tickets.csv: 3,000 synthetic support tickets created in December 2024 in
// three channels (email, chat, phone) and two priorities, with the first public reply, the final
// solve, and a pending period (waiting on the customer) on some; tickets created late in the month
// are often still open at the export (2025-01-02 09:00 Paris). Deterministic (fixed seed).
// Planted: email and phone are answered by the Paris office in its hours (replies and solves are
// placed in business time with addBusinessTime), chat around the clock; urgent tickets go faster.
// Needs the built package (npm run build).
import { writeFileSync } from "node:fs";
import { addBusinessTime, businessCalendar } from "cx-metrics";

const office = businessCalendar({
  timeZone: "Europe/Paris",
  week: { mon: [["09:00", "18:00"]], tue: [["09:00", "18:00"]], wed: [["09:00", "18:00"]], thu: [["09:00", "18:00"]], fri: [["09:00", "18:00"]] },
  holidays: ["2024-12-25", "2025-01-01"],
});

let seed = 31337;
const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
const exp = (mean) => -Math.log(1 - rand()) * mean;
const H = 3_600_000;
const EXPORT = Date.parse("2025-01-02T08:00:00Z");
const iso = (t) => new Date(Math.round(t / 1000) * 1000).toISOString().replace(".000Z", "Z");
const lines = ["id,channel,priority,created,first_reply,solved,pending_from,pending_to"];
for (let i = 1; i <= 3000; i++) {
  const channel = ["email", "chat", "phone"][i % 10 < 5 ? 0 : i % 10 < 8 ? 1 : 2];
  const priority = rand() < 0.15 ? "urgent" : "normal";
  const created = Date.parse("2024-12-01T00:00:00Z") + Math.floor(rand() * 31 * 24) * H + Math.floor(rand() * 60) * 60_000;
  const replyMean = { email: 3, chat: 0.5, phone: 1 }[channel] * (priority === "urgent" ? 0.4 : 1);
  const later = (from, hours) => (channel === "chat" ? from + hours * H : addBusinessTime(from, hours * H, office));
  const reply = later(created, exp(replyMean));
  const solve = later(reply, exp(priority === "urgent" ? 4 : 10));
  const pending = rand() < 0.2 ? [reply + 0.5 * H, reply + (0.5 + exp(20)) * H] : null;
  const solvedAt = pending !== null ? Math.max(solve, later(pending[1], exp(2))) : solve;
  const row = [
    `T${String(i).padStart(5, "0")}`,
    channel,
    priority,
    iso(created),
    reply <= EXPORT ? iso(reply) : "",
    solvedAt <= EXPORT ? iso(solvedAt) : "",
    pending !== null && pending[1] <= EXPORT ? iso(pending[0]) : "",
    pending !== null && pending[1] <= EXPORT ? iso(pending[1]) : "",
  ];
  lines.push(row.join(","));
}
writeFileSync(new URL("./tickets.csv", import.meta.url), lines.join("\n") + "\n");
console.log(`wrote ${lines.length - 1} tickets`);
