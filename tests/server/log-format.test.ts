/** LOG_FORMAT: readable lines on a development terminal, JSON for everything else. */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from '../support/node-test';
import { loadConfig } from '../../src/server/config';
import { createLogger } from '../../src/server/logger';

function sink() {
  const chunks: string[] = [];
  return { chunks, stream: new Writable({ write: (c, _e, done) => (chunks.push(String(c)), done()) }) };
}

test('pretty: one readable line per entry, with its fields; json: one JSON object per line', () => {
  const pretty = sink();
  createLogger({ logLevel: 'info', logFormat: 'pretty' }, pretty.stream).info({ kind: 'forecast' }, 'model published');
  const line = pretty.chunks.join('');
  assert.match(line, /INFO.*model published/);
  assert.match(line, /kind: "forecast"/);
  assert.throws(() => JSON.parse(line));

  const json = sink();
  createLogger({ logLevel: 'info', logFormat: 'json' }, json.stream).info({ kind: 'forecast' }, 'model published');
  assert.deepEqual(
    (({ msg, kind, level }) => ({ msg, kind, level }))(JSON.parse(json.chunks.join(''))),
    { msg: 'model published', kind: 'forecast', level: 30 },
  );
});

test('LOG_FORMAT: explicit values, JSON in production and when stdout is not a terminal, bad values refused', () => {
  assert.equal(loadConfig({ LOG_FORMAT: 'pretty' }).logFormat, 'pretty');
  assert.equal(loadConfig({ LOG_FORMAT: 'json' }).logFormat, 'json');
  assert.equal(loadConfig({ NODE_ENV: 'production', AUTH_JWT_SECRET: 'x'.repeat(32) }).logFormat, 'json');
  // The test runner's stdout is a pipe, as under a supervisor or in a container's log driver.
  assert.equal(loadConfig({}).logFormat, process.stdout.isTTY ? 'pretty' : 'json');
  assert.throws(() => loadConfig({ LOG_FORMAT: 'xml' }), /LOG_FORMAT/);
});
