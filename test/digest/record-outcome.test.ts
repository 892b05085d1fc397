import { feedLinks } from '../../src/search/paper-hit.js';
import { describe, expect, it } from 'vitest';
import type { DigestMessage } from '../../src/digest/digest-message.js';
import { emptyState, postedInChannel, type Digest, type DigestState, type Intent } from '../../src/digest/digest-state.js';
import { MAX_ATTEMPTS, recordOutcome, RETRY_DELAY_MS } from '../../src/digest/record-outcome.js';
import { seedPapers } from './corpus-engine.js';
import { cardFor } from '../../src/digest/digest-cards.js';
import type { Paper } from '../../src/corpus/index.js';
import type { PaperCard } from '../../src/search/engine-types.js';

const NOW = new Date('2026-05-01T09:00:05Z');
const CHANNEL = '200000000000000001';

const digest: Digest = {
  id: 'd1d1d1', guildId: '100000000000000001', channelId: CHANNEL, time: '09:00', timezone: 'UTC', topic: null, count: 2,
  createdAt: '2026-04-01T00:00:00.000Z', createdBy: null, nextDueAt: '2026-05-02T09:00:00.000Z', lastPostedAt: null, lastRun: null, status: { kind: 'active' },
};

/** A seed paper as the engine's card, with a stand-in summary (choosing one needs the model). */
function cardOf(paper: Paper): PaperCard {
  const { id, title, url, date, authors, upvotes, codeLinks } = paper;
  return { id, title, url, date, authors, upvotes, codeLinks, ...feedLinks(paper), summary: paper.abstract.slice(0, 200) };
}

async function stateWithIntent(): Promise<{ state: DigestState; intent: Intent }> {
  const papers = (await seedPapers()).slice(0, 2);
  const message: DigestMessage = { kind: 'papers', dateLabel: 'Friday 1 May 2026', topic: null, lateFor: null, cards: papers.map((p) => cardFor(cardOf(p), false)) };
  const intent: Intent = {
    nonce: 'n1', digestId: digest.id, channelId: CHANNEL, trigger: 'scheduled', late: false, message,
    createdAt: '2026-05-01T09:00:00.000Z', attempts: 0, retryAt: '2026-05-01T09:00:00.000Z',
  };
  return { state: { ...emptyState(), digests: [structuredClone(digest)], intents: [intent] }, intent };
}

describe('recordOutcome', () => {
  it('GIVEN a post that landed THEN the intent becomes a post record and the baseline is when the papers were chosen', async () => {
    const { state, intent } = await stateWithIntent();
    const ids = postedInChannel(state, CHANNEL);
    expect(recordOutcome(state, intent, { kind: 'posted', messageId: 'm1' }, NOW)).toMatchObject({ kind: 'posted', messageId: 'm1' });
    expect(state.intents).toEqual([]);
    expect(state.posts).toEqual([expect.objectContaining({ nonce: 'n1', messageId: 'm1', paperIds: [...ids] })]);
    expect(state.digests[0]).toMatchObject({ lastPostedAt: intent.createdAt, lastRun: { outcome: 'posted', papers: 2 }, status: { kind: 'active' } });
  });

  it('GIVEN the digest was removed while its post was in flight THEN the post is still recorded, so the channel never gets those papers again', async () => {
    const { state, intent } = await stateWithIntent();
    const ids = postedInChannel(state, CHANNEL);
    state.digests = [];
    recordOutcome(state, intent, { kind: 'posted', messageId: 'm1' }, NOW);
    expect(postedInChannel(state, CHANNEL)).toEqual(ids);
  });

  it('GIVEN a refused channel THEN the digest is paused with the reason and nothing counts as posted', async () => {
    const { state, intent } = await stateWithIntent();
    recordOutcome(state, intent, { kind: 'paused', reason: 'gone' }, NOW);
    expect(state.digests[0]?.status).toEqual({ kind: 'paused', reason: 'gone', since: NOW.toISOString() });
    expect(postedInChannel(state, CHANNEL).size).toBe(0);
  });

  it(`GIVEN transient failures THEN the intent waits ${RETRY_DELAY_MS / 60_000} minutes each time, and is dropped after ${MAX_ATTEMPTS} attempts`, async () => {
    const { state, intent } = await stateWithIntent();
    let current = intent;
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      expect(recordOutcome(state, current, { kind: 'failed', reason: '502' }, NOW)).toMatchObject({ willRetry: true });
      current = state.intents[0]!;
      expect(current).toMatchObject({ attempts: attempt, retryAt: new Date(NOW.getTime() + RETRY_DELAY_MS).toISOString() });
    }
    expect(recordOutcome(state, current, { kind: 'failed', reason: '502' }, NOW)).toMatchObject({ willRetry: false });
    expect(state.intents).toEqual([]);
    expect(state.digests[0]?.lastRun).toMatchObject({ outcome: 'failed', detail: `gave up after ${MAX_ATTEMPTS} attempts: 502` });
  });
});
