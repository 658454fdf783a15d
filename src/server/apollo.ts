import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Context } from '../graphql/context';
import { createErrorFormatter } from '../graphql/errors';
import { createSchema } from '../graphql/schema';
import type { Config } from './config';
import type { Logger } from './logger';
import { operationLog } from './operation-log';

/** Apollo Server over our schema; HTTP is app.ts's job, so Apollo's own landing page is off. */
export async function createApollo(config: Config, logger: Logger): Promise<ApolloServer<Context>> {
  const apollo = new ApolloServer<Context>({
    schema: await createSchema(),
    formatError: createErrorFormatter((err) => logger.error({ err }, 'internal error in a GraphQL request')),
    includeStacktraceInErrorResponses: false,
    introspection: !config.production,
    plugins: [ApolloServerPluginLandingPageDisabled(), operationLog(logger)],
    logger,
  });
  await apollo.start();
  return apollo;
}
