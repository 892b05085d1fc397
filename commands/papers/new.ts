/**
 * `/papers new [days] [topic] [count]`: the Daily Papers of the last days —
 * most upvoted first, or only the confident matches of a topic — paged like
 * `about`. With none known for the period it says so plainly, and why when
 * fetching has something to say (it is off, failing, or not done yet).
 */
import type { NewPapersPage } from '../../bot/command.js';
import { feedNote } from '../../bot/render/feed-status.js';
import { deferReply, respond } from '../../bot/respond.js';
import { ExpectedFailure } from '../../bot/expected-failure.js';
import { utcDay } from '../../src/feeds/feed-service.js';
import { noNewPapersText } from './new-papers-text.js';
import { addCountOption, readCount } from './options.js';
import { firstPage } from './result-pages.js';
import { addTopicOption, readTopic } from './topic-option.js';
import type { Subcommand } from './subcommand.js';

export const DAYS = { min: 1, max: 7, default: 1 } as const;

const DAY_MS = 24 * 60 * 60_000;

export const newPapers = {
  name: 'new',
  description: 'The latest Daily Papers: most upvoted first, or those about a topic',
  define: (builder) =>
    addCountOption(
      addTopicOption(
        builder.addIntegerOption((option) =>
          option
            .setName('days')
            .setDescription(`How many days back, today included (${DAYS.min}–${DAYS.max}, default ${DAYS.default})`)
            .setMinValue(DAYS.min)
            .setMaxValue(DAYS.max),
        ),
        'Only papers about this, in a few words',
        false,
      ),
    ),
  async execute(interaction, ctx) {
    const days = interaction.options.getInteger('days') ?? DAYS.default;
    if (days < DAYS.min || days > DAYS.max) throw new ExpectedFailure(`days must be between ${DAYS.min} and ${DAYS.max}.`);
    const topic = readTopic(interaction, false);
    const count = readCount(interaction);
    const engine = ctx.engine.get();
    // Daily Papers days are UTC days; "today" is the bot's today, fixed in the page so paging never slides.
    const dailyFrom = utcDay(new Date(ctx.clock.now().getTime() - (days - 1) * DAY_MS));
    const page: NewPapersPage = { kind: 'new', dailyFrom, days, count, ...(topic === undefined ? {} : { topic }) };
    // A topic is embedded first: more than a second on a cold model.
    await deferReply(interaction);
    // Cheap (no query to embed): tells "no papers from those days at all" from "none about the topic".
    const listed = await engine.newPapers({ dailyFrom, k: 1 });
    if (listed.total === 0) {
      const note = feedNote(ctx.feeds.view());
      await respond(interaction, { content: [`${noNewPapersText({ ...page, topic: undefined })}.`, ...(note === null ? [] : [note])].join(' ') });
      return;
    }
    await respond(interaction, await firstPage(ctx, page));
  },
} satisfies Subcommand;
