import assert from 'node:assert/strict';
import { test } from '../support/node-test';
import { loadConfig } from '../../src/server/config';

test('boolean settings take true or false, and refuse anything else rather than guess', () => {
  assert.equal(loadConfig({}).seedOnEmpty, true);
  assert.equal(loadConfig({ SEED_ON_EMPTY: 'false' }).seedOnEmpty, false);
  assert.throws(() => loadConfig({ SEED_ON_EMPTY: '0' }), /SEED_ON_EMPTY must be true or false/);
  assert.throws(() => loadConfig({ TRAIN_ON_SEED: 'no' }), /TRAIN_ON_SEED must be true or false/);
});
