import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FeedError } from '../../src/feeds/feed-error.js';
import type { HttpOutcome } from '../../src/feeds/http-client.js';
import type { RawResponse } from '../../src/feeds/raw-response.js';
import { PAPERBOT_USER_AGENT } from '../../src/feeds/user-agent.js';
import type { Validators } from '../../src/feeds/validator-cache.js';
import { FakeUpstream } from '../fake-upstream/fake-upstream.js';
import { LEVEL, logsAt, testClient } from './feed-harness.js';

let fake: FakeUpstream;
let dayUrl: string;
beforeAll(async () => {
  fake = await FakeUpstream.start();
  dayUrl = `${fake.baseUrl}/api/daily_papers?date=2024-07-24`;
});
afterEach(() => {
  fake.clearFaults();
  fake.requests.length = 0;
});
afterAll(() => fake.close());

const JSON_GET = { source: 'huggingface', expect: 'json' } as const;

function errorOf(outcome: HttpOutcome): { code: string; message: string; status: number | null; retryAfterMs: number | null } {
  if (outcome.ok) throw new Error(`expected a failure, got ${outcome.response.status}`);
  const { code, message, status, retryAfterMs } = outcome.error;
  return { code, message, status, retryAfterMs };
}

describe('http client: a healthy upstream', () => {
  it('GIVEN a day listing THEN the body arrives with its metadata, and the request names paperbot and asks for JSON', async () => {
    const { client } = testClient();
    const outcome = await client.get(dayUrl, JSON_GET);
    if (!outcome.ok) throw outcome.error;
    expect(outcome.notModified).toBe(false);
    expect(outcome.response).toMatchObject({ url: dayUrl, status: 200, contentType: 'application/json; charset=utf-8', lastModified: 'Fri, 26 Jul 2024 00:00:00 GMT' });
    expect(outcome.response.etag).toMatch(/^"[0-9a-f]{16}"$/);
    expect((JSON.parse(outcome.response.body) as unknown[]).length).toBe(7);
    expect(fake.requests[0]?.headers['user-agent']).toBe(PAPERBOT_USER_AGENT);
    expect(fake.requests[0]?.headers.accept).toBe('application/json');
    expect(client.health()).toEqual([
      { source: 'huggingface', lastSuccessAt: '2024-07-26T12:00:00.000Z', lastError: null, consecutiveFailures: 0, downSince: null },
    ]);
  });

  it('GIVEN an onResponse hook THEN it sees every response that was read', async () => {
    const seen: [string, RawResponse][] = [];
    const { client } = testClient({ onResponse: (source, raw) => seen.push([source, raw]) });
    await client.get(dayUrl, JSON_GET);
    await client.get(`${fake.baseUrl}/api/papers/2407.17002`, { ...JSON_GET, conditional: false });
    expect(seen.map(([source, raw]) => [source, raw.status, raw.url])).toEqual([
      ['huggingface', 200, dayUrl],
      ['huggingface', 200, `${fake.baseUrl}/api/papers/2407.17002`],
    ]);
  });
});

describe('http client: conditional requests', () => {
  it('GIVEN a URL fetched before THEN the next request sends If-None-Match and If-Modified-Since, and a 304 is "not modified"', async () => {
    const { client } = testClient();
    const first = await client.get(dayUrl, JSON_GET);
    const second = await client.get(dayUrl, JSON_GET);
    const etag = first.ok ? first.response.etag : null;
    expect(fake.requests[1]?.headers['if-none-match']).toBe(etag);
    expect(fake.requests[1]?.headers['if-modified-since']).toBe('Fri, 26 Jul 2024 00:00:00 GMT');
    expect(second).toMatchObject({ ok: true, notModified: true, response: { status: 304, body: '' } });
  });

  it('GIVEN the upstream content changed THEN the old validator no longer matches and the new body arrives', async () => {
    const { client } = testClient();
    const url = `${fake.baseUrl}/api/daily_papers?date=2030-01-01`;
    await client.get(url, JSON_GET);
    fake.setDay('2030-01-01', [{ paper: { id: '3001.00001', title: 'New' } }]);
    const changed = await client.get(url, JSON_GET);
    expect(changed).toMatchObject({ ok: true, notModified: false, response: { status: 200 } });
    expect(changed.ok && changed.response.body).toContain('3001.00001');
  });

  it('GIVEN an injected validator cache THEN validators are read from and written to it (the store can persist them)', async () => {
    const stored = new Map<string, Validators>([[dayUrl, { etag: '"stale"', lastModified: null }]]);
    const { client } = testClient({ validators: { get: async (url) => stored.get(url), set: async (url, v) => void stored.set(url, v) } });
    const outcome = await client.get(dayUrl, JSON_GET);
    expect(fake.requests[0]?.headers['if-none-match']).toBe('"stale"');
    expect(outcome.ok && outcome.notModified).toBe(false);
    expect(stored.get(dayUrl)?.etag).toBe(outcome.ok ? outcome.response.etag : 'missing');
  });

  it('GIVEN a validator cache and a response hook that throw THEN the request still succeeds and each failure is logged', async () => {
    const broken = (): never => {
      throw new Error('disk full');
    };
    const { client, logs } = testClient({ validators: { get: broken, set: broken }, onResponse: broken });
    const outcome = await client.get(dayUrl, JSON_GET);
    expect(outcome.ok && outcome.response.status).toBe(200);
    expect(logs.entries().filter((e) => e.level === 50).map((e) => e.msg)).toEqual([
      'http client: reading validators failed; carrying on without it',
      'http client: saving validators failed; carrying on without it',
      'http client: onResponse failed; carrying on without it',
    ]);
  });

  it('regression: a 304 to a request that sent no validator is an error, not "not modified" (it would hide the day)', async () => {
    const { client } = testClient();
    fake.fault('daily', { kind: 'status', status: 304 });
    expect(errorOf(await client.get(dayUrl, JSON_GET))).toMatchObject({ code: 'BAD_BODY', message: expect.stringMatching(/304 Not Modified to a request that was not conditional/) });
  });

  it('regression: a redirect is not followed (to another host or anywhere): it is an error naming where it pointed', async () => {
    const { client } = testClient();
    fake.fault('daily', { kind: 'status', status: 302, headers: { location: 'http://localhost:1/api/daily_papers?date=2024-07-24' } });
    expect(errorOf(await client.get(dayUrl, JSON_GET))).toMatchObject({ code: 'HTTP_4xx', status: 302, message: expect.stringMatching(/a redirect to http:\/\/localhost:1\/.* \(not followed\)/) });
    expect(fake.requests).toHaveLength(1);
  });

  it('GIVEN conditional: false THEN no validators are sent', async () => {
    const { client } = testClient();
    await client.get(dayUrl, JSON_GET);
    await client.get(dayUrl, { ...JSON_GET, conditional: false });
    expect(fake.requests[1]?.headers['if-none-match']).toBeUndefined();
  });
});

describe('http client: retries', () => {
  it('GIVEN two 500s then success THEN it succeeds on the third attempt after jittered backoff (500 ms, 1000 ms)', async () => {
    const { client, time } = testClient();
    fake.fault('daily', { kind: 'status', status: 500 }, 2);
    const outcome = await client.get(dayUrl, JSON_GET);
    expect(outcome.ok).toBe(true);
    expect(fake.requests).toHaveLength(3);
    expect(time.sleeps).toEqual([500, 1000]);
  });

  it('GIVEN 429 with Retry-After in seconds THEN it waits exactly that long, not the backoff', async () => {
    const { client, time } = testClient();
    fake.fault('daily', { kind: 'status', status: 429, headers: { 'retry-after': '2' } });
    expect((await client.get(dayUrl, JSON_GET)).ok).toBe(true);
    expect(time.sleeps).toEqual([2000]);
  });

  it('GIVEN 503 with Retry-After as an HTTP-date THEN it waits until that date', async () => {
    const { client, time } = testClient();
    fake.fault('daily', { kind: 'status', status: 503, headers: { 'retry-after': 'Fri, 26 Jul 2024 12:00:05 GMT' } });
    expect((await client.get(dayUrl, JSON_GET)).ok).toBe(true);
    expect(time.sleeps).toEqual([5000]);
  });

  it('GIVEN a Retry-After past the cap THEN no retry now: RATE_LIMITED says how long to wait', async () => {
    const { client, time } = testClient();
    fake.fault('daily', { kind: 'status', status: 429, headers: { 'retry-after': '3600' } });
    expect(errorOf(await client.get(dayUrl, JSON_GET))).toMatchObject({ code: 'RATE_LIMITED', status: 429, retryAfterMs: 3_600_000, message: expect.stringContaining('3600 s') });
    expect(fake.requests).toHaveLength(1);
    expect(time.sleeps).toEqual([]);
  });

  it('GIVEN a dropped connection THEN it is a NETWORK failure, retried', async () => {
    const { client } = testClient();
    fake.fault('daily', { kind: 'reset' });
    expect((await client.get(dayUrl, JSON_GET)).ok).toBe(true);
    expect(fake.requests).toHaveLength(2);
  });

  it('GIVEN 5xx on every attempt THEN HTTP_5xx after four attempts (three retries), nothing thrown', async () => {
    const { client, time } = testClient();
    fake.fault('daily', { kind: 'status', status: 502 }, Infinity);
    expect(errorOf(await client.get(dayUrl, JSON_GET))).toMatchObject({ code: 'HTTP_5xx', status: 502 });
    expect(fake.requests).toHaveLength(4);
    expect(time.sleeps).toEqual([500, 1000, 2000]);
  });

  it.each([
    ['a 404', { kind: 'status', status: 404 } as const, 'NOT_FOUND'],
    ['a 400', { kind: 'status', status: 400 } as const, 'HTTP_4xx'],
    ['an HTML page', { kind: 'html' } as const, 'BAD_CONTENT_TYPE'],
    ['a 20 MB body', { kind: 'huge', bytes: 20 * 1024 * 1024 } as const, 'TOO_LARGE'],
  ])('GIVEN %s THEN %s at once: asking again would get the same answer', async (_name, fault, code) => {
    const { client } = testClient();
    fake.fault('daily', fault, Infinity);
    expect(errorOf(await client.get(dayUrl, JSON_GET)).code).toBe(code);
    expect(fake.requests).toHaveLength(1);
  });
});

describe('http client: timeouts, size and content type', () => {
  it('GIVEN a server that never answers THEN TIMEOUT after the per-attempt limit, retried, then given up', async () => {
    const { client } = testClient({ timeoutMs: 80, maxRetries: 1 });
    fake.fault('daily', { kind: 'hang' }, Infinity);
    const started = performance.now();
    expect(errorOf(await client.get(dayUrl, JSON_GET))).toMatchObject({ code: 'TIMEOUT', message: expect.stringContaining('80 ms') });
    expect(fake.requests).toHaveLength(2);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('GIVEN headers then a body that stops halfway THEN TIMEOUT too: the limit covers the body', async () => {
    const { client } = testClient({ timeoutMs: 80, maxRetries: 0 });
    fake.fault('daily', { kind: 'stall' });
    expect(errorOf(await client.get(dayUrl, JSON_GET)).code).toBe('TIMEOUT');
  });

  it('GIVEN a 20 MB body streamed without Content-Length THEN TOO_LARGE once 10 MB have been read', async () => {
    const { client } = testClient();
    fake.fault('daily', { kind: 'huge', bytes: 20 * 1024 * 1024 });
    expect(errorOf(await client.get(dayUrl, JSON_GET))).toMatchObject({ code: 'TOO_LARGE', message: expect.stringContaining('over 10.0 MB') });
  });

  it('GIVEN a Content-Length of 20 MB THEN TOO_LARGE before any of the body is read', async () => {
    const { client } = testClient();
    fake.fault('daily', { kind: 'huge', bytes: 20 * 1024 * 1024, declareLength: true });
    expect(errorOf(await client.get(dayUrl, JSON_GET))).toMatchObject({ code: 'TOO_LARGE', message: expect.stringContaining('is 20.0 MB') });
  });

  it('GIVEN HTML where JSON was asked for THEN BAD_CONTENT_TYPE says it was an HTML page', async () => {
    const { client } = testClient();
    fake.fault('daily', { kind: 'html' });
    expect(errorOf(await client.get(dayUrl, JSON_GET)).message).toMatch(/expected JSON, got an HTML page \(text\/html\)/);
  });

  it('GIVEN JSON where Atom was asked for THEN BAD_CONTENT_TYPE', async () => {
    const { client } = testClient();
    expect(errorOf(await client.get(dayUrl, { source: 'arxiv', expect: 'atom' })).message).toMatch(/expected an Atom\/XML feed, got application\/json/);
  });

  it('GIVEN bytes that are not UTF-8 THEN BAD_BODY', async () => {
    const { client } = testClient();
    // The fake serves strings, which are always valid UTF-8: raw bytes need a server of their own.
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(Buffer.from([0x5b, 0xff, 0xfe, 0x5d]));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    expect(errorOf(await client.get(url, JSON_GET)).code).toBe('BAD_BODY');
    await new Promise((resolve) => server.close(resolve));
  });

  it('GIVEN a string that is not a URL THEN BAD_REQUEST, nothing sent', async () => {
    const { client } = testClient();
    expect(errorOf(await client.get('not a url', JSON_GET)).code).toBe('BAD_REQUEST');
  });
});

describe('http client: one log line per outage', () => {
  it('GIVEN an outage across two calls THEN one warn with the cause, debug while down, one info when back with how long', async () => {
    const { client, logs } = testClient();
    fake.fault('daily', { kind: 'status', status: 503 }, 6);
    await client.get(dayUrl, JSON_GET); // 4 failed attempts: gives up
    expect(client.health()[0]).toMatchObject({ consecutiveFailures: 4, downSince: '2024-07-26T12:00:00.000Z', lastError: { code: 'HTTP_5xx' } });
    await client.get(dayUrl, JSON_GET); // 2 more failures, then back
    const warns = logsAt(logs, LEVEL.warn);
    expect(warns).toHaveLength(1);
    expect(warns[0]).toMatchObject({ source: 'huggingface', code: 'HTTP_5xx', status: 503, msg: expect.stringContaining('answered 503') });
    // regression: the warn carried the error's stack, printed by the CLI at its default level; it is for debug.
    expect(warns[0]).not.toHaveProperty('err');
    const stillFailing = logsAt(logs, LEVEL.debug).filter((e) => String(e.msg).includes('still failing'));
    expect(stillFailing).toHaveLength(5);
    expect(stillFailing.every((e) => typeof (e.err as { stack?: unknown } | undefined)?.stack === 'string')).toBe(true);
    const back = logsAt(logs, LEVEL.info);
    expect(back).toHaveLength(1);
    // Virtual time moved only by the backoff waits: 500+1000+2000, then 500+1000.
    expect(back[0]).toMatchObject({ source: 'huggingface', failedAttempts: 6, downForMs: 5000, msg: 'huggingface is back after 5 s down' });
    expect(client.health()[0]).toMatchObject({ consecutiveFailures: 0, downSince: null, lastError: { code: 'HTTP_5xx' } });
  });

  it('GIVEN a host where nothing listens THEN NETWORK, and the warn names the real cause (ECONNREFUSED)', async () => {
    const { client, logs } = testClient({ maxRetries: 1 });
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise((resolve) => server.close(resolve));
    const outcome = await client.get(`http://127.0.0.1:${port}/api/daily_papers?date=2024-07-24`, JSON_GET);
    expect(errorOf(outcome)).toMatchObject({ code: 'NETWORK', message: expect.stringContaining('ECONNREFUSED') });
    expect(logsAt(logs, LEVEL.warn)).toEqual([expect.objectContaining({ code: 'NETWORK', msg: expect.stringContaining('ECONNREFUSED') })]);
  });

  it('GIVEN a 404 THEN the host counts as up: no warn, and it ends an outage', async () => {
    const { client, logs } = testClient({ maxRetries: 0 });
    fake.fault('paper', { kind: 'status', status: 500 });
    await client.get(`${fake.baseUrl}/api/papers/2407.17002`, JSON_GET);
    await client.get(`${fake.baseUrl}/api/papers/0000.00000`, JSON_GET);
    expect(logsAt(logs, LEVEL.warn)).toHaveLength(1);
    expect(logsAt(logs, LEVEL.info)).toHaveLength(1);
    expect(client.health()[0]?.downSince).toBeNull();
  });

  it('GIVEN a source that reports a body it could not use THEN that failure shows in health like any other', async () => {
    const { client } = testClient();
    await client.get(dayUrl, JSON_GET);
    client.reportFailure('huggingface', new FeedError('BAD_BODY', 'truncated', { url: dayUrl }));
    expect(client.health()[0]).toMatchObject({ consecutiveFailures: 1, lastError: { code: 'BAD_BODY', message: 'truncated' } });
  });
});

describe('http client: per-host spacing', () => {
  it('GIVEN a minimum interval THEN the server sees requests to that host at least that far apart (real time)', async () => {
    const { client } = testClient({ time: { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) } });
    const url = (n: number): string => `${fake.baseUrl}/api/query?id_list=2407.1600${n}`;
    await Promise.all([1, 2, 3].map((n) => client.get(url(n), { source: 'arxiv', expect: 'atom', minIntervalMs: 60 })));
    const at = fake.requests.map((r) => r.at);
    expect(at).toHaveLength(3);
    // 1 ms of slack: the client counts in whole milliseconds (Date.now), the fake in fractions.
    expect((at[1] ?? 0) - (at[0] ?? 0)).toBeGreaterThanOrEqual(59);
    expect((at[2] ?? 0) - (at[1] ?? 0)).toBeGreaterThanOrEqual(59);
  });
});
