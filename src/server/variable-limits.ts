/**
 * Refuses variables the operation does not declare and variables too large for any real
 * operation, before anything executes: unused values would otherwise be parsed, kept in memory
 * (the response cache's keys) and logged for nothing.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

/** Far above any real operation's variables (a 10,000-character review body is at most 40 KB). */
export const MAX_VARIABLES_BYTES = 64 * 1024;

function refuse(message: string, field: string): never {
  throw new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', field, http: { status: 400 } } });
}

export function variableLimits(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, operation }) {
          const variables = request.variables ?? {};
          const declared = new Set((operation?.variableDefinitions ?? []).map((d) => d.variable.name.value));
          const unused = Object.keys(variables).find((name) => !declared.has(name));
          if (unused !== undefined) {
            refuse(`variable "$${unused.slice(0, 64)}" is not declared by the operation; send only the variables it uses`, 'variables');
          }
          let bytes: number;
          try {
            bytes = Buffer.byteLength(JSON.stringify(variables));
          } catch {
            refuse('variables are nested too deeply', 'variables'); // JSON.stringify ran out of stack
          }
          if (bytes > MAX_VARIABLES_BYTES) {
            refuse(`variables take ${bytes} bytes; at most ${MAX_VARIABLES_BYTES} are accepted`, 'variables');
          }
        },
      };
    },
  };
}
