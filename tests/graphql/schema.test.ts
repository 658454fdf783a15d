import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from '../support/node-test';
import { printedSchema, SCHEMA_FILE } from '../../src/graphql/print';

test(`${SCHEMA_FILE} matches the code`, async () => {
  const committed = await readFile(SCHEMA_FILE, 'utf8');
  assert.ok(committed === (await printedSchema()), `${SCHEMA_FILE} is stale: run \`npm run schema:print\` and commit it`);
});
