/** `/papers ask question:<text>`: an extractive answer, each sentence cited to a paper. */
import { deferReply, respond } from '../../bot/respond.js';
import { renderAnswer } from '../../bot/render/answer.js';
import { cardFromPaper } from '../../bot/render/paper-card.js';
import { truncate } from '../../bot/render/text.js';
import { addTextOption, readText } from './options.js';
import type { Subcommand } from './subcommand.js';

/** A cited paper that is not among the ranked results shows the start of its abstract instead of a summary. */
const CITED_ABSTRACT_MAX = 300;

export const ask = {
  name: 'ask',
  description: 'Ask a question; get sentences from the papers, each cited',
  define: (builder) => addTextOption(builder, 'question', 'Your question, e.g. "How can LLMs be fine-tuned on phones?"'),
  async execute(interaction, ctx) {
    const question = readText(interaction, 'question');
    const engine = ctx.engine.get();
    await deferReply(interaction);
    const response = await engine.ask(question);
    const lookup = (id: string) => {
      const paper = engine.paper(id);
      return paper && { ...cardFromPaper(paper), text: truncate(paper.abstract, CITED_ABSTRACT_MAX) };
    };
    await respond(interaction, renderAnswer(question, response, lookup));
  },
} satisfies Subcommand;
