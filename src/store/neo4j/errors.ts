/**
 * Neo4j's uniqueness constraints are the last line against duplicates (two racing writes can both
 * pass a repository's existence check), so their violations surface as the contract's ConflictError.
 */
import { Neo4jError } from 'neo4j-driver';
import { ConflictError } from '../../domain/errors';

const CONSTRAINT_VIOLATION = 'Neo.ClientError.Schema.ConstraintValidationFailed';

/** The error to throw in place of `error`: a ConflictError for a constraint violation, else itself. */
export function toStoreError(error: unknown): unknown {
  if (!(error instanceof Neo4jError) || error.code !== CONSTRAINT_VIOLATION) return error;
  // The server names the label and property ("... with label `User` and property `handle` = 'x'");
  // the message is kept that specific without exposing internal node ids.
  const named = /label `([^`]+)` and property `([^`]+)`/.exec(error.message);
  return new ConflictError(named ? `A ${named[1]} with this ${named[2]} already exists` : 'This would duplicate a unique value');
}
