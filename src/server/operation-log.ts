import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../graphql/context';
import type { Logger } from './logger';

export interface OperationLine {
  operation: string | null;
  type: string | null;
  viewer: string | null;
  ms: number;
  /** The codes of the errors sent. */
  errors: unknown[];
}

/** The line for one operation; answers the response cache gives before Apollo (app.ts) are logged with it too. */
export function logOperation(logger: Logger, line: OperationLine): void {
  logger.info(line, 'graphql operation');
}

/** One log line per GraphQL operation: which, for whom, how long, and whether it failed. */
export function operationLog(logger: Logger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, operation, contextValue, response }) {
          // The errors as sent, i.e. after src/graphql/errors.ts gave each its code.
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          logOperation(logger, {
            operation: operationName ?? null,
            type: operation?.operation ?? null,
            viewer: contextValue.viewer?.userId ?? null,
            ms: Math.round(performance.now() - started),
            errors: errors?.map((e) => e.extensions?.code) ?? [],
          });
        },
      };
    },
  };
}
