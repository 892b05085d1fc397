/**
 * Where fetching new papers stands, in words: one line per source for
 * `/papers help`, and one sentence for an empty `/papers new`. Times are
 * Discord timestamps, so each reader sees them in their own zone.
 */
import { time, TimestampStyles } from 'discord.js';
import type { FeedsView, SourceView } from '../feeds/feed-holder.js';
import { STORE_ERROR_CODE } from '../../src/feeds/feed-state.js';
import { escapeText, oneLine, truncate } from './text.js';

const SOURCE_NAME: Record<SourceView['source'], string> = { huggingface: 'Hugging Face Daily Papers', arxiv: 'arXiv categories' };

/** An upstream's own error message can be long (a URL, a body excerpt): enough of it to recognise. */
const ERROR_MAX = 160;

export const FETCHING_OFF = 'Fetching new papers is off on this bot (FEED_ENABLED=false): papers arrive only through /papers add.';

const ago = (iso: string): string => time(new Date(iso), TimestampStyles.RelativeTime);

/** An error's text as help shows it: one line, cut, escaped (it may quote what an upstream sent). */
const shown = (text: string): string => escapeText(truncate(oneLine(text), ERROR_MAX));

/** Failing: the last attempt ended in an error (no success since). */
function failing(source: SourceView): boolean {
  const { lastError, lastSuccessAt } = source.state;
  return lastError !== null && (lastSuccessAt === null || lastError.at >= lastSuccessAt);
}

function sourceLine(source: SourceView): string {
  const { state } = source;
  const name = `**${SOURCE_NAME[source.source]}**`;
  const fetched = `${state.papersFetched} ${state.papersFetched === 1 ? 'paper' : 'papers'} fetched so far`;
  const next = state.nextAttemptAt === null ? '' : `; next attempt ${ago(state.nextAttemptAt)}`;
  if (failing(source) && state.lastError !== null) {
    const since = source.downSince ?? state.lastError.at;
    const error = shown(`${state.lastError.code}: ${state.lastError.message}`);
    const last = state.lastSuccessAt === null ? 'never fetched yet' : `last success ${ago(state.lastSuccessAt)}`;
    if (state.lastError.code === STORE_ERROR_CODE) return `⚠️ ${name}: answering, but its papers could not be stored ${ago(state.lastError.at)} (${error}); ${last}, ${fetched}${next}.`;
    return `⚠️ ${name}: unreachable since ${ago(since)} (${error}); ${last}, ${fetched}${next}.`;
  }
  if (state.lastSuccessAt === null) return `📡 ${name}: not fetched yet${next}.`;
  return `📡 ${name}: last fetched ${ago(state.lastSuccessAt)}, ${fetched}${next}.`;
}

/** Help's lines about fetching (none while the feeds are still starting). */
export function feedStatusLines(view: FeedsView): string[] {
  if (view.kind === 'starting') return [];
  if (view.kind === 'disabled') return [`📡 ${FETCHING_OFF}`];
  return view.sources.map(sourceLine);
}

/** Why a period may have no papers yet, when fetching says something about it; null when it has nothing to add. */
export function feedNote(view: FeedsView): string | null {
  if (view.kind === 'disabled') return FETCHING_OFF;
  if (view.kind === 'starting') return null;
  const hf = view.sources.find((source) => source.source === 'huggingface');
  if (hf === undefined) return null;
  const next = hf.state.nextAttemptAt === null ? '' : ` I'll fetch again ${ago(hf.state.nextAttemptAt)}.`;
  if (failing(hf) && hf.state.lastError?.code === STORE_ERROR_CODE) return `New papers could not be stored (${shown(hf.state.lastError.message)}).${next}`;
  if (failing(hf) && hf.state.lastError !== null) return `Hugging Face has been unreachable since ${ago(hf.downSince ?? hf.state.lastError.at)}.${next}`;
  if (hf.state.lastSuccessAt === null) return `The first fetch of Daily Papers has not finished yet.${next}`;
  return `Daily Papers were last fetched ${ago(hf.state.lastSuccessAt)}.${next}`;
}
