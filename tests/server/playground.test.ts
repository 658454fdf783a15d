import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EXAMPLE_QUERY, playgroundHtml } from '../../src/server/playground';

const html = playgroundHtml('/graphql', 'x-user-id');

test('the playground page loads the example query against our endpoint', () => {
  assert.ok(html.includes(JSON.stringify(EXAMPLE_QUERY)), 'example query is the default');
  assert.match(EXAMPLE_QUERY, /users\(first: 5\)/);
  assert.ok(html.includes('"endpoint":"/graphql"'));
  assert.ok(html.includes(JSON.stringify(JSON.stringify({ 'x-user-id': '' }, null, 2))), 'the dev header is offered');
  assert.ok(!playgroundHtml('/graphql', null).includes('x-user-id'));
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
