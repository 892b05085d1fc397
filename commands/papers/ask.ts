/** `/papers ask question:<text>`: an extractive answer, each sentence cited to a paper. */
import { deferReply, respond } from '../../bot/respond.js';
import { renderAnswer } from '../../bot/render/answer.js';
import { addTextOption, readText } from './options.js';
import type { Subcommand } from './subcommand.js';

export const ask = {
  name: 'ask',
  description: 'Ask a question; get sentences from the papers, each cited',
  define: (builder) => addTextOption(builder, 'question', 'Your question, e.g. "How can LLMs be fine-tuned on phones?"'),
  async execute(interaction, ctx) {
    const question = readText(interaction, 'question');
    const engine = ctx.engine.get();
    await deferReply(interaction);
    await respond(interaction, renderAnswer(question, await engine.ask(question)));
  },
} satisfies Subcommand;
