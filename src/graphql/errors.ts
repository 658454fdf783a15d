/**
 * What clients see when something fails. Domain errors carry their own code (and the offending
 * input field); errors GraphQL itself raised (parse, validation, argument coercion) keep the code
 * Apollo gave them; anything else is a bug or an outage, so it is logged and masked.
 */
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { DomainError } from '../domain/errors';

export const INTERNAL_MESSAGE = 'Internal server error';

export function domainExtensions(error: DomainError): { code: DomainError['code']; field?: string } {
  return error.field === undefined ? { code: error.code } : { code: error.code, field: error.field };
}

export function createErrorFormatter(logInternal: (error: unknown) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const { locations, path } = formatted;
    if (original instanceof DomainError) {
      return { message: original.message, locations, path, extensions: domainExtensions(original) };
    }
    if (original instanceof GraphQLError) {
      // Apollo's own request errors (e.g. a persisted-query hash that does not match) carry an HTTP
      // 4xx but no code, and Apollo labels them INTERNAL_SERVER_ERROR: they are the client's.
      const status = (original.extensions.http as { status?: number } | undefined)?.status;
      const clientError = !original.extensions.code && status !== undefined && status >= 400 && status < 500;
      return clientError ? { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_REQUEST' } } : formatted;
    }
    logInternal(original);
    return { message: INTERNAL_MESSAGE, locations, path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
