/**
 * The REST half of the fake: parses each request under /api/v10, applies injected failures, routes it,
 * records it (with the status it got) and answers the way Discord does — notably 204 with no body and
 * no content type for empty answers, since discord.js would try to parse a JSON content type.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HeldResponse, RecordedFile, RecordedRequest } from './types.js';
import type { FakeState } from './state.js';
import { MalformedBodyError, readBody } from './request-body.js';

const API_PREFIX = '/api/v10';
/** Small enough to keep tests fast, large enough that discord.js visibly waits. */
const DEFAULT_RETRY_AFTER_SECONDS = 0.05;

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  files: RecordedFile[];
}

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Route {
  method: Method;
  /** Literal segments and `:name` placeholders, e.g. `/channels/:channelId/messages`. */
  pattern: string;
  handle(ctx: RouteContext): RouteResult;
}

interface Injection {
  pred: (method: string, path: string) => boolean;
  status: number;
  remaining: number;
  body?: unknown;
}

function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (const [i, segment] of want.entries()) {
    const actual = got[i] ?? '';
    if (segment.startsWith(':')) {
      if (actual === '') return null;
      params[segment.slice(1)] = actual;
    } else if (segment !== actual) {
      return null;
    }
  }
  return params;
}

function decodePath(path: string): string {
  return path.split('/').map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment; // a malformed escape: keep it as sent, the route simply won't match
    }
  }).join('/');
}

function injectedResult(injection: Injection): RouteResult {
  if (injection.status === 429) {
    const body = (injection.body ?? { message: 'You are being rate limited.', retry_after: DEFAULT_RETRY_AFTER_SECONDS, global: false }) as { retry_after?: unknown };
    const retryAfter = typeof body.retry_after === 'number' ? body.retry_after : DEFAULT_RETRY_AFTER_SECONDS;
    return { status: 429, body, headers: { 'Retry-After': String(retryAfter), 'X-RateLimit-Scope': 'user' } };
  }
  return { status: injection.status, body: injection.body ?? { message: `${injection.status}: Injected by FakeDiscord`, code: 0 } };
}

interface Hold {
  pred: (method: string, path: string) => boolean;
  taken: boolean;
  arrived: (request: RecordedRequest) => void;
  released: Promise<void>;
  release: () => void;
}

export class RestServer {
  private readonly injections: Injection[] = [];
  private readonly holds: Hold[] = [];

  constructor(private readonly state: FakeState, private readonly routes: readonly Route[]) {}

  failNext(pred: Injection['pred'], status: number, times: number, body?: unknown): void {
    this.injections.push({ pred, status, remaining: times, body });
  }

  holdNext(pred: Hold['pred']): HeldResponse {
    let arrived: (request: RecordedRequest) => void = () => undefined;
    let release: () => void = () => undefined;
    const request = new Promise<RecordedRequest>((resolve) => (arrived = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    this.holds.push({ pred, taken: false, arrived, released, release });
    return { request, release };
  }

  /** Lets every held answer go (on close, so no handler waits forever). */
  releaseAll(): void {
    for (const hold of this.holds) hold.release();
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = (req.method ?? 'GET').toUpperCase();
    // Decoded, so tests match `/messages/@original` although discord.js sends `%40original`.
    const path = decodePath(url.pathname.startsWith(`${API_PREFIX}/`) ? url.pathname.slice(API_PREFIX.length) : url.pathname);
    let body: unknown;
    let files: RecordedFile[] = [];
    let result: RouteResult;
    try {
      ({ body, files } = await readBody(req));
      result = this.route(method, path, { params: {}, query: url.searchParams, body, files });
    } catch (error) {
      result = error instanceof MalformedBodyError
        ? { status: 400, body: { code: 50109, message: error.message } }
        : { status: 500, body: { code: 0, message: `FakeDiscord bug: ${String(error)}` } };
    }
    const recorded: RecordedRequest = { method, path, query: url.searchParams, body, at: Date.now(), status: result.status, files };
    this.state.requests.push(recorded);
    const hold = this.holds.find((h) => !h.taken && h.pred(method, path));
    if (hold) {
      hold.taken = true;
      hold.arrived(recorded);
      await hold.released;
      // The client may have timed out and closed the connection meanwhile: there is no one to answer.
      if (res.destroyed || req.socket.destroyed) return;
    }
    if (result.status === 204 || result.body === undefined) {
      res.writeHead(result.status, result.headers).end();
    } else {
      res.writeHead(result.status, { ...result.headers, 'Content-Type': 'application/json' }).end(JSON.stringify(result.body));
    }
  }

  private route(method: string, path: string, ctx: RouteContext): RouteResult {
    const injection = this.injections.find((i) => i.remaining > 0 && i.pred(method, path));
    if (injection) {
      injection.remaining -= 1;
      return injectedResult(injection);
    }
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const params = match(route.pattern, path);
      if (params) return route.handle({ ...ctx, params });
    }
    return { status: 404, body: { message: '404: Not Found', code: 0 } };
  }
}
