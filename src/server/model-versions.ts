/**
 * Which model version the API serves for each kind, for /readyz and /metrics. Serving code that
 * keeps a model in memory is a source (its loaded version); for a kind without a source, or whose
 * source has loaded nothing yet, the store's current run is what the next request will load.
 */
import { MODEL_KINDS, type ModelKind, type Store } from '../store/contract';

export type ModelVersionSources = Partial<Record<ModelKind, () => string | null>>;

export async function modelVersions(store: Store, sources: ModelVersionSources): Promise<Record<ModelKind, string | null>> {
  const versions = await Promise.all(
    MODEL_KINDS.map(async (kind) => sources[kind]?.() ?? (await store.models.current(kind))?.version ?? null),
  );
  return Object.fromEntries(MODEL_KINDS.map((kind, i) => [kind, versions[i]])) as Record<ModelKind, string | null>;
}
