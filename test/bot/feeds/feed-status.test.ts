/** How fetching is reported: help's line per source and the sentence an empty `/papers new` adds. */
import { describe, expect, it } from 'vitest';
import type { FeedsView, SourceView } from '../../../bot/feeds/feed-holder.js';
import { FETCHING_OFF, feedNote, feedStatusLines } from '../../../bot/render/feed-status.js';
import { renderHelp } from '../../../bot/render/help.js';
import { papers } from '../../../commands/papers.js';
import { emptyFeedState, type FeedState } from '../../../src/feeds/feed-state.js';

const t = (iso: string): number => Date.parse(iso) / 1000;

function source(state: Partial<FeedState>, downSince: string | null = null, name: SourceView['source'] = 'huggingface'): SourceView {
  return { source: name, state: { ...emptyFeedState(), ...state }, downSince };
}

const fetching = (...sources: SourceView[]): FeedsView => ({ kind: 'fetching', sources });

describe('feedStatusLines', () => {
  it('GIVEN a source fetched without trouble THEN when, how many papers, and the next attempt', () => {
    const view = fetching(source({ lastSuccessAt: '2024-07-25T06:00:00.000Z', papersFetched: 13, nextAttemptAt: '2024-07-25T07:00:00.000Z' }));
    expect(feedStatusLines(view)).toEqual([
      `📡 **Hugging Face Daily Papers**: last fetched <t:${t('2024-07-25T06:00:00Z')}:R>, 13 papers fetched so far; next attempt <t:${t('2024-07-25T07:00:00Z')}:R>.`,
    ]);
  });

  it('GIVEN a source whose last attempt failed THEN unreachable since the outage began, the error (escaped, its URL left whole), the last success', () => {
    const view = fetching(
      source(
        { lastSuccessAt: '2024-07-24T06:00:00.000Z', papersFetched: 1, nextAttemptAt: '2024-07-25T08:00:00.000Z', lastError: { code: 'HTTP_5xx', message: 'GET https://huggingface.co/api/daily_papers → 503', at: '2024-07-25T07:00:00.000Z' } },
        '2024-07-25T05:00:00.000Z',
      ),
    );
    expect(feedStatusLines(view)).toEqual([
      `⚠️ **Hugging Face Daily Papers**: unreachable since <t:${t('2024-07-25T05:00:00Z')}:R> (HTTP\\_5xx: GET https://huggingface.co/api/daily_papers → 503); last success <t:${t('2024-07-24T06:00:00Z')}:R>, 1 paper fetched so far; next attempt <t:${t('2024-07-25T08:00:00Z')}:R>.`,
    ]);
  });

  it('GIVEN a failure older than the last success THEN the source counts as up', () => {
    const view = fetching(source({ lastSuccessAt: '2024-07-25T07:00:00.000Z', lastError: { code: 'TIMEOUT', message: 'slow', at: '2024-07-25T06:00:00.000Z' } }));
    expect(feedStatusLines(view)[0]).toMatch(/^📡 .*last fetched/);
  });

  it('GIVEN the outage start unknown (the error is from before a restart) THEN the time of the last error stands in', () => {
    const view = fetching(source({ lastError: { code: 'NETWORK', message: 'ECONNREFUSED', at: '2024-07-25T07:00:00.000Z' } }));
    expect(feedStatusLines(view)[0]).toBe(`⚠️ **Hugging Face Daily Papers**: unreachable since <t:${t('2024-07-25T07:00:00Z')}:R> (NETWORK: ECONNREFUSED); never fetched yet, 0 papers fetched so far.`);
  });

  it('regression: GIVEN papers fetched that the store refused (a full disk) THEN help says so, not that the source is unreachable', () => {
    const lastError = { code: 'STORE', message: 'the fetched papers could not be stored: database or disk is full', at: '2024-07-25T07:00:00.000Z' };
    const view = fetching(source({ lastSuccessAt: '2024-07-24T06:00:00.000Z', papersFetched: 7, lastError }));
    expect(feedStatusLines(view)).toEqual([
      `⚠️ **Hugging Face Daily Papers**: answering, but its papers could not be stored <t:${t('2024-07-25T07:00:00Z')}:R> (STORE: the fetched papers could not be stored: database or disk is full); last success <t:${t('2024-07-24T06:00:00Z')}:R>, 7 papers fetched so far.`,
    ]);
    expect(feedNote(view)).toBe('New papers could not be stored (the fetched papers could not be stored: database or disk is full).');
  });

  it('GIVEN arXiv categories followed THEN a line for each source; GIVEN feeds off THEN one line; starting THEN none', () => {
    expect(feedStatusLines(fetching(source({}), source({}, null, 'arxiv')))).toEqual(['📡 **Hugging Face Daily Papers**: not fetched yet.', '📡 **arXiv categories**: not fetched yet.']);
    expect(feedStatusLines({ kind: 'disabled' })).toEqual([`📡 ${FETCHING_OFF}`]);
    expect(feedStatusLines({ kind: 'starting' })).toEqual([]);
  });
});

describe('feedNote', () => {
  it('GIVEN each state THEN the sentence an empty /papers new adds', () => {
    expect(feedNote({ kind: 'disabled' })).toBe(FETCHING_OFF);
    expect(feedNote({ kind: 'starting' })).toBeNull();
    expect(feedNote(fetching(source({ nextAttemptAt: '2024-07-25T07:00:00.000Z' })))).toBe(`The first fetch of Daily Papers has not finished yet. I'll fetch again <t:${t('2024-07-25T07:00:00Z')}:R>.`);
    expect(feedNote(fetching(source({ lastSuccessAt: '2024-07-25T06:00:00.000Z' })))).toBe(`Daily Papers were last fetched <t:${t('2024-07-25T06:00:00Z')}:R>.`);
    expect(feedNote(fetching(source({ lastError: { code: 'HTTP_5xx', message: '503', at: '2024-07-25T06:00:00.000Z' } }, '2024-07-25T05:00:00.000Z')))).toBe(
      `Hugging Face has been unreachable since <t:${t('2024-07-25T05:00:00Z')}:R>.`,
    );
  });
});

describe('renderHelp with feeds', () => {
  it('GIVEN a feeds view THEN its lines come after the status lines, before the subcommands, which include the new ones', () => {
    const status = { papers: 200, embedded: 100, vectorIndex: 'ready' as const, writer: true, writerElsewhere: null, storeProblem: null, embeddingProblem: null };
    const text = renderHelp({ command: papers.data, status, corpusUpdatedAt: null, feeds: { kind: 'disabled' } }).embeds?.[0]?.description ?? '';
    const lines = text.split('\n');
    expect(lines[1]).toMatch(/^⏳ Still indexing/);
    expect(lines[2]).toBe(`📡 ${FETCHING_OFF}`);
    expect(lines[3]).toBe('');
    for (const sub of ['new', 'add', 'watch', 'watches', 'unwatch']) expect(text).toContain(`**/papers ${sub}**`);
    expect(text).toContain('**/papers add** `paper:` — Add a paper by arXiv id or link');
    expect(text).toContain('**/papers new** `[days:] [topic:] [count:]`');
  });
});
