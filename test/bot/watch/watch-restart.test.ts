/**
 * A paper a watch held back (the daily cap was reached) lives only in the
 * bot's memory: a restart must not lose it. The real bot, the fake Discord
 * and upstream, a hand-moved clock, and one DM a day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { papers } from '../harness.js';
import { closeEngine, closeSharedEmbedder, feedEngine, startFeedBot, type RunningFeedBot } from '../feeds/feed-bot.js';
import type { FakeUser, Payload } from '../../fake-discord/fake-discord.js';
import { FakeUpstream } from '../../fake-upstream/fake-upstream.js';
import { ManualClock } from '../../support/manual-clock.js';
import type { PrivateEngine } from '../harness.js';

const ALICE: FakeUser = { id: '1320000000000000001', username: 'alice' };

let upstream: FakeUpstream;
let opened: PrivateEngine;
const clock = new ManualClock('2024-07-28T06:00:00Z');

async function as(running: RunningFeedBot, user: FakeUser, sub: string, options: Record<string, string | number> = {}): Promise<Payload> {
  const handle = await running.fake.sendCommand({ ...papers(sub, options), user });
  const response = await handle.response();
  return response.type === 5 ? handle.edit(20_000) : response.data;
}

beforeAll(async () => {
  upstream = await FakeUpstream.start({ lifetimeMs: 300_000 });
  opened = await feedEngine(clock);
});
afterAll(async () => {
  await closeEngine(opened);
  await closeSharedEmbedder();
  await upstream.close();
});

describe('a watch across a restart', () => {
  it('regression: a paper held back by the daily cap is sent after a restart, once the cap frees, and only once', { timeout: 120_000 }, async () => {
    const env = { WATCH_MAX_DMS_PER_DAY: '1' };
    const first = await startFeedBot({ opened, clock, upstream, fetching: false, env });
    await as(first, ALICE, 'watch', { topic: 'KV cache compression' });
    await as(first, ALICE, 'watch', { topic: 'pruning and merging experts in sparse transformers' });
    // First match: DMed. Second: over the cap, held back in memory.
    await as(first, ALICE, 'add', { paper: '2407.19002' });
    await first.batches.waitFor((b) => b.notices.some((n) => n.outcome === 'sent'), 20_000, 'the first DM');
    await as(first, ALICE, 'add', { paper: '2407.18010' });
    await first.batches.waitFor((b) => b.notices.some((n) => n.outcome === 'capped'), 20_000, 'the capped batch');
    const held = opened.engine.papers.find((p) => p.arxivId === '2407.18010')!.id;
    await first.close();

    clock.advanceTo(new Date('2024-07-29T07:00:00Z'));
    const second = await startFeedBot({ opened, clock, upstream, fetching: false, env });
    try {
      const batch = await second.batches.waitFor((b) => b.paperIds.includes(held), 20_000, 'the recheck batch');
      expect(batch.notices).toEqual([{ userId: ALICE.id, outcome: 'sent', paperIds: [held] }]);
      const dms = second.fake.dmsTo(ALICE.id);
      expect(dms).toHaveLength(1);
      expect(dms[0]!.embeds?.[0]?.title).toContain('Pruning & Merging Experts in Sparse Transformers');
    } finally {
      await second.close();
    }
  });
});
