import { InvalidInputError } from '../domain/errors';
import { fromGlobalId, type NodeKind } from '../domain/ids';

/** The internal id behind a global id of the expected kind; BAD_USER_INPUT on `field` otherwise. */
export function decodeId(globalId: string, kind: NodeKind, field: string): string {
  const decoded = fromGlobalId(globalId);
  if (decoded?.kind !== kind) throw new InvalidInputError(field, `${field} is not a ${kind} id`);
  return decoded.id;
}
