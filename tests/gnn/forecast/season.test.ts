import assert from 'node:assert/strict';
import { test } from '../../support/node-test';
import { factorAt, seasonalFactors } from '../../../gnn/forecast/season';

const PATTERN = [0.3, 0.1, 0, 0, -0.1, 0, 0, 0.1, 0, 0, -0.1, -0.3];

/** Monthly totals from Jan 2000 (first = 2000·12): a steady trend times a planted yearly pattern. */
function planted(length: number): Float64Array {
  return Float64Array.from({ length }, (_, i) => 1000 * Math.exp(0.002 * i + PATTERN[i % 12]));
}

test('recovers a planted yearly pattern from the data up to each origin', () => {
  const f = seasonalFactors(planted(96), 2000 * 12, 96, 12);
  const t = 95;
  const mean = PATTERN.reduce((a, b) => a + b) / 12;
  PATTERN.forEach((p, m) => assert.ok(Math.abs(f.log[t * 12 + m] - (p - mean)) < 0.03, `month ${m + 1}: ${f.log[t * 12 + m]} vs ${p - mean}`));
  // Position 95 is a December: its factor is December's.
  assert.equal(factorAt(f, t, 95, 2000 * 12), f.log[t * 12 + 11]);
});

test('factors at an origin use nothing after it', () => {
  const base = planted(60);
  const changed = Float64Array.from(base, (y, i) => (i > 40 ? 5 * y : y));
  const a = seasonalFactors(base, 0, 60, 12);
  const b = seasonalFactors(changed, 0, 60, 12);
  assert.deepEqual(a.log.slice(0, 41 * 12), b.log.slice(0, 41 * 12));
  assert.notDeepEqual(a.log.slice(46 * 12, 47 * 12), b.log.slice(46 * 12, 47 * 12));
});

test('before a full year is seen the factors are 0, and without a season always 0', () => {
  const f = seasonalFactors(planted(30), 0, 30, 12);
  assert.ok(f.log.slice(0, 11 * 12).every((v) => v === 0));
  assert.equal(factorAt(seasonalFactors(planted(30), 0, 30, 0), 20, 25, 0), 0);
});
