/**
 * Digests described for their managers: one line for a reply to `/digest
 * set`/`remove`, the `/digest list` overview, and the outcome of `/digest now`.
 * Times are shown in each digest's own zone, with a Discord timestamp beside
 * them that readers see in theirs.
 */
import { time, TimestampStyles, type APIEmbedField } from 'discord.js';
import type { RunOutcome } from '../../src/digest/digest-runner.js';
import type { Digest, LastRun } from '../../src/digest/digest-state.js';
import type { StoreLoadReport } from '../../src/digest/digest-store.js';
import { formatInZone } from '../../src/digest/schedule.js';
import { Limits } from '../render/limits.js';
import type { BotMessage } from '../render/message.js';
import { CARD_COLOR } from '../render/paper-card.js';
import { quoted } from '../render/results.js';
import { escapeText } from '../render/text.js';

function when(iso: string, zone: string): string {
  const instant = new Date(iso);
  return `${formatInZone(instant, zone)} (${time(Math.floor(instant.getTime() / 1000), TimestampStyles.RelativeTime)})`;
}

const papers = (n: number): string => `${n} ${n === 1 ? 'paper' : 'papers'}`;

/** `<#channel> every day at 09:00 Europe/Berlin, 5 papers on “topic”. Next post: …` */
export function describeSchedule(digest: Digest): string {
  const topic = digest.topic === null ? '' : ` on ${quoted(digest.topic)}`;
  const next = digest.status.kind === 'paused' ? 'Paused.' : `Next post: ${when(digest.nextDueAt, digest.timezone)}.`;
  return `<#${digest.channelId}> every day at ${digest.time} ${digest.timezone}, ${papers(digest.count)}${topic}. ${next}`;
}

function lastRunText(run: LastRun | null, zone: string): string {
  if (run === null) return 'never';
  const what: Record<LastRun['outcome'], string> = {
    posted: `posted ${papers(run.papers)}`,
    exhausted: 'said nothing new was left',
    quiet: 'nothing new, stayed quiet',
    paused: 'could not post',
    failed: `failed: ${run.detail ?? 'unknown error'}`,
  };
  return `${what[run.outcome]}${run.late ? ' (late)' : ''} · ${when(run.at, zone)}`;
}

function statusText(digest: Digest): string {
  const { status } = digest;
  if (status.kind === 'active') return '✅ active';
  if (status.kind === 'exhausted') return '📭 exhausted: every relevant paper has been posted; new papers will resume it';
  return `⏸️ paused: ${status.reason}. Fix it, then run /digest set for this channel again (or /digest now).`;
}

function digestField(digest: Digest, index: number): APIEmbedField {
  const next = digest.status.kind === 'paused' ? '—' : when(digest.nextDueAt, digest.timezone);
  return {
    name: `${index + 1}. ${digest.topic === null ? 'All papers' : escapeText(digest.topic)} · ${digest.time} ${digest.timezone}`,
    value: [
      `<#${digest.channelId}> · ${papers(digest.count)} · id \`${digest.id}\``,
      `**Next:** ${next}`,
      `**Last:** ${lastRunText(digest.lastRun, digest.timezone)}`,
      `**Status:** ${statusText(digest)}`,
    ].join('\n'),
  };
}

/** What a manager should know about how the digest state was found at start-up. */
function loadWarning(report: StoreLoadReport): string[] {
  if (report.kind === 'corrupt') {
    return [`⚠️ The old digest state file could not be read at start-up (${escapeText(report.reason)}); it was kept as \`${report.backupPath}\` and not imported.`];
  }
  if (report.kind === 'recovered') {
    const { restoredFrom, corruptPath } = report.recovery;
    const from = restoredFrom === null ? 'no backup was usable, so digests started empty' : `digests were restored from the backup of ${time(Math.floor(restoredFrom.getTime() / 1000), TimestampStyles.LongDateTime)}; changes after it are lost`;
    return [`⚠️ The store was damaged at start-up and was kept aside as \`${corruptPath}\`: ${from}.`];
  }
  if (report.kind === 'loaded' && report.damaged > 0) return [`⚠️ ${report.damaged} stored digest records were damaged and are left out.`];
  return [];
}

export function renderDigestList(digests: readonly Digest[], loadReport: StoreLoadReport): BotMessage {
  const warning = loadWarning(loadReport);
  if (digests.length === 0) return { content: [...warning, 'No digests yet: create one with /digest set.'].join('\n') };
  return {
    content: warning.join('\n'),
    embeds: [{ color: CARD_COLOR, title: `Digests in this server (${digests.length})`, fields: digests.slice(0, Limits.embedFields).map(digestField) }],
  };
}

/** The private answer to `/digest now`. */
export function describeOutcome(outcome: RunOutcome, digest: Digest): string {
  const where = `<#${digest.channelId}>`;
  switch (outcome.kind) {
    case 'posted':
      return outcome.exhausted ? `📭 Nothing new to post; I said so in ${where}.` : `✅ Posted ${papers(outcome.paperIds.length)} to ${where}.`;
    case 'quiet':
      return `📭 Nothing new to post in ${where}.`;
    case 'paused':
      return `⏸️ I couldn't post in ${where}: ${outcome.reason}. The digest is paused until that is fixed.`;
    case 'failed':
      return outcome.willRetry ? `⚠️ Posting failed (${outcome.reason}); I'll retry in a few minutes.` : `⚠️ Posting failed: ${outcome.reason}.`;
    case 'missing':
      return 'That digest was removed meanwhile.';
  }
}
