/**
 * The Neo4j engine's Cypher checked by Neo4j's own analyser, with no server: every statement the
 * engine sends (recorded by every-statement.ts) linted under CYPHER 5 and 25 with the built-in
 * functions and procedures and the parameters actually sent; plus the session and transaction
 * rules Neo4j enforces at run time.
 */
import assert from 'node:assert/strict';
import { before, test } from '../../support/node-test';
import neo4j from 'neo4j-driver';
import type { CypherVersion } from '@neo4j-cypher/language-support';
import { CYPHER_25_BLIND_SPOT, CYPHER_VERSIONS, type Finding, kindOf, lint, parametersUsed, withUndeclaredVariable } from './cypher-lint';
import { type Recording, recordEveryStatement } from './every-statement';
import type { SentStatement } from './recording-driver';

let recording: Recording;
/** One statement per distinct text and parameter names, with its lint under each version. */
let distinct: { statement: SentStatement; linted: Map<CypherVersion, ReturnType<typeof lint>> }[];

before(async () => {
  recording = await recordEveryStatement();
  const byKey = new Map<string, SentStatement>();
  for (const s of recording.sent) byKey.set(`${s.query}\0${Object.keys(s.params).sort().join(',')}`, s);
  distinct = [...byKey.values()].map((statement) => ({
    statement,
    linted: new Map(CYPHER_VERSIONS.map((version) => [version, lint(statement.query, statement.params, version)])),
  }));
});

const describe = (s: SentStatement, f: Finding) => `${f.severity}: ${f.message} (at "${f.at}")\n  in: ${s.query}`;

test('every contract method, schema creation and migration is recorded', () => {
  assert.deepEqual(recording.methods.filter((m) => !recording.called.has(m)), []);
  assert.ok(recording.sent.some((s) => kindOf(s.query) === 'schema'), 'schema creation recorded');
  assert.ok(recording.sent.some((s) => s.query.includes('shareVisibility IS NULL')), 'migrations recorded');
});

test("Neo4j's analyser finds no error and no warning in any statement, under CYPHER 5 and 25", () => {
  const problems: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const { statement, linted } of distinct) {
    for (const [version, { findings }] of linted) {
      for (const finding of findings) {
        if (finding.severity === 'error') errors++;
        else warnings++;
        problems.push(`[${version}] ${describe(statement, finding)}`);
      }
    }
  }
  console.log(
    `neo4j lint: ${recording.sent.length} statements sent, ${distinct.length} distinct, ` +
      `linted under ${CYPHER_VERSIONS.join(' and ')}: ${errors} errors, ${warnings} warnings`,
  );
  assert.deepEqual(problems, []);
});

test('every parameter sent is used by its statement', () => {
  const unused = distinct.flatMap(({ statement }) => {
    const used = parametersUsed(statement.query);
    return Object.keys(statement.params)
      .filter((name) => !used.has(name))
      .map((name) => `$${name} in: ${statement.query}`);
  });
  assert.deepEqual(unused, []);
});

test('the lint really runs: renaming a used variable in each statement is reported, under CYPHER 5 and 25', () => {
  const missed: string[] = [];
  const blind: string[] = [];
  const without: string[] = [];
  for (const { statement, linted } of distinct) {
    // CYPHER 25's analysis returns no symbol table for some statements (ORDER BY CASE ...); positions are the same.
    const mutant = withUndeclaredVariable(statement.query, linted.get('CYPHER 5')!.symbols);
    if (!mutant) {
      without.push(statement.query);
      continue;
    }
    for (const version of CYPHER_VERSIONS) {
      const { findings } = lint(mutant.query, statement.params, version);
      if (findings.some((f) => f.severity === 'error' && f.message.includes(`\`${mutant.name}\``))) continue;
      if (version === 'CYPHER 25' && CYPHER_25_BLIND_SPOT.test(statement.query)) blind.push(mutant.query);
      else missed.push(`[${version}] ${mutant.query}`);
    }
  }
  // Nothing is missed outside the analyser's known blind spot.
  assert.deepEqual(missed, []);
  // Only statements that use no variable in an expression (`RETURN 1 AS ok`, `MATCH (:User) RETURN count(*) AS n`,
  // `MATCH (s ...) MATCH (t ...) CREATE (s)-[:SHARED_WITH]->(t)`) have none to rename.
  for (const query of without) assert.doesNotMatch(query, /\b[a-z]\w*\.\w+/, `a variable use was not found in: ${query}`);
  console.log(
    `neo4j lint mutation check: ${distinct.length - without.length} of ${distinct.length} statements mutated; every mutant reported ` +
      `under CYPHER 5, all but ${blind.length} under CYPHER 25 (ORDER BY CASE, the analyser's blind spot)`,
  );
  assert.ok(distinct.length - without.length >= distinct.length * 0.9, `${without.length} of ${distinct.length} statements not mutated`);
});

test('the lint catches what LadybugDB accepts and Neo4j does not', () => {
  const errors = (query: string, params = {}) => lint(query, params, 'CYPHER 5').findings.filter((f) => f.severity === 'error');
  assert.ok(errors('CREATE NODE TABLE User(id STRING, PRIMARY KEY(id))').length > 0, 'LadybugDB DDL');
  assert.ok(errors('MATCH (u:User) WHERE exists(u.bio) RETURN u').length > 0, 'Neo4j 4 property existence');
  assert.ok(errors('MATCH (u:User) RETURN u.id AS a UNION MATCH (u:User) RETURN u.id AS b').length > 0, 'UNION columns');
  assert.ok(errors('MATCH (u:User {id: $id}) RETURN u').length > 0, 'parameter not sent');
  assert.ok(errors('MATCH (u:User) RETURN apoc.text.clean(u.handle) AS h').length > 0, 'plugin function');
  assert.ok(errors('MATCH (u:User) CALL { RETURN u.id AS id } RETURN id').length > 0, 'CALL subquery scope');
});

test('read sessions send no writes', () => {
  const writesInReads = recording.sent.filter((s) => s.mode === neo4j.session.READ && kindOf(s.query) !== 'read');
  assert.deepEqual(writesInReads.map((s) => s.query), []);
  assert.ok(recording.sent.some((s) => s.mode === neo4j.session.READ), 'reads recorded');
});

test('no transaction mixes schema commands with data changes', () => {
  const units = new Map<number, SentStatement[]>();
  for (const s of recording.sent) units.set(s.unit, [...(units.get(s.unit) ?? []), s]);
  const mixed = [...units.values()].filter((statements) => {
    const kinds = new Set(statements.map((s) => kindOf(s.query)));
    return kinds.has('schema') && kinds.has('write');
  });
  assert.deepEqual(mixed.map((statements) => statements.map((s) => s.query)), []);
  assert.ok([...units.values()].some((statements) => statements.length > 1), 'multi-statement transactions recorded');
});
