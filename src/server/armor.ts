/**
 * Query shape limits, checked while parsing and validating, before anything executes: depth,
 * cost, aliases and directives by graphql-armor; tokens by graphql's own parser (armor's token
 * plugin turns every syntax error into a 500 under Apollo). Armor's cost counts 2 per object and
 * 1 per scalar, times 1.5 per level, times literal `first`/`last`, so nested pages multiply.
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { Config } from './config';

export function armor({ limits, introspection }: Pick<Config, 'limits' | 'introspection'>) {
  const { plugins, validationRules } = new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    costLimit: { maxCost: limits.maxCost },
    maxAliases: { n: limits.maxAliases },
    maxDirectives: { n: limits.maxDirectives },
    maxTokens: { enabled: false },
    // "Did you mean ...?" would describe a schema that introspection hides.
    blockFieldSuggestion: { enabled: !introspection },
  }).protect();
  return { plugins, validationRules, parseOptions: { maxTokens: limits.maxTokens } };
}
