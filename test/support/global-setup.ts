/**
 * Builds the shared store once per test run. On a clean checkout this embeds
 * every seed paper (a minute or two on two cores), showing progress;
 * afterwards it is a warm start. Closing saves the vector index beside it.
 */
import { createLogger } from '../../src/logger.js';
import { progressReporter } from '../../src/progress.js';
import { createEngine } from '../../src/search/create-engine.js';
import { testConfig } from './test-engine.js';

export default async function setup(): Promise<void> {
  const logger = createLogger('warn');
  const started = performance.now();
  const onProgress = progressReporter(createLogger('info'), process.stderr, 'test store: embedding seeds');
  const engine = await createEngine(testConfig(), logger, { onProgress, processKind: 'test-setup' });
  const papers = engine.papers.length;
  await engine.close();
  process.stderr.write(`test store ready: ${papers} papers in ${Math.round(performance.now() - started)} ms\n`);
}
