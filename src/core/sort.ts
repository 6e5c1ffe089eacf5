/**
 * Sorting helpers. Internal.
 * @module
 */

/**
 * Indices that sort `values` ascending (stable), by an LSD radix sort on the bits of the doubles:
 * each double is mapped to an unsigned 64-bit key with the same order (negative numbers have all
 * bits flipped, others only the sign bit), and four passes of 16-bit digits order the indices.
 * O(n), no comparator calls; −0 sorts just before +0. Values must not be NaN.
 * @internal
 * @example
 * ```ts
 * Array.from(argsort([3, -1, 2])); //=> [1, 2, 0]
 * ```
 */
export function argsort(values: ArrayLike<number>): Uint32Array {
  const n = values.length;
  if (n < 2048) {
    // small inputs: a comparator sort beats four passes over 65,536 buckets (stable since ES2019)
    const order = Uint32Array.from({ length: n }, (_, i) => i);
    const v = Float64Array.from(values);
    return order.sort((a, b) => v[a]! - v[b]!);
  }
  const f = Float64Array.from(values);
  const bits = new Uint32Array(f.buffer); // little-endian: [lo, hi] per double
  const lo = new Uint32Array(n);
  const hi = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const l = bits[2 * i]!;
    const h = bits[2 * i + 1]!;
    if (h & 0x80000000) {
      lo[i] = ~l >>> 0;
      hi[i] = ~h >>> 0;
    } else {
      lo[i] = l;
      hi[i] = (h | 0x80000000) >>> 0;
    }
  }
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let next = new Uint32Array(n);
  const count = new Uint32Array(65537);
  for (let pass = 0; pass < 4; pass++) {
    const word = pass < 2 ? lo : hi;
    const shift = pass % 2 === 0 ? 0 : 16;
    count.fill(0);
    for (let i = 0; i < n; i++) count[((word[i]! >>> shift) & 0xffff) + 1]!++;
    // skip a pass whose digit is the same for every value
    let constant = false;
    for (let d = 1; d <= 65536; d++) {
      if (count[d] === n) constant = true;
      if (count[d] !== 0) break;
    }
    if (constant) continue;
    for (let d = 0; d < 65536; d++) count[d + 1]! += count[d]!;
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      next[count[(word[i]! >>> shift) & 0xffff]!++] = i;
    }
    [order, next] = [next, order];
  }
  return order;
}
