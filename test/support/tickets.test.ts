import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { errorOf } from "../helpers/tables";
import { agentWaitTime, businessCalendar, firstReplyTime, mergeSlaSummaries, mergeTicketTimeSummaries, requesterWaitTime, resolutionTime, slaAttainment, slaFromSummary, slaSummary, ticketTimeSummary, ticketTimesFromSummary, withinShare } from "../../src/index";

// Reference values below are worked by hand (R's quantile type 7, Kaplan–Meier products, Wilson's
// formula evaluated inline), not taken from the code under test.

const H = 3_600_000;
const base = Date.parse("2025-03-03T09:00:00Z"); // a Monday
const at = (hours: number) => new Date(base + hours * H).toISOString();

interface T {
  c: string;
  r?: string | null;
  fs?: string | null;
  s?: string | null;
  p?: [string, string][];
}
const acc = { created: (t: T) => t.c, firstReply: (t: T) => t.r, firstSolved: (t: T) => t.fs, solved: (t: T) => t.s, pauses: (t: T) => t.p };

// Five answered after 1, 2, 3, 4, 10 hours; one still waiting at asOf (24 h later).
const six: T[] = [1, 2, 3, 4, 10].map((h) => ({ c: at(0), r: at(h) }));
six.push({ c: at(0), r: null });
const asOf = at(24);

describe("firstReplyTime", () => {
  const r = firstReplyTime(six, { ...acc, asOf });

  it("summarises the answered tickets (type 7 percentiles as R's quantile)", () => {
    expect([r.n, r.open, r.excluded, r.unit]).toEqual([5, 1, 0, "hours"]);
    expect(r.mean).toBeCloseTo(4, 12);
    expect([r.median, r.min, r.max]).toEqual([3, 1, 10]);
    // quantile(c(1,2,3,4,10), c(.5,.9,.95)) = 3, 7.6, 8.8
    expect(r.percentiles.map((x) => x.p)).toEqual([0.5, 0.9, 0.95]);
    expect(r.percentiles[1]!.value).toBeCloseTo(7.6, 12);
    expect(r.percentiles[2]!.value).toBeCloseTo(8.8, 12);
    expect(Array.from(r.durations)).toEqual([1, 2, 3, 4, 10]);
  });

  it("nearest-rank percentiles pick an observed value: x[ceil(p n) - 1]", () => {
    const q = firstReplyTime(six, { ...acc, asOf, percentiles: [0.2, 0.5, 0.9], percentileMethod: "nearest-rank" });
    expect(q.percentiles.map((x) => x.value)).toEqual([1, 3, 10]);
  });

  it("takes the open ticket into account via Kaplan–Meier, censored at asOf", () => {
    // S: 5/6 at 1, 4/6 at 2, 3/6 at 3 (exactly 1/2: R takes the midpoint to the next event, 4),
    // 1/3 at 4, 1/6 at 10; the waiting ticket is censored at 24.
    expect(r.censored.median).toBeCloseTo(3.5, 12);
    expect(withinShare(r, 0.5)).toBe(0);
    expect(withinShare(r, 2)).toBeCloseTo(2 / 6, 12);
    expect(withinShare(r, 3)).toBeCloseTo(0.5, 12);
    expect(withinShare(r, 10)).toBeCloseTo(5 / 6, 12);
    expect(withinShare(r, 1000)).toBeCloseTo(5 / 6, 12);
  });

  it("reports in the requested unit", () => {
    const m = firstReplyTime(six, { ...acc, asOf, unit: "minutes" });
    expect(m.mean).toBeCloseTo(240, 9);
    expect(firstReplyTime(six, { ...acc, asOf, unit: "days" }).max).toBeCloseTo(10 / 24, 12);
  });

  it("leaves out tickets created after asOf and treats replies after asOf as still open", () => {
    const t: T[] = [
      { c: at(0), r: at(5) },
      { c: at(0), r: at(30) }, // replied after asOf: open at asOf
      { c: at(25), r: at(26) }, // created after asOf
    ];
    const q = firstReplyTime(t, { ...acc, asOf });
    expect([q.n, q.open, q.excluded, q.mean]).toEqual([1, 1, 1, 5]);
  });

  it("counts business hours only, across a weekend, in the calendar's time zone, skipping holidays", () => {
    const week = { mon: [["09:00", "17:00"]], tue: [["09:00", "17:00"]], wed: [["09:00", "17:00"]], thu: [["09:00", "17:00"]], fri: [["09:00", "17:00"]] } as const;
    const paris = businessCalendar({ timeZone: "Europe/Paris", week });
    // Friday 16:00 Paris (15:00Z) to Monday 10:00 Paris (09:00Z): 1 h on Friday + 1 h on Monday.
    const t: T[] = [{ c: "2025-02-28T15:00:00Z", r: "2025-03-03T09:00:00Z" }];
    const opts = { ...acc, asOf: "2025-03-10T00:00:00Z" };
    expect(firstReplyTime(t, opts).mean).toBe(66);
    expect(firstReplyTime(t, { ...opts, calendar: paris }).mean).toBe(2);
    const withHoliday = businessCalendar({ timeZone: "Europe/Paris", week, holidays: ["2025-03-03"] });
    expect(firstReplyTime(t, { ...opts, calendar: withHoliday }).mean).toBe(1);
  });
});

describe("resolutionTime", () => {
  it("first or full resolution of a reopened ticket", () => {
    const t: T[] = [{ c: at(0), fs: at(2), s: at(30) }];
    const o = { ...acc, asOf: at(48) };
    expect(resolutionTime(t, o).mean).toBe(30);
    expect(resolutionTime(t, { ...o, resolution: "first" }).mean).toBe(2);
  });

  it("excludes paused periods from the clock, in calendar and in business time", () => {
    const o = { ...acc, asOf: at(48) };
    // 10 h open, paused 3 h.
    const t: T[] = [{ c: at(-9), s: at(1), p: [[at(-7), at(-4)]] }];
    expect(resolutionTime(t, o).mean).toBe(7);
    expect(resolutionTime(t, { ...o, excludePauses: false }).mean).toBe(10);
    // Business 09:00–17:00 UTC: created 08:00, solved 15:00 = 6 business hours.
    const cal = businessCalendar({ timeZone: "UTC", week: { mon: [["09:00", "17:00"]] } });
    const mk = (p: [string, string][]): T[] => [{ c: at(-1), s: at(6), p }];
    expect(resolutionTime(mk([]), { ...o, calendar: cal }).mean).toBe(6);
    expect(resolutionTime(mk([[at(1), at(3)]]), { ...o, calendar: cal }).mean).toBe(4); // 10:00–12:00
    expect(resolutionTime(mk([[at(-2), at(1)]]), { ...o, calendar: cal }).mean).toBe(5); // 07:00–10:00: 1 business hour
    expect(resolutionTime(mk([[at(-1), at(0)], [at(5), at(9)]]), { ...o, calendar: cal }).mean).toBe(5); // only 14:00–15:00 counts
  });
});

describe("slaAttainment", () => {
  it("counts met, breached, open-and-breached, undecided; Wilson interval", () => {
    const t = [...six, { c: at(23.5), r: null }]; // waiting 0.5 h at asOf
    const s = slaAttainment(t, { ...acc, metric: "firstReply", target: 3, asOf });
    expect([s.met, s.breached, s.openBreached, s.openWithinTarget]).toEqual([3, 2, 1, 1]);
    expect(s.attainment).toBe(0.5);
    const z = 1.959963984540054;
    const n = 6;
    const p = 0.5;
    const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
    const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
    expect(s.ci![0]).toBeCloseTo(centre - half, 10);
    expect(s.ci![1]).toBeCloseTo(centre + half, 10);
    expect(s.ci![0]).toBeCloseTo(0.1876, 4); // prop.test(3, 6, correct = FALSE)$conf.int
  });

  it("has no attainment while nothing is decided", () => {
    const s = slaAttainment([{ c: at(0), s: null }], { ...acc, metric: "resolution", target: 48, asOf: at(1) });
    expect([s.attainment, s.ci, s.openWithinTarget]).toEqual([null, null, 1]);
  });
});

describe("ticket time properties", () => {
  const arb = fc.array(
    fc.record({ start: fc.integer({ min: 0, max: 2000 }), len: fc.integer({ min: 0, max: 500 }), open: fc.boolean() }),
    { minLength: 1, maxLength: 40 },
  );
  const toTickets = (xs: { start: number; len: number; open: boolean }[]): T[] =>
    xs.map((x) => ({ c: at(x.start / 10), r: x.open ? null : at((x.start + x.len) / 10) }));
  const asOfP = at(300);

  it("a 24/7 calendar gives calendar time", () => {
    const all = { mon: [["00:00", "24:00"]], tue: [["00:00", "24:00"]], wed: [["00:00", "24:00"]], thu: [["00:00", "24:00"]], fri: [["00:00", "24:00"]], sat: [["00:00", "24:00"]], sun: [["00:00", "24:00"]] } as const;
    const cal = businessCalendar({ timeZone: "America/New_York", week: all });
    fc.assert(
      fc.property(arb, (xs) => {
        const t = toTickets(xs);
        const a = firstReplyTime(t, { ...acc, asOf: asOfP });
        const b = firstReplyTime(t, { ...acc, asOf: asOfP, calendar: cal });
        expect(b.n).toBe(a.n);
        for (let i = 0; i < a.durations.length; i++) expect(b.durations[i]).toBeCloseTo(a.durations[i]!, 9);
      }),
      { numRuns: 60 },
    );
  });

  it("percentiles rise with p; with nothing open, withinShare is the empirical CDF", () => {
    fc.assert(
      fc.property(arb, fc.integer({ min: 0, max: 60 }), (xs, tt) => {
        const t = toTickets(xs.map((x) => ({ ...x, open: false })));
        const r = firstReplyTime(t, { ...acc, asOf: at(1000), percentiles: [0.1, 0.25, 0.5, 0.75, 0.9, 1] });
        const v = r.percentiles.map((x) => x.value!);
        for (let i = 1; i < v.length; i++) expect(v[i]!).toBeGreaterThanOrEqual(v[i - 1]! - 1e-12);
        expect(v[v.length - 1]).toBe(r.max);
        const ecdf = Array.from(r.durations).filter((d) => d <= tt).length / r.n;
        expect(withinShare(r, tt)).toBeCloseTo(ecdf, 12);
      }),
      { numRuns: 80 },
    );
  });

  it("SLA counts add up and attainment equals the share met among decided tickets", () => {
    fc.assert(
      fc.property(arb, fc.integer({ min: 0, max: 50 }), (xs, target) => {
        const t = toTickets(xs);
        const s = slaAttainment(t, { ...acc, metric: "firstReply", target, asOf: asOfP });
        const f = firstReplyTime(t, { ...acc, asOf: asOfP });
        expect(s.met + s.breached).toBe(f.n);
        expect(s.openBreached + s.openWithinTarget).toBe(f.open);
        const decided = s.met + s.breached + s.openBreached;
        expect(s.attainment).toBe(decided === 0 ? null : s.met / decided);
      }),
      { numRuns: 80 },
    );
  });
});

const code = errorOf;

describe("ticket metrics bad input", () => {
  const o = { ...acc, asOf };
  it.each([
    ["empty", () => firstReplyTime([], o), "EMPTY_INPUT", "firstReplyTime"],
    ["all after asOf", () => firstReplyTime([{ c: at(30), r: null }], o), "EMPTY_INPUT", "firstReplyTime"],
    ["not an array", () => firstReplyTime(42 as never, o), "INVALID_INPUT", "firstReplyTime"],
    ["reply before created", () => firstReplyTime([{ c: at(2), r: at(1) }], o), "OUT_OF_RANGE", "firstReplyTime"],
    ["bad date", () => firstReplyTime([{ c: "last tuesday", r: null }], o), "INVALID_DATE", "firstReplyTime"],
    ["bad asOf", () => firstReplyTime(six, { ...acc, asOf: "soon" }), "INVALID_DATE", "firstReplyTime"],
    ["no firstReply accessor", () => firstReplyTime(six, { created: acc.created, asOf } as never), "INVALID_OPTION", "firstReplyTime"],
    ["no created accessor", () => firstReplyTime(six, { firstReply: acc.firstReply, asOf } as never), "INVALID_OPTION", "firstReplyTime"],
    ["bad unit", () => firstReplyTime(six, { ...o, unit: "weeks" as never }), "INVALID_OPTION", "firstReplyTime"],
    ["bad percentile", () => firstReplyTime(six, { ...o, percentiles: [0.5, 95] }), "INVALID_OPTION", "firstReplyTime"],
    ["bad calendar", () => firstReplyTime(six, { ...o, calendar: {} as never }), "INVALID_OPTION", "firstReplyTime"],
    ["reversed pause", () => resolutionTime([{ c: at(0), s: at(5), p: [[at(3), at(2)]] }], o), "OUT_OF_RANGE", "resolutionTime"],
    ["overlapping pauses", () => resolutionTime([{ c: at(0), s: at(5), p: [[at(1), at(3)], [at(2), at(4)]] }], o), "OUT_OF_RANGE", "resolutionTime"],
    ["pauses not pairs", () => resolutionTime([{ c: at(0), s: at(5), p: [[at(1)]] as never }], o), "INVALID_INPUT", "resolutionTime"],
    ["no solved accessor", () => resolutionTime(six, { created: acc.created, asOf }), "INVALID_OPTION", "resolutionTime"],
    ["bad resolution", () => resolutionTime(six, { ...o, resolution: "last" as never }), "INVALID_OPTION", "resolutionTime"],
    ["no metric", () => slaAttainment(six, { ...o, target: 3 } as never), "INVALID_OPTION", "slaAttainment"],
    ["negative target", () => slaAttainment(six, { ...o, metric: "firstReply", target: -1 }), "INVALID_OPTION", "slaAttainment"],
    ["NaN target", () => slaAttainment(six, { ...o, metric: "firstReply", target: Number.NaN }), "INVALID_OPTION", "slaAttainment"],
    ["negative t", () => withinShare(firstReplyTime(six, o), -1), "OUT_OF_RANGE", "withinShare"],
    ["NaN t", () => withinShare(firstReplyTime(six, o), Number.NaN), "NON_FINITE", "withinShare"],
    ["pauses null (fuzz)", () => firstReplyTime(six, { ...o, pauses: null as never }), "INVALID_OPTION", "firstReplyTime"],
    ["pauses not a function (fuzz)", () => resolutionTime(six, { ...o, pauses: [[at(1), at(2)]] as never }), "INVALID_OPTION", "resolutionTime"],
    ["a null ticket (fuzz)", () => firstReplyTime([six[0], null] as never, o), "INVALID_INPUT", "firstReplyTime"],
    ["an array-like with a negative length (fuzz: was a RangeError)", () => firstReplyTime({ length: -1 } as never, o), "INVALID_INPUT", "firstReplyTime"],
    ["withinShare of something else (fuzz)", () => withinShare({} as never, 1), "INVALID_INPUT", "withinShare"],
    ["withinShare of a malformed curve (fuzz)", () => withinShare({ censored: { curve: { times: [1, 2], survival: [0.5, Number.NaN] } } } as never, 3), "INVALID_INPUT", "withinShare"],
  ])("%s", (_name, call, expected, fn) => {
    const [c, message] = code(call);
    expect(c).toBe(expected);
    expect(message.startsWith(`${fn}: `)).toBe(true);
  });
});

describe("requester and agent wait", () => {
  // 10 h from creation to solve; pending (waiting on the customer) 02:00–05:00 and 07:00–08:00.
  const t: T[] = [
    { c: at(0), s: at(10), p: [[at(2), at(5)], [at(7), at(8)]] },
    { c: at(0), s: null, p: [[at(1), at(3)]] }, // open at asOf = 24 h: censored
  ];
  const o = { ...acc, asOf };
  it("split the full resolution time into requester wait and agent wait", () => {
    const rw = requesterWaitTime(t, o);
    const aw = agentWaitTime(t, o);
    expect([rw.n, rw.open, rw.mean]).toEqual([1, 1, 6]);
    expect([aw.n, aw.open, aw.mean]).toEqual([1, 1, 4]);
    expect(rw.mean! + aw.mean!).toBe(resolutionTime(t, { ...o, excludePauses: false }).mean);
    // the open ticket has waited 2 h on the customer so far: censored at 2 h, before the 4 h event
    expect(Array.from(aw.censored.curve.times)).toEqual([4]);
    expect(Array.from(aw.censored.curve.atRisk)).toEqual([1]);
    // its requester wait so far is 22 h: still at risk at the 6 h event
    expect(Array.from(rw.censored.curve.atRisk)).toEqual([2]);
  });
  it("count business time only", () => {
    const cal = businessCalendar({ timeZone: "UTC", week: { mon: [["09:00", "17:00"]] } });
    // created 09:00 Monday, solved 19:00; pending 11:00–14:00 and 16:00–17:00 → 4 business hours waiting on the customer.
    expect(agentWaitTime(t, { ...o, calendar: cal }).mean).toBe(4);
    expect(requesterWaitTime(t, { ...o, calendar: cal }).mean).toBe(4);
  });
  it("need the pending intervals", () => {
    expect(code(() => agentWaitTime(t, { created: acc.created, solved: acc.solved, asOf }))[0]).toBe("INVALID_OPTION");
    expect(code(() => requesterWaitTime(t, { created: acc.created, solved: acc.solved, asOf }))[0]).toBe("INVALID_OPTION");
  });
});

describe("row order", () => {
  it("does not change any statistic", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ start: fc.integer({ min: 0, max: 200 }), len: fc.integer({ min: 0, max: 80 }), open: fc.boolean() }), { minLength: 1, maxLength: 30 }),
        fc.integer(),
        (xs, seed) => {
          const t: T[] = xs.map((x) => ({ c: at(x.start / 10), r: x.open ? null : at((x.start + x.len) / 10) }));
          const shuffled = fc.sample(fc.shuffledSubarray(t, { minLength: t.length, maxLength: t.length }), { seed, numRuns: 1 })[0]!;
          const a = firstReplyTime(t, { ...acc, asOf });
          const b = firstReplyTime(shuffled, { ...acc, asOf });
          expect([b.n, b.open, b.median, b.min, b.max, b.censored.median]).toEqual([a.n, a.open, a.median, a.min, a.max, a.censored.median]);
          if (a.mean === null) expect(b.mean).toBeNull();
          else expect(b.mean!).toBeCloseTo(a.mean, 9);
          expect(b.percentiles).toEqual(a.percentiles);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("types", () => {
  it("accept pause lists inferred as string[][] (checked at runtime to be pairs)", () => {
    const t = [{ c: "2025-01-01T00:00:00Z", s: "2025-01-01T10:00:00Z", pending: [["2025-01-01T02:00:00Z", "2025-01-01T05:00:00Z"]] }];
    const r = agentWaitTime(t, { created: (x) => x.c, solved: (x) => x.s, pauses: (x) => x.pending, asOf: "2025-01-02T00:00:00Z" });
    expect(r.mean).toBe(3);
  });
});

describe("SLA summaries", () => {
  const arb = fc.array(fc.record({ start: fc.integer({ min: 0, max: 200 }), len: fc.integer({ min: 0, max: 80 }), open: fc.boolean() }), { minLength: 1, maxLength: 20 });
  const toT = (xs: { start: number; len: number; open: boolean }[]): T[] => xs.map((x) => ({ c: at(x.start / 10), r: x.open ? null : at((x.start + x.len) / 10) }));
  const o = { ...acc, metric: "firstReply" as const, target: 3, asOf };

  it("merged shards equal the whole; merging is associative and commutative", () => {
    fc.assert(
      fc.property(arb, arb, arb, (a, b, c) => {
        const [sa, sb, sc] = [a, b, c].map((x) => slaSummary(toT(x), o)) as [ReturnType<typeof slaSummary>, ReturnType<typeof slaSummary>, ReturnType<typeof slaSummary>];
        const whole = slaAttainment(toT([...a, ...b, ...c]), o);
        expect(slaFromSummary(mergeSlaSummaries(sa, sb, sc))).toEqual(whole);
        expect(mergeSlaSummaries(mergeSlaSummaries(sa, sb), sc)).toEqual(mergeSlaSummaries(sa, mergeSlaSummaries(sb, sc)));
        expect(mergeSlaSummaries(sa, sb)).toEqual(mergeSlaSummaries(sb, sa));
      }),
      { numRuns: 60 },
    );
  });

  it("round-trips through JSON", () => {
    const s = slaSummary(six, o);
    expect(slaFromSummary(JSON.parse(JSON.stringify(s)))).toEqual(slaAttainment(six, o));
  });

  it.each([
    ["no summaries", () => mergeSlaSummaries(), "EMPTY_INPUT"],
    ["other target", () => mergeSlaSummaries(slaSummary(six, o), slaSummary(six, { ...o, target: 4 })), "INVALID_SUMMARY"],
    ["other metric", () => mergeSlaSummaries(slaSummary(six, o), { ...slaSummary(six, o), metric: "resolution" }), "INVALID_SUMMARY"],
    ["wrong kind", () => slaFromSummary({ kind: "nps" } as never), "INVALID_SUMMARY"],
    ["negative count", () => slaFromSummary({ ...slaSummary(six, o), met: -1 }), "INVALID_SUMMARY"],
    ["bad unit", () => slaFromSummary({ ...slaSummary(six, o), unit: "weeks" as never }), "INVALID_SUMMARY"],
    ["a unit that is an object without toString (fuzz)", () => mergeSlaSummaries({ ...slaSummary(six, o), unit: Object.create(null) }), "INVALID_SUMMARY"],
    ["a ticket-time unit that is an object without toString (fuzz)", () => ticketTimesFromSummary({ kind: "ticket-times", metric: "resolution", unit: Object.create(null), excluded: 0, done: [1], open: [] }), "INVALID_SUMMARY"],
    ["bad confidence", () => slaFromSummary(slaSummary(six, o), { confidence: 95 }), "INVALID_OPTION"],
  ])("%s", (_n, call, expected) => {
    expect(code(call)[0]).toBe(expected);
  });
});

it("merging SLA and ticket-time summaries keeps only their own fields (fuzz: an extra field of a summary was carried into the merge)", () => {
  const sla = { kind: "sla", metric: "resolution", target: 24, unit: "hours", met: 8, breached: 1, openBreached: 1, openWithinTarget: 2 } as const;
  expect(Object.keys(mergeSlaSummaries({ ...sla, extra: Number.POSITIVE_INFINITY } as never, sla)).sort()).toEqual(Object.keys(sla).sort());
  const times = { kind: "ticket-times", metric: "resolution", unit: "hours", excluded: 0, done: [2], open: [] } as const;
  expect(Object.keys(mergeTicketTimeSummaries({ ...times, extra: Number.NaN } as never, times as never)).sort()).toEqual(Object.keys(times).sort());
});

describe("ticket time summaries", () => {
  const arb = fc.array(fc.record({ start: fc.integer({ min: 0, max: 200 }), len: fc.integer({ min: 0, max: 80 }), open: fc.boolean() }), { minLength: 1, maxLength: 20 });
  const toT = (xs: { start: number; len: number; open: boolean }[]): T[] =>
    xs.map((x) => ({ c: at(x.start / 10), r: x.open ? null : at((x.start + x.len) / 10), s: x.open ? null : at((x.start + 2 * x.len) / 10), p: [[at(x.start / 10), at((x.start + x.len / 2) / 10)]] as [string, string][] }));

  it("merged shards finish to the result of the whole, for every metric", () => {
    const direct = {
      firstReply: (t: T[]) => firstReplyTime(t, { ...acc, asOf }),
      resolution: (t: T[]) => resolutionTime(t, { ...acc, asOf }),
      requesterWait: (t: T[]) => requesterWaitTime(t, { ...acc, asOf }),
      agentWait: (t: T[]) => agentWaitTime(t, { ...acc, asOf }),
    } as const;
    fc.assert(
      fc.property(arb, arb, fc.constantFrom(...(Object.keys(direct) as (keyof typeof direct)[])), (a, b, metric) => {
        const o = { ...acc, asOf, metric };
        const merged = ticketTimesFromSummary(mergeTicketTimeSummaries(ticketTimeSummary(toT(a), o), ticketTimeSummary(toT(b), o)));
        const whole = direct[metric](toT([...a, ...b]));
        expect([merged.n, merged.open, merged.median, merged.min, merged.max, merged.censored.median, merged.censored.medianCi]).toEqual([whole.n, whole.open, whole.median, whole.min, whole.max, whole.censored.median, whole.censored.medianCi]);
        expect(merged.percentiles).toEqual(whole.percentiles);
        expect(Array.from(merged.censored.curve.survival)).toEqual(Array.from(whole.censored.curve.survival));
        if (whole.mean === null) expect(merged.mean).toBeNull();
        else expect(merged.mean!).toBeCloseTo(whole.mean, 12);
      }),
      { numRuns: 60 },
    );
  });

  it("round-trips through JSON and checks what it merges", () => {
    const o = { ...acc, asOf, metric: "firstReply" as const };
    const s = ticketTimeSummary(six, o);
    expect(s.done).toEqual([1, 2, 3, 4, 10]);
    expect(s.open).toEqual([24]);
    expect(ticketTimesFromSummary(JSON.parse(JSON.stringify(s))).censored.median).toBeCloseTo(3.5, 12);
    expect(errorOf(() => mergeTicketTimeSummaries(s, ticketTimeSummary(six, { ...o, unit: "minutes" })))[0]).toBe("INVALID_SUMMARY");
    expect(errorOf(() => mergeTicketTimeSummaries(s, { ...s, metric: "resolution" }))[0]).toBe("INVALID_SUMMARY");
    expect(errorOf(() => mergeTicketTimeSummaries())[0]).toBe("EMPTY_INPUT");
    expect(errorOf(() => ticketTimesFromSummary({ ...s, done: [1, -2] }))[0]).toBe("INVALID_SUMMARY");
    // a summary without tickets is legal (it merges as the identity); finishing it is EMPTY_INPUT
    expect(errorOf(() => ticketTimesFromSummary({ ...s, done: [], open: [] }))[0]).toBe("EMPTY_INPUT");
    expect(errorOf(() => ticketTimesFromSummary(s, { percentiles: [2] }))[0]).toBe("INVALID_OPTION");
    expect(errorOf(() => ticketTimeSummary(six, { ...acc, asOf } as never))[0]).toBe("INVALID_OPTION");
    expect(errorOf(() => ticketTimeSummary(six, { created: acc.created, solved: acc.solved, asOf, metric: "agentWait" }))[0]).toBe("INVALID_OPTION");
  });
});
