import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Context } from '../graphql/context';
import { createErrorFormatter } from '../graphql/errors';
import { createSchema } from '../graphql/schema';
import { armor } from './armor';
import { costLimit } from './cost-limit';
import type { Config } from './config';
import type { Logger } from './logger';
import { operationLog } from './operation-log';
import { operationMetrics } from './operation-metrics';
import type { ResponseCache } from './response-cache';
import { variableLimits } from './variable-limits';

/**
 * Apollo Server over our schema; HTTP is app.ts's job, so Apollo's own landing page is off.
 * `responses` keeps what queries answer and answers repeats (see response-cache.ts).
 */
export async function createApollo(config: Config, logger: Logger, responses: ResponseCache): Promise<ApolloServer<Context>> {
  const limits = armor(config);
  const apollo = new ApolloServer<Context>({
    schema: await createSchema(),
    formatError: createErrorFormatter((err) => logger.error({ err }, 'internal error in a GraphQL request')),
    includeStacktraceInErrorResponses: false,
    introspection: config.introspection,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    // One operation per request, so the limits and the rate limit count what they should.
    allowBatchedHttpRequests: false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // Its per-field cache hints were never used (every answer is `no-store`, app.ts), and its
      // willResolveField hook made Apollo wrap every resolver: 5-8% of an executed operation.
      ApolloServerPluginCacheControlDisabled(),
      operationLog(logger),
      operationMetrics(),
      ...limits.plugins,
      costLimit({ maxCost: config.limits.maxCost, maxPageSize: config.maxPageSize }),
      variableLimits(),
      responses.plugin(),
    ],
    logger,
  });
  await apollo.start();
  return apollo;
}
