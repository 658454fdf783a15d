import { newId } from '../domain/ids';
import type { Stamp } from '../store/contract';

/** Id and clock for an entity created through the API. */
export function stamp(): Stamp {
  return { id: newId(), at: Date.now() };
}
