/**
 * Model registry on the file system: `<root>/v<N>/` holds one saved model (see file-handler.ts).
 * Every saved model records what is needed to trust or reproduce it: a version, the data
 * snapshot it was trained on, its hyper-parameters and its evaluation metrics.
 */
import * as tf from '@tensorflow/tfjs';
import { readdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileHandler } from './file-handler';

/** Bumped when the stored layout or weight naming changes incompatibly. */
export const REGISTRY_FORMAT = 1;

export interface DataSnapshot {
  source: string;
  sha256: string;
  counts: Record<string, number>;
}

export interface ModelRecord {
  format: number;
  /** Position in the registry: v1, v2, ... */
  version: number;
  kind: string;
  createdAt: string;
  data: DataSnapshot;
  hyperParameters: Record<string, unknown>;
  metrics: Record<string, unknown>;
  backend: string;
}

export type NewModelRecord = Omit<ModelRecord, 'format' | 'version' | 'createdAt'>;

async function versions(root: string): Promise<number[]> {
  if (!existsSync(root)) return [];
  return (await readdir(root))
    .map((name) => /^v(\d+)$/.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
}

/** Save as the next version under `root`; returns the stored record and its directory. */
export async function saveModel(root: string, weights: tf.NamedTensorMap, info: NewModelRecord): Promise<{ record: ModelRecord; dir: string }> {
  const version = ((await versions(root)).at(-1) ?? 0) + 1;
  const record: ModelRecord = { format: REGISTRY_FORMAT, version, createdAt: new Date().toISOString(), ...info };
  const { data, specs } = await tf.io.encodeWeights(weights);
  const dir = join(root, `v${version}`);
  await fileHandler(dir).save({
    modelTopology: { kind: info.kind },
    format: 'gnn-registry',
    generatedBy: `@tensorflow/tfjs ${tf.version.tfjs}`,
    weightSpecs: specs,
    weightData: data,
    userDefinedMetadata: record as unknown as Record<string, object>,
  });
  return { record, dir };
}

/** All members' weights of an ensemble under `m<k>/` prefixes, as one set for the registry. */
export function ensembleWeights(models: readonly { weights(): tf.NamedTensorMap }[]): tf.NamedTensorMap {
  return Object.assign({}, ...models.map((m, k) => Object.fromEntries(Object.entries(m.weights()).map(([name, w]) => [`m${k}/${name}`, w]))));
}

/** Load one version (default: the latest) from `root`. */
export async function loadModel(root: string, version?: number): Promise<{ record: ModelRecord; weights: tf.NamedTensorMap }> {
  const v = version ?? (await versions(root)).at(-1);
  if (v === undefined) throw new Error(`no saved model under ${root}`);
  const artifacts = await fileHandler(join(root, `v${v}`)).load();
  const record = artifacts.userDefinedMetadata as unknown as ModelRecord;
  if (record?.format !== REGISTRY_FORMAT) throw new Error(`unsupported registry format ${record?.format} in ${root}/v${v}`);
  const weights = tf.io.decodeWeights(artifacts.weightData ?? new ArrayBuffer(0), artifacts.weightSpecs ?? []);
  return { record, weights };
}

/** Deletes all but the newest `keep` versions under `root`. */
export async function pruneModels(root: string, keep: number): Promise<void> {
  const all = await versions(root);
  for (const v of all.slice(0, Math.max(0, all.length - keep))) await rm(join(root, `v${v}`), { recursive: true, force: true });
}
