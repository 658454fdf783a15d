import { announce, tags, type ChangeListener } from '../changes';
import type { ModelKind, ModelRepository, ModelRun } from '../contract';
import { decodeVector, encodeVector } from '../vector-codec';
import type { CypherRunner } from './runner';

const WRITE_BATCH = 2_000;

const currentKey = (kind: ModelKind) => `model:${kind}`;

export function cypherModels(db: CypherRunner, changed: ChangeListener): ModelRepository {
  async function runs(kind: ModelKind): Promise<ModelRun[]> {
    const rows = await db.read('MATCH (r:ModelRun) WHERE r.kind = $kind RETURN r ORDER BY r.createdAt DESC, r.version DESC', {
      kind,
    });
    return rows.map((row) => {
      const r = row.r as Record<string, unknown>;
      return { kind, version: String(r.version), createdAt: Number(r.createdAt), metadata: JSON.parse(String(r.metadata)) };
    });
  }

  return {
    async publish(run, batches) {
      const prefix = `${run.kind}|${run.version}|`;
      for await (const batch of batches) {
        for (let i = 0; i < batch.length; i += WRITE_BATCH) {
          const rows = batch.slice(i, i + WRITE_BATCH).map((o) => ({
            id: prefix + o.entityId,
            entityId: o.entityId,
            data: JSON.stringify(o.data),
            vector: encodeVector(o.vector),
          }));
          await db.write((tx) =>
            tx.run(
              'UNWIND $rows AS row MERGE (o:ModelOutput {id: row.id}) ' +
                'SET o.kind = $kind, o.version = $version, o.entityId = row.entityId, o.data = row.data, o.vector = row.vector',
              { rows, kind: run.kind, version: run.version },
            ),
          );
        }
      }
      // Only now does the run become visible; answers from the previous run are stale at once.
      const visible = db.write(async (tx) => {
        await tx.run(
          'MERGE (r:ModelRun {id: $id}) SET r.kind = $kind, r.version = $version, r.createdAt = $createdAt, r.metadata = $metadata',
          { id: `${run.kind}|${run.version}`, kind: run.kind, version: run.version, createdAt: run.createdAt, metadata: JSON.stringify(run.metadata) },
        );
        await tx.run('MERGE (m:Meta {key: $key}) SET m.value = $version', { key: currentKey(run.kind), version: run.version });
      });
      await announce(changed, visible, () => [tags.everything]);
    },

    async current(kind) {
      const rows = await db.read(
        "MATCH (m:Meta {key: $key}) MATCH (r:ModelRun) WHERE r.id = $kind + '|' + m.value RETURN r",
        { key: currentKey(kind), kind },
      );
      if (rows.length === 0) return null;
      const r = rows[0].r as Record<string, unknown>;
      return { kind, version: String(r.version), createdAt: Number(r.createdAt), metadata: JSON.parse(String(r.metadata)) };
    },

    async *rows(kind, version, batchSize = 20_000) {
      const query =
        'MATCH (o:ModelOutput) WHERE o.kind = $kind AND o.version = $version RETURN o.entityId AS entityId, o.data AS data, o.vector AS vector';
      for await (const rows of db.stream(query, { kind, version }, batchSize)) {
        yield rows.map((r) => ({ entityId: String(r.entityId), data: JSON.parse(String(r.data)), vector: decodeVector(r.vector) }));
      }
    },

    async prune(kind, keep) {
      const current = await this.current(kind);
      const stale = (await runs(kind)).slice(keep).filter((r) => r.version !== current?.version);
      for (const run of stale) {
        await db.write(async (tx) => {
          await tx.run('MATCH (o:ModelOutput) WHERE o.kind = $kind AND o.version = $version DELETE o', { kind, version: run.version });
          await tx.run('MATCH (r:ModelRun {id: $id}) DELETE r', { id: `${kind}|${run.version}` });
        });
      }
    },
  };
}
