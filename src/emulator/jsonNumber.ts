/**
 * Numbers as JSON text, exactly as `String(v)` writes them, faster for the two kinds a generated series
 * page is made of: epoch milliseconds (13-digit integers, which V8 formats on its slow double path) and
 * values with at most three decimals. A 10,000-point page spent about 3 ms of the emulator's one thread
 * in `String`; the round trip of a real server is what the benchmarks mean to compare against, not that.
 */

/** Integers below this split exactly into millions and the rest (epoch ms: both halves small integers, which V8 formats fast). */
const MAX_SPLIT = 2 ** 53;

export function numberJson(v: number): string {
  if (Number.isInteger(v)) return v >= 1e6 && v < MAX_SPLIT ? bigInteger(v) : String(v);
  // n / 1000 === v means v's shortest decimal form has at most three decimals (below 1e9 no other decimal of
  // three places lies within the same double), which is then the integer n with a point put in.
  if (v > -1e9 && v < 1e9) {
    const n = Math.round(v * 1000);
    if (n / 1000 === v) return thousandths(n);
  }
  return String(v);
}

function bigInteger(v: number): string {
  const high = Math.floor(v / 1e6);
  const low = String(v - high * 1e6);
  return String(high) + '000000'.slice(low.length) + low;
}

/** n / 1000 written as `String` would: no trailing zeros, no point for a whole number. */
function thousandths(n: number): string {
  const a = n < 0 ? -n : n;
  const whole = Math.floor(a / 1000);
  const f = a - whole * 1000;
  const sign = n < 0 ? '-' : '';
  if (f === 0) return sign + whole;
  const digits = f % 100 === 0 ? String(f / 100) : f % 10 === 0 ? (f < 100 ? '0' : '') + f / 10 : (f < 10 ? '00' : f < 100 ? '0' : '') + f;
  return `${sign}${whole}.${digits}`;
}
