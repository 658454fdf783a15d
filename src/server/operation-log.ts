import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../graphql/context';
import type { Logger } from './logger';

/** One log line per GraphQL operation: which, for whom, how long, and whether it failed. */
export function operationLog(logger: Logger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, operation, contextValue, response }) {
          // The errors as sent, i.e. after src/graphql/errors.ts gave each its code.
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          logger.info(
            {
              operation: operationName ?? null,
              type: operation?.operation ?? null,
              viewer: contextValue.viewer?.userId ?? null,
              ms: Math.round(performance.now() - started),
              errors: errors?.map((e) => e.extensions?.code) ?? [],
            },
            'graphql operation',
          );
        },
      };
    },
  };
}
