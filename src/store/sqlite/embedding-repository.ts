/**
 * Embeddings in SQLite, keyed by paper and model, checked against the
 * paper's text hash. Each write takes the next `seq` for its model, which is
 * how a vector index saved earlier finds exactly what it has not seen; the
 * counter is kept in `meta`, so removing papers never lets a number be given
 * twice. A row whose BLOBs do not decode (damage) is deleted when met: the
 * paper is then simply embedded again, instead of failing every start.
 */
import type Database from 'better-sqlite3';
import type { Vector } from '../../embedding/embedder.js';
import type { EmbeddingJob, EmbeddingRepository, EmbeddingWrite, LabelledVector } from '../store.js';
import { decodeFloat32, decodeInt8, encodeFloat32, encodeInt8 } from '../vector-codec.js';
import { chunks, preparedInList } from './in-list.js';

interface JobRow {
  readonly label: number;
  readonly id: string;
  readonly title: string;
  readonly abstract: string;
  readonly text_hash: string;
}

export function createEmbeddingRepository(db: Database.Database): EmbeddingRepository {
  const pending = db.prepare<[string, number, number, number], JobRow>(
    `SELECT p.label, p.id, p.title, p.abstract, p.text_hash FROM papers p
     LEFT JOIN embeddings e ON e.paper_id = p.id AND e.model_id = ?
     WHERE p.label > ? AND p.label <= ? AND (e.paper_id IS NULL OR e.text_hash != p.text_hash)
     ORDER BY p.label LIMIT ?`,
  );
  const pendingCount = db.prepare<[string, number, number], { n: number }>(
    `SELECT count(*) AS n FROM papers p LEFT JOIN embeddings e ON e.paper_id = p.id AND e.model_id = ?
     WHERE p.label > ? AND p.label <= ? AND (e.paper_id IS NULL OR e.text_hash != p.text_hash)`,
  );
  const current = db.prepare<[string], { n: number }>(
    'SELECT count(*) AS n FROM embeddings e JOIN papers p ON p.id = e.paper_id WHERE e.model_id = ? AND e.text_hash = p.text_hash',
  );
  const hashOf = db.prepare<[string], { text_hash: string }>('SELECT text_hash FROM papers WHERE id = ?');
  const maxSeq = db.prepare<[string], { seq: number | null }>('SELECT max(seq) AS seq FROM embeddings WHERE model_id = ?');
  const counterOf = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
  const setCounter = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const counterKey = (modelId: string): string => `embedding-seq:${modelId}`;
  const lastSeqOf = (modelId: string): number => Math.max(Number(counterOf.get(counterKey(modelId))?.value ?? 0) || 0, maxSeq.get(modelId)?.seq ?? 0);
  const deleteRow = db.prepare('DELETE FROM embeddings WHERE model_id = ? AND paper_id = ?');
  const deleteByLabel = db.prepare('DELETE FROM embeddings WHERE model_id = ? AND paper_id = (SELECT id FROM papers WHERE label = ?)');
  const upsert = db.prepare(
    `INSERT INTO embeddings (paper_id, model_id, text_hash, seq, dimension, document, sentence_count, sentences)
     VALUES (@paperId, @modelId, @textHash, @seq, @dimension, @document, @sentenceCount, @sentences)
     ON CONFLICT (paper_id, model_id) DO UPDATE SET text_hash = excluded.text_hash, seq = excluded.seq, dimension = excluded.dimension,
       document = excluded.document, sentence_count = excluded.sentence_count, sentences = excluded.sentences`,
  );
  /** Decodes what it can; rows that do not decode are deleted (the paper becomes pending again). */
  const decoded = (modelId: string, rows: readonly { label: number; seq: number; dimension: number; document: Buffer }[]): LabelledVector[] =>
    rows.flatMap((row) => {
      try {
        return [{ label: row.label, seq: row.seq, vector: decodeFloat32(row.document, row.dimension) }];
      } catch {
        deleteByLabel.run(modelId, row.label);
        return [];
      }
    });
  const since = db.prepare<[string, number, number], { label: number; seq: number; dimension: number; document: Buffer }>(
    `SELECT p.label, e.seq, e.dimension, e.document FROM embeddings e JOIN papers p ON p.id = e.paper_id
     WHERE e.model_id = ? AND e.seq > ? ORDER BY e.seq LIMIT ?`,
  );
  const labels = db.prepare<[string], { label: number }>(
    // In no particular order: sorting 100,000 labels in a temp b-tree was half the query's time at start.
    'SELECT p.label FROM embeddings e JOIN papers p ON p.id = e.paper_id WHERE e.model_id = ?',
  );
  const documentOf = db.prepare<[string, string], { dimension: number; document: Buffer }>(
    'SELECT dimension, document FROM embeddings WHERE model_id = ? AND paper_id = ?',
  );
  const inList = preparedInList(db);

  const save = db.transaction((modelId: string, rows: readonly EmbeddingWrite[]): number => {
    let seq = lastSeqOf(modelId);
    let written = 0;
    for (const row of rows) {
      // The paper changed (or went) while it was being embedded: these vectors describe old text.
      if (hashOf.get(row.paperId)?.text_hash !== row.textHash) continue;
      const dimension = row.vectors.document.length;
      upsert.run({
        paperId: row.paperId,
        modelId,
        textHash: row.textHash,
        seq: ++seq,
        dimension,
        document: encodeFloat32(row.vectors.document),
        sentenceCount: row.vectors.sentences.length,
        sentences: encodeInt8(row.vectors.sentences, dimension),
      });
      written++;
    }
    setCounter.run(counterKey(modelId), String(seq));
    return written;
  });

  return {
    async count(modelId) {
      return current.get(modelId)?.n ?? 0;
    },
    async pending(modelId, afterLabel, limit, throughLabel = Number.MAX_SAFE_INTEGER): Promise<EmbeddingJob[]> {
      return pending
        .all(modelId, afterLabel, throughLabel, limit)
        .map((row) => ({ paperId: row.id, label: row.label, textHash: row.text_hash, title: row.title, abstract: row.abstract }));
    },
    async pendingCount(modelId, afterLabel = 0, throughLabel = Number.MAX_SAFE_INTEGER) {
      return pendingCount.get(modelId, afterLabel, throughLabel)?.n ?? 0;
    },
    async save(modelId, rows) {
      return save(modelId, rows);
    },
    async documentsSince(modelId, seq, limit): Promise<LabelledVector[]> {
      return decoded(modelId, since.all(modelId, seq, limit));
    },
    async documentsOf(modelId, labels) {
      const out: LabelledVector[] = [];
      for (const chunk of chunks(labels)) {
        const rows = inList<{ label: number; seq: number; dimension: number; document: Buffer }>(
          `SELECT p.label, e.seq, e.dimension, e.document FROM embeddings e JOIN papers p ON p.id = e.paper_id WHERE e.model_id = ? AND p.label IN`,
          chunk.length,
        ).all(modelId, ...chunk);
        out.push(...decoded(modelId, rows));
      }
      return out;
    },
    async labels(modelId) {
      return Int32Array.from(labels.all(modelId), (row) => row.label);
    },
    async document(modelId, paperId) {
      const row = documentOf.get(modelId, paperId);
      if (row === undefined) return undefined;
      try {
        return decodeFloat32(row.document, row.dimension);
      } catch {
        deleteRow.run(modelId, paperId);
        return undefined;
      }
    },
    async sentences(modelId, paperIds) {
      const out = new Map<string, readonly Vector[]>();
      for (const chunk of chunks(paperIds)) {
        const rows = inList<{ paper_id: string; dimension: number; sentence_count: number; sentences: Buffer }>(
          `SELECT e.paper_id, e.dimension, e.sentence_count, e.sentences FROM embeddings e JOIN papers p ON p.id = e.paper_id
           WHERE e.model_id = ? AND e.text_hash = p.text_hash AND e.paper_id IN`,
          chunk.length,
        ).all(modelId, ...chunk);
        for (const row of rows) {
          try {
            out.set(row.paper_id, decodeInt8(row.sentences, row.sentence_count, row.dimension));
          } catch {
            deleteRow.run(modelId, row.paper_id);
          }
        }
      }
      return out;
    },
    async lastSeq(modelId) {
      return lastSeqOf(modelId);
    },
  };
}
