import { test } from '../../support/node-test';
import assert from 'node:assert/strict';
import { parseOptions, UsageError, type OptionSpec } from '../../../gnn/core/command';

const specs: OptionSpec[] = [
  { name: 'split', type: 'string', required: true, description: '' },
  { name: 'epochs', type: 'number', default: 10, description: '' },
  { name: 'lr', type: 'number', list: true, default: '0.005', description: '' },
  { name: 'refit', type: 'boolean', default: true, description: '' },
];

test('options parse numbers, lists, defaults and --no- flags', () => {
  assert.deepEqual(parseOptions(['--split', 'd', '--lr=0.01,0.02', '--no-refit'], specs), {
    split: 'd',
    epochs: 10,
    lr: [0.01, 0.02],
    refit: false,
  });
  assert.deepEqual(parseOptions(['--split=d', '--epochs', '3'], specs).lr, [0.005]);
});

test('bad input is a usage error', () => {
  assert.throws(() => parseOptions([], specs), UsageError);
  assert.throws(() => parseOptions(['--split', 'd', '--epochs', 'x'], specs), UsageError);
  assert.throws(() => parseOptions(['--split', 'd', '--nope'], specs), UsageError);
});
