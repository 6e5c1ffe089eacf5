import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CxMetricsError, nps, npsSummary } from "../../src/index";

/** Counts by the definition, one value at a time. */
function naive(values: ArrayLike<number>, passiveMin = 7, promoterMin = 9) {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v >= promoterMin) promoters++;
    else if (v >= passiveMin) passives++;
    else detractors++;
  }
  return { promoters, passives, detractors };
}

describe("nps", () => {
  it("nps(Uint8Array) counts like the definition for every length and alignment (the four-bytes-at-a-time path)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ min: 0, max: 10, maxLength: 300 }), fc.integer({ min: 0, max: 7 }), (bytes, offset) => {
        // copy into a larger buffer at `offset` so that aligned and unaligned views are both tried
        const buffer = new Uint8Array(bytes.length + 8);
        buffer.set(bytes, offset);
        const view = buffer.subarray(offset, offset + bytes.length);
        const s = npsSummary(view);
        expect({ promoters: s.promoters, passives: s.passives, detractors: s.detractors }).toEqual(naive(bytes));
      }),
    );
  });

  it("nps(Uint8Array) reports the index of the first byte off the scale, wherever it is", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ min: 0, max: 10, minLength: 1, maxLength: 200 }),
        fc.nat(),
        fc.integer({ min: 11, max: 255 }),
        (bytes, at, bad) => {
          const data = Uint8Array.from(bytes);
          const index = at % data.length;
          data[index] = bad;
          try {
            nps(data);
            expect.unreachable("nps accepted a byte off the scale");
          } catch (e) {
            expect(e).toBeInstanceOf(CxMetricsError);
            expect((e as CxMetricsError).code).toBe("OUT_OF_RANGE");
            expect((e as CxMetricsError).index).toBe(index);
          }
        },
      ),
    );
  });

  it("npsSummary(Uint8Array) equals npsSummary(number[]) on random custom scales (negative breaks included)", () => {
    const scaleArb = fc
      .tuple(fc.integer({ min: -130, max: 250 }), fc.integer({ min: 1, max: 60 }), fc.nat(60), fc.nat(60))
      .map(([min, d1, d2, d3]) => ({ min, passiveMin: min + d1, promoterMin: min + d1 + d2, max: min + d1 + d2 + d3 }));
    fc.assert(
      fc.property(scaleArb, fc.array(fc.nat(255), { maxLength: 120 }), fc.boolean(), (scale, raw, onScale) => {
        // mostly bytes on the scale (the counting paths), sometimes anything (the error paths)
        const lo = Math.max(scale.min, 0);
        const hi = Math.min(scale.max, 255);
        const bytes = Uint8Array.from(onScale && lo <= hi ? raw.map((v) => lo + (v % (hi - lo + 1))) : raw);
        const plain = Array.from(bytes);
        let viaBytes: unknown;
        let viaArray: unknown;
        try {
          viaBytes = npsSummary(bytes, { scale });
        } catch (e) {
          viaBytes = (e as CxMetricsError).code + "@" + (e as CxMetricsError).index;
        }
        try {
          viaArray = npsSummary(plain, { scale });
        } catch (e) {
          viaArray = (e as CxMetricsError).code + "@" + (e as CxMetricsError).index;
        }
        expect(viaBytes).toEqual(viaArray);
      }),
    );
    // and one scale that the bytes all fit, so the counting path (not only the error path) is compared
    const scale = { min: -100, max: 100, passiveMin: -50, promoterMin: 50 };
    expect(npsSummary(Uint8Array.of(100, 100, 100, 100, 0, 60), { scale })).toEqual(npsSummary([100, 100, 100, 100, 0, 60], { scale }));
  });

  it("nps(Uint8Array) with a custom scale above 0 refuses bytes below its minimum", () => {
    const scale = { min: 1, max: 5, passiveMin: 4, promoterMin: 5 };
    expect(npsSummary(Uint8Array.of(1, 2, 3, 4, 5, 5, 4, 1), { scale })).toMatchObject({ promoters: 2, passives: 2, detractors: 4 });
    expect(() => nps(Uint8Array.of(1, 2, 3, 0, 5, 5, 4, 1), { scale })).toThrow(expect.objectContaining({ code: "OUT_OF_RANGE", index: 3 }));
  });

  it("nps(values) ignores null and undefined and counts them in skipped", () => {
    const r = nps([10, null, 9, undefined, 3]);
    expect(r.n).toBe(3);
    expect(r.skipped).toBe(2);
    expect(r.value).toBeCloseTo(100 / 3, 12);
  });

  it("nps(rows, accessor) reads each row once on clean data", () => {
    let calls = 0;
    const rows = Array.from({ length: 50 }, (_, i) => ({ score: i % 11 }));
    nps(rows, (row) => {
      calls++;
      return row.score;
    });
    expect(calls).toBe(50);
  });

  it("nps returns the observed score as value even when the adjusted-Wald interval is centred elsewhere", () => {
    const r = nps([10, 10, 10, 0]);
    expect(r.value).toBe(50);
    expect(r.method).toBe("adjusted-wald");
    // centre of the interval: (3.75 − 1.75) / 7 = 28.57…
    expect((r.ci[0] + r.ci[1]) / 2).toBeCloseTo((100 * 2) / 7, 9);
  });
});
