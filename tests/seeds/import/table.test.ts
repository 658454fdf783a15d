import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from '../../support/node-test';
import { openTable, splitFields } from '../../../seeds/import/table';

test('splitFields honours CSV quotes and leaves TSV alone', () => {
  assert.deepEqual(splitFields('1,"Food, Drink",x', ','), ['1', 'Food, Drink', 'x']);
  assert.deepEqual(splitFields('1,"say ""hi""",', ','), ['1', 'say "hi"', '']);
  assert.deepEqual(splitFields('1\t"Weird Al" Yankovic\tu', '\t'), ['1', '"Weird Al" Yankovic', 'u']);
});

test('openTable maps header names, keeps line numbers and skips blank lines (CRLF too)', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'table-'));
  try {
    const file = path.join(dir, 'x.csv');
    await writeFile(file, '\uFEFFUser_ID,Rating\r\n1,5\r\n\r\n2,4\r\n');
    const table = await openTable(file, { delimiter: ',', columns: { user: ['user_id'], rating: ['rating'], time: ['timestamp'] }, optional: ['time'] });
    assert.deepEqual(table.index, { user: 0, rating: 1 });
    const rows = [];
    for await (const row of table.rows) rows.push(row);
    assert.deepEqual(rows, [{ line: 2, fields: ['1', '5'] }, { line: 4, fields: ['2', '4'] }]);
    await assert.rejects(openTable(file, { delimiter: ',', columns: { user: ['user_id'], item: ['item_id'] } }), /x\.csv: the header must name the columns user_id, item_id/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
