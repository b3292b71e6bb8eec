import { test } from 'node:test';
import assert from 'node:assert/strict';
import { numberJson } from '../../../src/emulator/jsonNumber';

void test('numberJson writes every number exactly as String does', () => {
  // A seeded generator: the values a series page holds (rounded to 0–4 decimals, every magnitude), epoch
  // milliseconds, integers up to 2^53 of either sign, and arbitrary doubles.
  let seed = 1;
  const rand = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const samples: number[] = [-0, 0, 0.001, -0.001, 0.005, 0.05, 0.01, 0.1, 0.5, -0.5, 1.1, 1.01, 1.001, 10.1, 999999999.999, -999999999.999,
    1e9, -1e9, 0.1 + 0.2, 1e-7, 123.4565, 2 ** 53, 2 ** 53 - 1, 2 ** 53 + 2, 1e6, 999_999, 1e21, -1e6, 1_790_000_000_000, NaN, Infinity, -Infinity];
  for (let i = 0; i < 200_000; i++) {
    const decimals = i % 5;
    samples.push(Math.round((rand() - 0.5) * 10 ** (1 + (i % 12)) * 10 ** decimals) / 10 ** decimals);
    samples.push(Math.floor(rand() * 2 ** 53) * (i % 2 ? 1 : -1));
    samples.push(1_700_000_000_000 + Math.floor(rand() * 1e11));
    samples.push((rand() - 0.5) * 10 ** ((i % 30) - 10));
  }
  const wrong = samples.filter((x) => numberJson(x) !== String(x));
  assert.deepEqual(wrong.slice(0, 5).map((x) => [x, numberJson(x)]), []);
});
