/**
 * Builds the shared embedding cache once per test run. On a clean checkout
 * this embeds every seed paper (a minute or two on two cores), showing progress;
 * afterwards it is a warm start.
 */
import { createLogger } from '../../src/logger.js';
import { progressReporter } from '../../src/progress.js';
import { createEngine } from '../../src/search/create-engine.js';
import { testConfig } from './test-engine.js';

export default async function setup(): Promise<void> {
  const logger = createLogger('warn');
  const started = performance.now();
  const engine = await createEngine(testConfig(), logger, { onProgress: progressReporter(createLogger('info'), process.stderr, 'test cache: embedding seeds') });
  process.stderr.write(`test cache ready: ${engine.papers.length} papers in ${Math.round(performance.now() - started)} ms\n`);
}
