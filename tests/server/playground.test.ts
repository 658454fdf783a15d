import assert from 'node:assert/strict';
import { test } from '../support/node-test';
import { buildSchema, parse, validate } from 'graphql';
import { readFileSync } from 'node:fs';
import { exampleOperations, playgroundHtml } from '../../src/server/playground';

const html = playgroundHtml('/graphql', true, 'demo_ann');

test('the playground page loads the example operations against our endpoint, signed in as a demo manager', () => {
  assert.ok(html.includes(JSON.stringify(exampleOperations('demo_ann'))), 'the example operations are the default');
  assert.ok(html.includes('"endpoint":"/graphql"'));
  const headers = JSON.stringify({ 'x-user-id': 'demo_ann', 'x-user-roles': 'manager' }, null, 2);
  assert.ok(html.includes(JSON.stringify(headers)), 'the dev headers name the demo manager');
  assert.ok(!playgroundHtml('/graphql', false, 'demo_ann').includes('x-user-id'), 'no dev header without dev auth');
});

test('the example operations are valid against the committed schema and cover the model features', () => {
  const schema = buildSchema(readFileSync('schema/schema.graphql', 'utf8'));
  const doc = parse(exampleOperations('demo_ann'));
  assert.deepEqual(validate(schema, doc), []);
  const names = doc.definitions.map((d) => ('name' in d ? d.name?.value : undefined));
  assert.deepEqual(names, ['OpinionLeaders', 'CommunitiesWithForecasts', 'Recommendations', 'People']);
  assert.match(exampleOperations('demo_ann'), /user\(handle: "demo_ann"\)/);
});

test('the playground page references nothing outside this server', () => {
  // The inlined bundle mentions URLs in strings (XML namespaces, licence and doc links), which a
  // browser never fetches; what must not occur is anything that loads a resource from outside.
  const external = String.raw`(?:https?:)?//(?!localhost[:/]|127\.0\.0\.1[:/])[^\s"'()<>]+`;
  const loaders = [
    new RegExp(String.raw`\b(?:src|href|action|poster|srcset)\s*=\s*["']?${external}`, 'gi'),
    new RegExp(String.raw`url\(\s*["']?${external}`, 'gi'),
    new RegExp(String.raw`@import\s+(?:url\()?\s*["']${external}`, 'gi'),
    new RegExp(String.raw`\bimport\(\s*["']${external}`, 'gi'),
    new RegExp(String.raw`\bimportScripts\(\s*["']${external}`, 'gi'),
    new RegExp(String.raw`\bfetch\(\s*["']${external}`, 'gi'),
  ];
  for (const pattern of loaders) assert.deepEqual(html.match(pattern) ?? [], [], `${pattern} finds outside references`);
});
