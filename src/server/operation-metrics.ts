import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../graphql/context';
import { countError, observeOperation } from './metrics';

/** Feeds /metrics: each operation's duration by name, and each error sent by its code. */
export function operationMetrics(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, operation, response }) {
          observeOperation(operationName ?? null, operation?.operation ?? null, (performance.now() - started) / 1000);
          if (response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) countError(String(error.extensions?.code ?? 'UNKNOWN'));
        },
      };
    },
  };
}
