/** A client wired for tests: a log capture, virtual time, fixed jitter, short timeouts. */
import { createLogger } from '../../src/logger.js';
import { createHttpClient, type HttpClient, type HttpClientOptions } from '../../src/feeds/http-client.js';
import { LogCapture } from '../support/log-capture.js';
import { VirtualTime } from './virtual-time.js';

/** pino's numeric levels. */
export const LEVEL = { debug: 20, info: 30, warn: 40 } as const;

export interface TestClient {
  readonly client: HttpClient;
  readonly logs: LogCapture;
  readonly time: VirtualTime;
}

/** Jitter pinned to the middle of its range, so backoff waits are exact: 500 ms, 1000 ms, 2000 ms… */
export function testClient(options: Partial<HttpClientOptions> = {}): TestClient {
  const logs = new LogCapture();
  const time = new VirtualTime();
  const client = createHttpClient({ logger: createLogger('debug', logs.stream), time, random: () => 0.5, timeoutMs: 300, ...options });
  return { client, logs, time };
}

/** Log lines at exactly `level`. */
export function logsAt(logs: LogCapture, level: number): Record<string, unknown>[] {
  return logs.entries().filter((entry) => entry.level === level);
}
