/**
 * Query shape limits, checked while parsing and validating, before anything executes: depth,
 * aliases and directives by graphql-armor; tokens by graphql's own parser (armor's token plugin
 * turns every syntax error into a 500 under Apollo). The cost is cost-limit.ts's: armor's counts
 * literal `first`/`last` only, since validation runs without the variables.
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { Config } from './config';

export function armor({ limits, introspection }: Pick<Config, 'limits' | 'introspection'>) {
  const { plugins, validationRules } = new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    costLimit: { enabled: false },
    maxAliases: { n: limits.maxAliases },
    maxDirectives: { n: limits.maxDirectives },
    maxTokens: { enabled: false },
    // "Did you mean ...?" would describe a schema that introspection hides.
    blockFieldSuggestion: { enabled: !introspection },
  }).protect();
  return { plugins, validationRules, parseOptions: { maxTokens: limits.maxTokens } };
}
