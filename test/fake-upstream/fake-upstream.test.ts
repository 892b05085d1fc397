import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeUpstream } from './fake-upstream.js';

let fake: FakeUpstream;
beforeAll(async () => {
  fake = await FakeUpstream.start();
});
afterEach(() => {
  fake.clearFaults();
  fake.requests.length = 0;
});
afterAll(() => fake.close());

const get = (path: string, headers: Record<string, string> = {}): Promise<Response> => fetch(`${fake.baseUrl}${path}`, { headers });

describe('fake upstream: Hugging Face routes', () => {
  it('GIVEN a fixture day THEN an array of items in the documented shape (paper + item-level fields)', async () => {
    const res = await get('/api/daily_papers?date=2024-07-24');
    const items = (await res.json()) as Record<string, unknown>[];
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(items).toHaveLength(7);
    for (const item of items) {
      expect(Object.keys(item).sort()).toEqual(['isAuthorParticipating', 'numComments', 'paper', 'publishedAt', 'submittedBy', 'summary', 'thumbnail', 'title']);
      expect(item.paper).toMatchObject({ id: expect.any(String), title: item.title, authors: expect.any(Array), submittedOnDailyAt: '2024-07-24T00:00:00.000Z' });
    }
  });

  it('GIVEN no date or a bad one THEN 400; a day without a fixture THEN []', async () => {
    expect((await get('/api/daily_papers')).status).toBe(400);
    expect((await get('/api/daily_papers?date=yesterday')).status).toBe(400);
    expect(await (await get('/api/daily_papers?date=1999-01-01')).json()).toEqual([]);
  });

  it('GIVEN /api/papers/{id} THEN the bare paper object (404 when unknown)', async () => {
    expect(await (await get('/api/papers/2407.17002')).json()).toMatchObject({ id: '2407.17002', upvotes: 31, organization: { name: 'example-speech' } });
    expect((await get('/api/papers/2501.00001')).status).toBe(404);
  });

  it('GIVEN an ETag or a Last-Modified date sent back THEN 304 without a body', async () => {
    const first = await get('/api/daily_papers?date=2024-07-25');
    const etag = first.headers.get('etag') ?? '';
    expect((await get('/api/daily_papers?date=2024-07-25', { 'if-none-match': etag })).status).toBe(304);
    expect((await get('/api/daily_papers?date=2024-07-25', { 'if-modified-since': first.headers.get('last-modified') ?? '' })).status).toBe(304);
    expect((await get('/api/daily_papers?date=2024-07-25', { 'if-none-match': '"other"' })).status).toBe(200);
  });
});

describe('fake upstream: arXiv route', () => {
  it('GIVEN id_list THEN an Atom feed with those entries and OpenSearch counts', async () => {
    const res = await get('/api/query?id_list=2407.16001,hep-th/9901001v1&max_results=2');
    const body = await res.text();
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=UTF-8');
    expect(body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
    expect(body).toContain('<opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">2</opensearch:totalResults>');
    expect(body.match(/<entry>/g)).toHaveLength(2);
  });

  it('GIVEN a malformed id THEN the documented error feed (title Error, id under /api/errors)', async () => {
    const body = await (await get('/api/query?id_list=1234.1234')).text();
    expect(body).toContain('<id>http://arxiv.org/api/errors#incorrect_id_format_for_1234.1234</id>');
    expect(body).toContain('<title>Error</title>');
  });

  it('GIVEN search_query=cat:… THEN that category, newest first, paged by start and max_results', async () => {
    const page = await (await get('/api/query?search_query=cat:cs.LG&sortBy=submittedDate&sortOrder=descending&start=2&max_results=2')).text();
    expect(page).toContain('>6</opensearch:totalResults>');
    expect([...page.matchAll(/<id>(http[^<]+)<\/id>/g)].map((m) => m[1])).toEqual([
      expect.stringContaining('/api/'), // the feed's own id
      'http://arxiv.org/abs/2407.18010v1',
      'http://arxiv.org/abs/2407.17003v3',
    ]);
  });
});

describe('fake upstream: faults and the request log', () => {
  it('GIVEN faults armed in order THEN each is served the number of times asked, then the route is normal again', async () => {
    fake.fault('daily', { kind: 'status', status: 500 }, 2);
    fake.fault('daily', { kind: 'html' });
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      const res = await get('/api/daily_papers?date=2024-07-24');
      statuses.push(`${res.status} ${res.headers.get('content-type')}`);
    }
    expect(statuses).toEqual(['500 application/json', '500 application/json', '200 text/html; charset=utf-8', '200 application/json; charset=utf-8']);
  });

  it('GIVEN a fault on one route THEN the other routes are untouched', async () => {
    fake.fault('query', { kind: 'status', status: 503 }, Infinity);
    expect((await get('/api/daily_papers?date=2024-07-24')).status).toBe(200);
    expect((await get('/api/query?id_list=2407.16001')).status).toBe(503);
  });

  it('GIVEN truncate THEN a complete response whose JSON is cut (Content-Length matches the cut)', async () => {
    fake.fault('daily', { kind: 'truncate' });
    const res = await get('/api/daily_papers?date=2024-07-24');
    const text = await res.text();
    expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(text));
    expect(() => JSON.parse(text) as unknown).toThrow();
  });

  it('GIVEN requests THEN the log records route, path, query, headers and arrival time', async () => {
    await get('/api/papers/2407.17002', { 'user-agent': 'probe/1' });
    await get('/nowhere');
    expect(fake.requests.map((r) => [r.route, r.path, r.headers['user-agent']])).toEqual([
      ['paper', '/api/papers/2407.17002', 'probe/1'],
      [null, '/nowhere', expect.any(String)],
    ]);
    expect(fake.requests[1]?.at).toBeGreaterThanOrEqual(fake.requests[0]?.at ?? Infinity);
  });

  it('GIVEN a hung request THEN close() still returns (it drops the held sockets)', async () => {
    const own = await FakeUpstream.start();
    own.fault('daily', { kind: 'hang' });
    const pending = fetch(`${own.baseUrl}/api/daily_papers?date=2024-07-24`).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await own.close();
    expect(await pending).toBeInstanceOf(Error);
  });

  it('GIVEN a test that forgets to close it THEN the fake stops by itself after its lifetime', async () => {
    const forgotten = await FakeUpstream.start({ lifetimeMs: 30 });
    await new Promise((resolve) => setTimeout(resolve, 80));
    await expect(fetch(`${forgotten.baseUrl}/api/daily_papers?date=2024-07-24`)).rejects.toThrow();
  });
});
