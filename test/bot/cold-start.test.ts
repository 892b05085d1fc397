/**
 * The bot during a cold embed, for real: a fresh DATA_DIR, one real seed dump,
 * the real model in its own process. A command sent right after READY is
 * acknowledged and answered — from the lexical side, saying how far indexing
 * is — before the background embedding ends. (Not timed: it only checks the
 * order of events; the latencies are in `npm run bench`.)
 */
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { openEngine } from '../../src/search/create-engine.js';
import { removeTemps, tempDir } from '../support/temp-dir.js';
import { SEEDS_DIR, testConfig } from '../support/test-engine.js';
import { papers, startBot } from './harness.js';

afterAll(removeTemps);

describe('GIVEN a bot started on an empty DATA_DIR', () => {
  it('WHEN /papers about arrives right after READY THEN it is answered, marked still indexing, before the cold embed ends', { timeout: 180_000 }, async () => {
    const seedsDir = await tempDir('seeds');
    await copyFile(path.join(SEEDS_DIR, '004_788545b6d144696c.txt'), path.join(seedsDir, 'only.txt'));
    const dataDir = await tempDir('data');
    const opened = await openEngine(testConfig({ DATA_DIR: dataDir, SEEDS_DIR: seedsDir }), silentLogger, { processKind: 'bot' });
    let indexedAt = Infinity;
    const indexed = opened.engine.indexed().then(() => (indexedAt = performance.now()));
    const running = await startBot({ opened: { ...opened, dataDir }, env: { SEEDS_DIR: seedsDir } });
    try {
      const handle = await running.fake.sendCommand(papers('about', { query: 'model merging' }));
      const ack = await handle.response();
      const answer = await handle.edit(60_000);
      const answeredAt = performance.now();
      expect(ack.type).toBe(5);
      expect(answer.content).toMatch(/⏳ still indexing: \d+ % of papers have semantic vectors/);
      expect(answer.embeds.length).toBeGreaterThan(0);
      await indexed;
      expect(answeredAt).toBeLessThan(indexedAt);
      // Once indexed, the same command is answered in full.
      const later = await (await running.fake.sendCommand(papers('about', { query: 'model merging' }))).edit(30_000);
      expect(later.content).not.toMatch(/still indexing/);
    } finally {
      await running.close();
      await opened.engine.close();
    }
  });
});
