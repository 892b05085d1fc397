/**
 * `/papers add` end to end: the real bot and engine, the real discord.js
 * client against the fake Discord, papers looked up on the fake upstream
 * (Hugging Face first, arXiv second). Fetching on a schedule is off here:
 * adding one paper by hand works without it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EPHEMERAL, papers, sentMessages, type PrivateEngine } from '../../bot/harness.js';
import { closeEngine, closeSharedEmbedder, feedEngine, startFeedBot, type RunningFeedBot } from '../../bot/feeds/feed-bot.js';
import { DEFAULT_USER, type Payload } from '../../fake-discord/fake-discord.js';
import { FakeUpstream } from '../../fake-upstream/fake-upstream.js';
import { ManualClock } from '../../support/manual-clock.js';

const CURATORS = { id: '1288888888888888881', name: 'curators' };

let upstream: FakeUpstream;
let opened: PrivateEngine;
const clock = new ManualClock('2024-07-28T10:00:00Z');
const bots: RunningFeedBot[] = [];

beforeAll(async () => {
  upstream = await FakeUpstream.start({ lifetimeMs: 600_000 });
  opened = await feedEngine(clock);
});

afterAll(async () => {
  for (const running of bots) {
    await running.close();
    for (const { body } of sentMessages(running.fake)) expect(body.allowed_mentions).toEqual({ parse: [] });
  }
  await closeEngine(opened);
  await closeSharedEmbedder();
  await upstream.close();
});

async function bot(env: Record<string, string> = {}): Promise<RunningFeedBot> {
  const running = await startFeedBot({ opened, clock, upstream, fetching: false, env, discord: { roles: [CURATORS] } });
  bots.push(running);
  return running;
}

/** The deferred answer to `/papers add` (its edit), or the private refusal (a reply, or a follow-up after the deleted placeholder). */
async function add(running: RunningFeedBot, paper: string, extra: { roles?: string[]; dm?: boolean } = {}): Promise<{ type: number; message: Payload }> {
  const handle = await running.fake.sendCommand({ ...papers('add', { paper }), ...extra });
  const response = await handle.response();
  if (response.type === 4) return { type: 4, message: response.data };
  const edited = await Promise.race([
    handle.edit(20_000),
    running.fake.waitForRequest((r) => r.method === 'POST' && r.path.startsWith('/webhooks/') && r.path.endsWith(handle.token), 20_000).then((r) => ({ followUp: r.body })),
  ]);
  return 'followUp' in edited ? { type: 5, message: { ...(edited.followUp as Payload), followUp: true } } : { type: 5, message: edited };
}

describe('/papers add, open to everyone', () => {
  let running: RunningFeedBot;
  beforeAll(async () => {
    running = await bot();
  });

  it('GIVEN an id only Hugging Face has THEN it is fetched from there, embedded, and its full card shown publicly', async () => {
    expect(opened.engine.papers.some((p) => p.arxivId === '2407.18001')).toBe(false);
    const { type, message } = await add(running, 'https://huggingface.co/papers/2407.18001');
    expect(type).toBe(5);
    expect(message.content).toBe('✅ Added 2407.18001 from Hugging Face: /papers about, similar and ask find it from now on.');
    const [card] = message.embeds;
    expect(card.title).toBe('Video Diffusion Transformers with Causal Temporal Attention');
    expect(card.url).toBe('https://huggingface.co/papers/2407.18001');
    expect(card.description.length).toBeGreaterThan(200);
    expect(message.flags ?? 0).toBe(0);
    const added = opened.engine.papers.find((p) => p.arxivId === '2407.18001');
    expect(added).toBeDefined();
    expect(opened.engine.status().embedded).toBe(opened.engine.status().papers);
    expect((await opened.engine.about('video diffusion transformers causal temporal attention')).results[0]?.id).toBe(added?.id);
  });

  it('GIVEN an id only arXiv has THEN Hugging Face says 404, arXiv has it, and it is added from arXiv', async () => {
    const { message } = await add(running, 'arXiv:2406.19999v2');
    expect(message.content).toBe('✅ Added 2406.19999 from arXiv: /papers about, similar and ask find it from now on.');
    expect(message.embeds[0].title).toBe('On the Calibration of Small Language Models Under Distribution Shift');
    expect(upstream.requestsTo('paper').some((r) => r.path.endsWith('/2406.19999'))).toBe(true);
    expect(upstream.requestsTo('query').some((r) => r.query.id_list?.includes('2406.19999'))).toBe(true);
  });

  it('GIVEN a paper already held THEN it says so and shows the card again', async () => {
    const { message } = await add(running, 'https://arxiv.org/abs/2406.19999');
    expect(message.content).toBe('I already had 2406.19999; its details are refreshed from arXiv.');
    expect(message.embeds).toHaveLength(1);
  });

  it('GIVEN something that is no arXiv id or paper link THEN a private sentence says why, before anything is fetched', async () => {
    const before = upstream.requests.length;
    const { type, message } = await add(running, 'https://example.com/paper/**1234**');
    expect(type).toBe(4);
    expect(message.flags).toBe(EPHEMERAL);
    expect(message.content).toMatch(/^That isn't a paper I can look up: a link to example\.com is not an arXiv or Hugging Face paper link\. Give an arXiv id such as 2407\.16001/);
    expect(upstream.requests.length).toBe(before);
  });

  it('GIVEN an id neither source knows THEN a private sentence names the id', async () => {
    const { message } = await add(running, '2407.99999');
    expect(message.flags).toBe(EPHEMERAL);
    expect(message.content).toBe('Neither Hugging Face nor arXiv knows a paper with the id 2407.99999.');
    expect(opened.engine.papers.some((p) => p.arxivId === '2407.99999')).toBe(false);
  });

  it('GIVEN both sources failing THEN a private sentence names the id and says to try later', async () => {
    upstream.fault('paper', { kind: 'status', status: 503 }, Infinity);
    upstream.fault('query', { kind: 'status', status: 503 }, Infinity);
    try {
      const { message } = await add(running, '2407.99998');
      expect(message.flags).toBe(EPHEMERAL);
      expect(message.content).toBe("I couldn't look up 2407.99998 just now — The paper service is having trouble right now. Try again in a while.");
    } finally {
      upstream.clearFaults();
    }
  });
});

describe('/papers add with ADD_PAPERS_ROLE', () => {
  let running: RunningFeedBot;
  beforeAll(async () => {
    // One bot at a time on the engine: both would take its newly embedded papers.
    await bots[0]?.close();
    running = await bot({ ADD_PAPERS_ROLE: CURATORS.id });
  });

  it('GIVEN a member without the role THEN a private refusal names the role and nothing is fetched', async () => {
    const before = upstream.requests.length;
    const { type, message } = await add(running, '2407.18002');
    expect(type).toBe(4);
    expect(message).toMatchObject({ flags: EPHEMERAL, content: `Only members with the <@&${CURATORS.id}> role can add papers.` });
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(upstream.requests.length).toBe(before);
  });

  it('GIVEN the same command from a DM THEN it is refused there too: a DM has no member whose roles could be checked', async () => {
    const { type, message } = await add(running, '2407.18002', { dm: true });
    expect(type).toBe(4);
    expect(message.flags).toBe(EPHEMERAL);
    expect(message.content).toBe(`Adding papers is limited to members with the <@&${CURATORS.id}> role, which I can only check in the server: run /papers add there.`);
  });

  it('GIVEN a member with the role THEN the paper is added', async () => {
    const { message } = await add(running, '2407.18002', { roles: [CURATORS.id] });
    expect(message.content).toBe('✅ Added 2407.18002 from Hugging Face: /papers about, similar and ask find it from now on.');
    expect(message.embeds[0].title).toBe('Self-Correcting Code Generation via Execution Feedback');
  });

  it('GIVEN /papers add counts toward the rate limit THEN a user over it is refused before the lookup', async () => {
    const limited = await startFeedBot({ opened, clock, upstream, fetching: false, env: { RATE_LIMIT_COMMANDS: '1' } });
    try {
      const user = { ...DEFAULT_USER };
      await (await limited.fake.sendCommand({ ...papers('add', { paper: 'not an id' }), user })).response();
      const second = await (await limited.fake.sendCommand({ ...papers('add', { paper: '2407.18003' }), user })).response();
      expect(second.data.flags).toBe(EPHEMERAL);
      expect(second.data.content).toMatch(/^You're sending commands a bit fast/);
      expect(opened.engine.papers.some((p) => p.arxivId === '2407.18003')).toBe(false);
    } finally {
      await limited.close();
    }
  });
});
