/**
 * Domain errors. The store and the domain throw these; the GraphQL layer maps each to an
 * `extensions.code` (see src/graphql/errors.ts). Anything else is an internal error and is masked.
 */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly code: 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'UNAUTHENTICATED' | 'FORBIDDEN',
    readonly field?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidInputError extends DomainError {
  constructor(field: string, message: string) {
    super(message, 'BAD_USER_INPUT', field);
  }
}

export class NotFoundError extends DomainError {
  constructor(kind: string, id: string) {
    super(`${kind} ${JSON.stringify(id)} was not found`, 'NOT_FOUND');
  }
}

export class ConflictError extends DomainError {
  constructor(message: string) {
    super(message, 'CONFLICT');
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'You must be signed in to do this') {
    super(message, 'UNAUTHENTICATED');
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'You are not allowed to do this') {
    super(message, 'FORBIDDEN');
  }
}
