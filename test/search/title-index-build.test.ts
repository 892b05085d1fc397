/**
 * The title index is built after the engine opens (1.6 s at 100,000 papers would otherwise hold up the first
 * answer): a title lookup meanwhile waits for it instead of answering "no such title".
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createHashEmbedder } from '../../src/embedding/hash-embedder.js';
import { silentLogger } from '../../src/logger.js';
import { openEngine } from '../../src/search/create-engine.js';
import { fixtureConfig, fixtureSeeds, FIRST_FILE, PAPER, removeTemps, tempDir } from './fixture-seeds.js';

afterAll(removeTemps);

describe('the title index built after the open', () => {
  it('regression: a title lookup the moment the engine opens waits for the index and finds its paper; autocomplete answers what is indexed so far', async () => {
    const config = fixtureConfig(await fixtureSeeds(FIRST_FILE), await tempDir('data'));
    const first = await openEngine(config, silentLogger, { embedder: createHashEmbedder() });
    await first.engine.indexed();
    const title = (await first.engine.paper(PAPER.sfprompt))!.title;
    await first.engine.close();

    const { engine } = await openEngine(config, silentLogger, { embedder: createHashEmbedder() });
    try {
      // Not built yet: this is the moment the lookup must not answer from.
      expect(engine.suggest('sfprompt')).toEqual([]);
      const found = await engine.title('SFPrompt');
      expect(found.match?.title).toBe(title);
      expect(engine.suggest('sfprompt').map((s) => s.id)).toEqual([PAPER.sfprompt]);
    } finally {
      await engine.close();
    }
  });
});
