/**
 * Upgrading from paperbot 0.1: its `DATA_DIR/digests.json` is imported into
 * the store once, record by record, and renamed `digests.json.migrated`.
 */
import { copyFile, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Paper } from '../../src/corpus/index.js';
import { digestCardSchema, type DigestMessage } from '../../src/digest/digest-message.js';
import { intentSchema, postedInChannel, STATE_VERSION } from '../../src/digest/digest-state.js';
import { DigestStore, LEGACY_STATE_FILE } from '../../src/digest/digest-store.js';
import { silentLogger } from '../../src/logger.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { corpusEngine, seedPapers } from './corpus-engine.js';
import { bootProcess, CHANNEL_A, CHANNEL_B, GUILD, type BotProcess } from './harness.js';
import { currentCard, GENERAL_ID, LEGACY_NONCE, legacyFixture, TOPIC_ID, type LegacyFixture } from './legacy-state.js';
import { MemoryPoster } from './memory-poster.js';
import { dbFile, readStoredState, storedRows } from './stored-state.js';
import { tempDir } from './temp-dir.js';

let papers: Paper[];
let dir: string;
let fixture: LegacyFixture;
const stores: Store[] = [];
const MIGRATED = `${LEGACY_STATE_FILE}.migrated`;

beforeAll(async () => {
  papers = await seedPapers();
});

beforeEach(async () => {
  dir = await tempDir('legacy');
  fixture = legacyFixture(papers);
  await writeFile(path.join(dir, LEGACY_STATE_FILE), fixture.text);
});

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

async function open(): Promise<DigestStore> {
  const { store, report } = await openStore({ dataDir: dir, logger: silentLogger, kind: 'test' });
  stores.push(store);
  return DigestStore.open(store.digests, { dataDir: dir, logger: silentLogger, recovery: report.recovery });
}

/** The intent's message as the store holds it: 0.1's cards read as the card model. */
function intendedMessage(): DigestMessage {
  return { kind: 'papers', dateLabel: 'Monday 30 March 2026', topic: null, lateFor: null, cards: fixture.intended.map((p) => currentCard(p, false)) };
}

/** Every record of the file, as the store must hold it after the import. */
function imported() {
  const [intent] = fixture.file.intents;
  return { version: STATE_VERSION, digests: fixture.file.digests, posts: fixture.file.posts, intents: [{ ...intent, message: intendedMessage() }] };
}

function rowCounts(): Record<string, number> {
  return { digests: storedRows(dir, 'digests').length, posts: storedRows(dir, 'digest_posts').length, intents: storedRows(dir, 'digest_intents').length };
}

describe('importing the digest state of paperbot 0.1', () => {
  it('GIVEN a digests.json with digests, posts and an unfinished intent THEN every record is in the store and the file is renamed .migrated, unchanged', async () => {
    const store = await open();
    expect(store.loadReport).toEqual({ kind: 'imported', digests: 2, posts: 3, intents: 1 });
    expect(store.state).toEqual(imported());
    // Committed: a third process reads the same, every row valid.
    const onDisk = await readStoredState(dbFile(dir));
    expect(onDisk.damaged).toBe(0);
    expect(onDisk.state).toEqual(imported());
    expect(rowCounts()).toEqual({ digests: 2, posts: 3, intents: 1 });
    const names = await readdir(dir);
    expect(names).toContain(MIGRATED);
    expect(names).not.toContain(LEGACY_STATE_FILE);
    expect(await readFile(path.join(dir, MIGRATED), 'utf8')).toBe(fixture.text);
  });

  it('GIVEN an imported state WHEN opened again THEN it loads from the store and nothing is imported twice', async () => {
    await open();
    const again = await open();
    expect(again.loadReport).toEqual({ kind: 'loaded', digests: 2, intents: 1, damaged: 0 });
    expect(again.state).toEqual(imported());
    expect(rowCounts()).toEqual({ digests: 2, posts: 3, intents: 1 });
  });

  it('GIVEN the import committed but the process died before the rename THEN the next start finishes it without doubling a record', async () => {
    await open();
    await copyFile(path.join(dir, MIGRATED), path.join(dir, LEGACY_STATE_FILE));
    const again = await open();
    expect(again.loadReport).toEqual({ kind: 'imported', digests: 2, posts: 3, intents: 1 });
    expect(again.state).toEqual(imported());
    expect(rowCounts()).toEqual({ digests: 2, posts: 3, intents: 1 });
    expect(await readdir(dir)).not.toContain(LEGACY_STATE_FILE);
  });

  it('GIVEN an intent card written by 0.1 (paperId, ISO date text) THEN it reads as the card model, and its papers count as posted', () => {
    const intent = intentSchema.parse(fixture.file.intents[0]);
    expect(intent.message).toEqual(intendedMessage());
    const dates = intent.message.kind === 'papers' ? intent.message.cards.map((card) => card.date) : [];
    expect(dates[0]?.year).toEqual(expect.any(Number));
    expect(dates[1]).toMatchObject({ year: null });
    expect(dates[2]).toBeNull();
    const fields = { title: 'T', url: 'https://huggingface.co/papers?q=T', summary: 'S', authors: 3, upvotes: null, codeLinks: [], fresh: true };
    // 0.1 knew nothing of the feeds: those fields read as absent.
    const noFeedFields = { arxivId: null, authorNames: [], arxivUrl: null, pdfUrl: null, projectPage: null, keywords: [], siteSummary: null };
    expect(digestCardSchema.parse({ paperId: 'p1', ...fields, date: '2024-07-24' })).toStrictEqual({ id: 'p1', ...fields, ...noFeedFields, date: { year: 2024, month: 7, day: 24 } });
    expect(digestCardSchema.parse({ paperId: 'p1', ...fields, date: '--04-14' })).toStrictEqual({ id: 'p1', ...fields, ...noFeedFields, date: { year: null, month: 4, day: 14 } });
    // A card already in the current shape reads as itself.
    const card = currentCard(fixture.intended[1] as Paper, true);
    expect(digestCardSchema.parse(card)).toEqual(card);
    const posted = postedInChannel({ version: STATE_VERSION, digests: [], posts: [], intents: [intent] }, CHANNEL_A);
    expect([...posted].sort()).toEqual(fixture.intended.map((p) => p.id).sort());
  });
});

describe('a bot started on the state of paperbot 0.1', () => {
  let bot: BotProcess;

  it('GIVEN an unfinished intent THEN it is posted once, with its nonce and cards, and later posts skip every paper 0.1 posted there', async () => {
    const engine = await corpusEngine();
    const poster = new MemoryPoster(() => bot.clock.now());
    bot = await bootProcess(dir, poster, engine, '2026-03-30T07:10:00Z');
    expect(bot.service.loadReport).toEqual({ kind: 'imported', digests: 2, posts: 3, intents: 1 });
    bot.service.start();
    await bot.clock.flush();

    const [resumed, ...others] = poster.messages(CHANNEL_A);
    expect(others).toEqual([]);
    expect(resumed?.nonce).toBe(LEGACY_NONCE);
    expect(resumed?.message).toEqual(intendedMessage());
    const { state, damaged } = await readStoredState(dbFile(dir));
    expect(damaged).toBe(0);
    expect(state.intents).toEqual([]);
    expect(state.posts.map((p) => p.nonce)).toEqual([...fixture.file.posts.map((p) => p['nonce']), LEGACY_NONCE]);
    expect(state.posts.at(-1)).toMatchObject({ digestId: GENERAL_ID, messageId: resumed?.id, paperIds: fixture.intended.map((p) => p.id) });

    await bot.clock.advanceTo('2026-03-31T08:00:00Z');
    const next = poster.messages(CHANNEL_A)[1]?.message;
    const ids = next?.kind === 'papers' ? next.cards.map((card) => card.id) : [];
    expect(ids).toHaveLength(3);
    const seen = new Set([...fixture.postedToA, ...fixture.intended.map((p) => p.id)]);
    expect(ids.filter((id) => seen.has(id))).toEqual([]);
    // The digest 0.1 had paused stays paused.
    expect(poster.messages(CHANNEL_B)).toHaveLength(0);
    expect(bot.service.list(GUILD).find((d) => d.id === TOPIC_ID)?.status.kind).toBe('paused');
  });
});
