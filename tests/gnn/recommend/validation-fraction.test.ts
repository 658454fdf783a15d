/** The validation share `recommend` and `train recommend` use when none is given, scaled to the data. */
import assert from 'node:assert/strict';
import { test } from '../../support/node-test';
import { validationFraction } from '../../../gnn/recommend/validation-fraction';

test('about 12,000 held-out pairs, at most 10%: the shares LastFM and Ciao were validated with', () => {
  assert.equal(validationFraction(74_267), 0.1, "LastFM's training pairs");
  assert.equal(validationFraction(227_268), 0.05, "Ciao's");
  assert.equal(validationFraction(282_619), 0.04, 'the whole imported Ciao');
  assert.equal(validationFraction(752_923), 0.02, 'the 25k-user synthetic split');
  assert.equal(validationFraction(50_000_000), 0.01, 'never below 1%');
  assert.equal(validationFraction(300), 0.1, 'a demo graph');
  assert.equal(validationFraction(0), 0.1);
});
