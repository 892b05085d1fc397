import { describe, expect, it } from 'vitest';
import { MAX_BATCH_CHARS, MAX_BATCH_TEXTS, planBatches } from '../../src/embedding/batch-plan.js';
import { EmbedQueue } from '../../src/embedding/embed-queue.js';

describe('planBatches', () => {
  it('GIVEN texts of mixed lengths THEN every index appears once, shortest first, in batches within both caps', () => {
    const texts = Array.from({ length: 100 }, (_, i) => 'w '.repeat(((i * 37) % 97) * 10 + 1));
    const batches = planBatches(texts);
    expect(batches.flat().sort((a, b) => a - b)).toEqual(texts.map((_, i) => i));
    const lengths = batches.flat().map((i) => texts[i]!.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
    for (const batch of batches) {
      expect(batch.length).toBeLessThanOrEqual(MAX_BATCH_TEXTS);
      const width = Math.max(...batch.map((i) => texts[i]!.length));
      expect(batch.length === 1 || batch.length * width <= MAX_BATCH_CHARS).toBe(true);
    }
  });

  it('GIVEN one text longer than the character cap THEN it still gets a batch of its own', () => {
    expect(planBatches(['x'.repeat(MAX_BATCH_CHARS * 2), 'short'])).toEqual([[1], [0]]);
  });

  it('GIVEN no texts, or empty ones THEN no batches, or one batch of them', () => {
    expect(planBatches([])).toEqual([]);
    expect(planBatches(['', ''])).toEqual([[0, 1]]);
  });
});

describe('EmbedQueue', () => {
  it('GIVEN a bulk job queued first THEN an interactive job queued later is served next, batch by batch', () => {
    const queue = new EmbedQueue();
    queue.push({ id: 1, texts: Array.from({ length: 40 }, () => 'bulk text'), priority: 'bulk' });
    const bulk = queue.current()!;
    expect(bulk.job.id).toBe(1);
    bulk.next();
    queue.push({ id: 2, texts: ['a query'], priority: 'interactive' });
    const next = queue.current()!;
    expect(next.job.id).toBe(2);
    next.next();
    expect(next.finished).toBe(true);
    queue.finish(next);
    expect(queue.current()?.job.id).toBe(1);
    expect(queue.size).toBe(1);
  });

  it('GIVEN drain THEN every waiting job is handed back once and the queue is empty', () => {
    const queue = new EmbedQueue();
    queue.push({ id: 1, texts: ['x'], priority: 'bulk' });
    queue.push({ id: 2, texts: ['y'], priority: 'interactive' });
    expect(queue.drain().map((job) => job.id)).toEqual([2, 1]);
    expect(queue.current()).toBeUndefined();
  });
});
