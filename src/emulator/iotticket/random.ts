/**
 * Stateless deterministic hashing: every generated value is a pure function of (seed, key, index), so any
 * range of any series can be produced on demand without storing it, and the same seed gives the same data.
 */

/** FNV-1a of a string, as an unsigned 32-bit integer. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Mixes two integers into an unsigned 32-bit hash (murmur3 finaliser); `b` may use up to 53 bits. */
export function mix(a: number, b: number): number {
  const high = Math.floor(b / 4294967296);
  let h = Math.imul(a ^ Math.imul(high, 0x27d4eb2f), 0x9e3779b1) ^ Math.imul(b >>> 0, 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 13;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A uniform number in [0, 1) for (seed, index). */
export function unit(seed: number, index: number): number {
  return mix(seed, index) / 4294967296;
}

/** 32 lowercase hex characters (a v1 device id) derived from a key. */
export function hex32(key: string): string {
  let out = '';
  let h = hashString(key);
  for (let i = 0; i < 4; i++) {
    h = mix(h, i + 1);
    out += h.toString(16).padStart(8, '0');
  }
  return out;
}
