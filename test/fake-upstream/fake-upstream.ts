/**
 * A local stand-in for the Hugging Face papers API and the arXiv query API,
 * on 127.0.0.1 (random port), serving the fixtures in the documented shapes,
 * with faults on demand and a log of every request. See README.md.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorFeed, resultsFeed } from './atom-feed.js';
import { serveFault, type Fault, type NormalResponse, type RouteName } from './faults.js';
import { loadFixtures, type Fixtures } from './fixtures.js';

export type { Fault, RouteName } from './faults.js';

/** One request as the fake saw it. */
export interface RecordedRequest {
  readonly route: RouteName | null;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: IncomingHttpHeaders;
  /** Milliseconds (performance clock) when the request arrived: for asserting gaps between requests. */
  readonly at: number;
}

export interface StartOptions {
  /** The server closes itself after this long even if a test forgets to (default 60 s). */
  readonly lifetimeMs?: number;
}

/** Every fixture response carries this, so If-Modified-Since works too. */
const LAST_MODIFIED = 'Fri, 26 Jul 2024 00:00:00 GMT';
const JSON_TYPE = 'application/json; charset=utf-8';
const ATOM_TYPE = 'application/atom+xml; charset=UTF-8';
/** The fake's own idea of a well-formed arXiv id (new or old style with a real month, optional version). */
const ARXIV_ID = /^(?:\d{2}(?:0[1-9]|1[0-2])\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{2}(?:0[1-9]|1[0-2])\d{3})(?:v\d+)?$/;

interface ArmedFault {
  readonly fault: Fault;
  remaining: number;
}

export class FakeUpstream {
  /** Base URL for both `HF_API_BASE` and `ARXIV_API_BASE`. */
  readonly baseUrl: string;
  readonly requests: RecordedRequest[] = [];
  private readonly faults = new Map<RouteName, ArmedFault[]>();
  private readonly dayOverrides = new Map<string, unknown>();
  private readonly lifetime: NodeJS.Timeout;

  private constructor(
    private readonly server: Server,
    private readonly fixtures: Fixtures,
    lifetimeMs: number,
  ) {
    const { port } = server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.lifetime = setTimeout(() => void this.close(), lifetimeMs).unref();
  }

  static async start({ lifetimeMs = 60_000 }: StartOptions = {}): Promise<FakeUpstream> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    // Never the reason a test process stays alive.
    server.unref();
    const fake = new FakeUpstream(server, loadFixtures(), lifetimeMs);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => fake.handle(req, res));
    return fake;
  }

  /** Serves `fault` for the next `times` requests to `route` (`Infinity` for every one), in the order armed. */
  fault(route: RouteName, fault: Fault, times = 1): void {
    const armed = this.faults.get(route) ?? [];
    armed.push({ fault, remaining: times });
    this.faults.set(route, armed);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** Replaces the body served for `date` (a new version of the day: new ETag), or any JSON for wrong-type tests. */
  setDay(date: string, items: unknown): void {
    this.dayOverrides.set(date, items);
  }

  requestsTo(route: RouteName): RecordedRequest[] {
    return this.requests.filter((r) => r.route === route);
  }

  async close(): Promise<void> {
    clearTimeout(this.lifetime);
    if (!this.server.listening) return;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    // Hung requests hold their sockets open; close() alone would wait for them forever.
    this.server.closeAllConnections();
    await closed;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const route = routeOf(url.pathname);
    this.requests.push({ route, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, at: performance.now() });
    if (route === null || req.method !== 'GET') {
      send(res, { status: 404, contentType: JSON_TYPE, body: JSON.stringify({ error: 'Not Found' }) });
      return;
    }
    const normal = this.normalResponse(route, url);
    const fault = this.takeFault(route);
    if (fault !== null && fault.kind !== 'pass') return serveFault(res, fault, normal);
    if (normal.status === 200 && notModified(req, etagOf(normal.body))) {
      res.writeHead(304, { etag: etagOf(normal.body), 'last-modified': LAST_MODIFIED });
      res.end();
      return;
    }
    const validators: Record<string, string> = normal.status === 200 ? { etag: etagOf(normal.body), 'last-modified': LAST_MODIFIED } : {};
    send(res, normal, validators);
  }

  private takeFault(route: RouteName): Fault | null {
    const armed = this.faults.get(route);
    const next = armed?.[0];
    if (armed === undefined || next === undefined) return null;
    next.remaining--;
    if (next.remaining <= 0) armed.shift();
    return next.fault;
  }

  private normalResponse(route: RouteName, url: URL): NormalResponse {
    switch (route) {
      case 'daily':
        return this.daily(url.searchParams.get('date'));
      case 'paper':
        return this.paper(decodeURIComponent(url.pathname.slice('/api/papers/'.length)));
      case 'query':
        return this.query(url.searchParams);
    }
  }

  private daily(date: string | null): NormalResponse {
    if (date === null || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      return { status: 400, contentType: JSON_TYPE, body: JSON.stringify({ error: '"date" must be a date (YYYY-MM-DD)' }) };
    }
    // A day without a fixture is a day nobody submitted papers (weekends are like that).
    const items = this.dayOverrides.has(date) ? this.dayOverrides.get(date) : (this.fixtures.days.get(date) ?? []);
    return { status: 200, contentType: JSON_TYPE, body: JSON.stringify(items) };
  }

  private paper(id: string): NormalResponse {
    const paper = this.fixtures.papers.get(id);
    if (paper === undefined) return { status: 404, contentType: JSON_TYPE, body: JSON.stringify({ error: 'Paper not found' }) };
    return { status: 200, contentType: JSON_TYPE, body: JSON.stringify(paper) };
  }

  private query(params: URLSearchParams): NormalResponse {
    const start = Number(params.get('start') ?? '0');
    const max = Number(params.get('max_results') ?? '10');
    const idList = params.get('id_list');
    const search = params.get('search_query') ?? '';
    const canonical = `search_query=${search}&id_list=${idList ?? ''}&start=${start}&max_results=${max}`;
    const atom = (body: string): NormalResponse => ({ status: 200, contentType: ATOM_TYPE, body });
    if (idList !== null && idList !== '') {
      const ids = idList.split(',');
      const bad = ids.find((id) => !ARXIV_ID.test(id));
      if (bad !== undefined) return atom(errorFeed(canonical, bad));
      const wanted = new Set(ids.map((id) => id.replace(/v\d+$/, '')));
      const found = this.fixtures.entries.filter((e) => e.id !== null && wanted.has(e.id));
      return atom(resultsFeed(canonical, found.slice(start, start + max).map((e) => e.xml), found.length, start, max));
    }
    const category = /^cat:(\S+)$/.exec(search)?.[1];
    const matching = this.fixtures.entries
      .filter((e) => category !== undefined && e.categories.includes(category))
      .sort((a, b) => (params.get('sortOrder') === 'ascending' ? 1 : -1) * (Date.parse(a.published) - Date.parse(b.published)));
    return atom(resultsFeed(canonical, matching.slice(start, start + max).map((e) => e.xml), matching.length, start, max));
  }
}

function routeOf(path: string): RouteName | null {
  if (path === '/api/daily_papers') return 'daily';
  if (path.startsWith('/api/papers/') && path.length > '/api/papers/'.length) return 'paper';
  if (path === '/api/query') return 'query';
  return null;
}

function etagOf(body: string): string {
  return `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
}

/** RFC 9110 §13.1: If-None-Match wins when present; else If-Modified-Since against the fixed Last-Modified. */
function notModified(req: IncomingMessage, etag: string): boolean {
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch !== undefined) return ifNoneMatch.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*');
  const since = req.headers['if-modified-since'];
  return since !== undefined && Date.parse(since) >= Date.parse(LAST_MODIFIED);
}

function send(res: ServerResponse, { status, contentType, body }: NormalResponse, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}
