/**
 * `/papers add paper:<arXiv id or link>`: fetches one paper (Hugging Face
 * first, arXiv second), stores and embeds it before answering, and shows its
 * full card like `/papers title`. A malformed id, a paper neither knows, or
 * an upstream that cannot be reached is one private sentence naming the id.
 */
import { ExpectedFailure } from '../../bot/expected-failure.js';
import { fullCardEmbed } from '../../bot/render/paper-card.js';
import { escapeText } from '../../bot/render/text.js';
import { deferReply, respond } from '../../bot/respond.js';
import { UserError } from '../../src/errors.js';
import { parsePaperRef } from '../../src/feeds/arxiv-id.js';
import type { AddOutcome } from '../../src/feeds/feed-service.js';
import { mayAddPapers } from './add-permission.js';
import type { Subcommand } from './subcommand.js';

/** A pasted link with tracking parameters is still well under this. */
export const PAPER_REF_MAX = 300;

const SOURCE_NAME = { huggingface: 'Hugging Face', arxiv: 'arXiv' } as const;

/** Why an id could not be added, as one sentence; the id is ours to show, the reason may quote what was typed. */
export function refusalText(outcome: Exclude<AddOutcome, { kind: 'added' | 'known' }>): string {
  switch (outcome.kind) {
    case 'malformed':
      return `That isn't a paper I can look up: ${escapeText(outcome.reason)}. Give an arXiv id such as 2407.16001, or an arxiv.org/abs/… or huggingface.co/papers/… link.`;
    case 'not-found':
      return `Neither Hugging Face nor arXiv knows a paper with the id ${outcome.arxivId}.`;
    case 'unavailable':
      return `I couldn't look up ${outcome.arxivId} just now — ${outcome.reason} Try again in a while.`;
  }
}

export const add = {
  name: 'add',
  description: 'Add a paper by arXiv id or link (arxiv.org or huggingface.co/papers)',
  define: (builder) =>
    builder.addStringOption((option) =>
      option.setName('paper').setDescription('An arXiv id (2407.16001), or an arxiv.org/abs/… or huggingface.co/papers/… link').setRequired(true).setMaxLength(PAPER_REF_MAX),
    ),
  async execute(interaction, ctx) {
    // Checked before anything is fetched: a refusal costs no lookup.
    const permission = mayAddPapers(interaction, ctx.config.ADD_PAPERS_ROLE);
    if (!permission.ok) throw new ExpectedFailure(permission.message);
    const input = interaction.options.getString('paper', true).trim();
    if (input.length > PAPER_REF_MAX) throw new ExpectedFailure(`That is ${input.length} characters long — an id or link is well under ${PAPER_REF_MAX}.`);
    const ref = parsePaperRef(input);
    if (!ref.ok) throw new ExpectedFailure(refusalText({ kind: 'malformed', reason: ref.reason }));
    const feeds = ctx.feeds.get();
    // Two lookups and an embedding: seconds, not the 3 s Discord waits for a first answer.
    await deferReply(interaction);
    const outcome = await feeds.addPaper(input);
    // `paper` is what the found kinds carry (a kind that is itself a union does not narrow on `!==`).
    if (!('paper' in outcome)) throw new ExpectedFailure(refusalText(outcome));
    const card = await ctx.engine.get().hit(outcome.paper.id);
    if (card === undefined) throw new UserError('UNKNOWN_PAPER');
    const source = SOURCE_NAME[outcome.source];
    const line =
      outcome.kind === 'added'
        ? `✅ Added ${ref.arxivId} from ${source}: /papers about, similar and ask find it from now on.`
        : `I already had ${ref.arxivId}; its details are refreshed from ${source}.`;
    await respond(interaction, { content: line, embeds: [fullCardEmbed(card, outcome.paper.abstract)] });
  },
} satisfies Subcommand;
