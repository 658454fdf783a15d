import assert from 'node:assert/strict';
import { test } from '../support/node-test';
import { GraphQLError } from 'graphql';
import { ConflictError, InvalidInputError } from '../../src/domain/errors';
import { createErrorFormatter } from '../../src/graphql/errors';

/** An error as graphql-js reports one thrown by a resolver at `path`. */
const fromResolver = (original: Error) => new GraphQLError(original.message, { path: ['field'], originalError: original });

test('domain errors keep their code, and BAD_USER_INPUT names the field', () => {
  const format = createErrorFormatter(() => assert.fail('domain errors are not logged'));
  const bad = format({ message: 'x', path: ['field'] }, fromResolver(new InvalidInputError('rating', 'rating must be 1-5')));
  assert.deepEqual(bad, { message: 'rating must be 1-5', locations: undefined, path: ['field'], extensions: { code: 'BAD_USER_INPUT', field: 'rating' } });
  const conflict = format({ message: 'x' }, fromResolver(new ConflictError('taken')));
  assert.deepEqual(conflict.extensions, { code: 'CONFLICT' });
});

test("GraphQL's own errors pass through with Apollo's code", () => {
  const format = createErrorFormatter(() => assert.fail('not logged'));
  const formatted = { message: 'Cannot query field "nope"', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
  assert.equal(format(formatted, new GraphQLError('Cannot query field "nope"')), formatted);
});

test("Apollo's request errors with a 4xx status are BAD_REQUEST, not INTERNAL_SERVER_ERROR", () => {
  const format = createErrorFormatter(() => assert.fail('not logged'));
  const error = new GraphQLError('provided sha does not match query', { extensions: { http: { status: 400 } } });
  const formatted = format({ message: error.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, error);
  assert.deepEqual(formatted, { message: 'provided sha does not match query', extensions: { code: 'BAD_REQUEST' } });
});

test('anything else is logged and masked', () => {
  const logged: unknown[] = [];
  const format = createErrorFormatter((err) => logged.push(err));
  const boom = new Error('password=hunter2');
  const masked = format({ message: 'password=hunter2', path: ['field'], extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['...'] } }, fromResolver(boom));
  assert.deepEqual(masked, { message: 'Internal server error', locations: undefined, path: ['field'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  assert.deepEqual(logged, [boom]);
});
