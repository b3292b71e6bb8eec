/**
 * Small deterministic number generators: the datasets derive every id and value from `context.seed`
 * so the same seed always produces the same data, without storing it.
 */

/** Mixes integers into one well-spread unsigned 32-bit hash (murmur3-style finaliser per part). */
export function hash32(...parts: readonly number[]): number {
  let h = 0x9e3779b9;
  for (let i = 0; i < parts.length; i++) {
    // Mix the low and the high 32 bits, so large integers (timestamps) count in full.
    h = mix(h, parts[i] | 0);
    h = mix(h, Math.floor(parts[i] / 4294967296) | 0);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function mix(h: number, v: number): number {
  let k = Math.imul(v, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** A hash of a string, for mixing names into `hash32`. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A hash mapped to [0, 1). */
export function unit(hash: number): number {
  return hash / 4294967296;
}

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
