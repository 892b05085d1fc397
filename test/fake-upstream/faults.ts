/**
 * Failures the fake serves on demand, per route: what real upstreams do on
 * a bad day. Each is armed for a number of requests, then the route behaves
 * normally again.
 */
import type { ServerResponse } from 'node:http';

export type RouteName = 'daily' | 'paper' | 'query';

export type Fault =
  /** Serves the route normally: arm it first to let earlier requests through before a fault. */
  | { readonly kind: 'pass' }
  /** Any status, optionally with headers (`Retry-After`) and a body. */
  | { readonly kind: 'status'; readonly status: number; readonly headers?: Readonly<Record<string, string>>; readonly body?: string }
  /** Accepts the request and never answers (the socket stays open until the fake closes). */
  | { readonly kind: 'hang' }
  /** Sends the headers and the first half of the real body, then stops answering. */
  | { readonly kind: 'stall' }
  /** The route's real body cut in half, with a Content-Length that matches the cut: a complete but broken response. */
  | { readonly kind: 'truncate' }
  /** A 200 HTML page where data was asked for (a login wall, a maintenance page). */
  | { readonly kind: 'html' }
  /** A body of `bytes` bytes (JSON unless `contentType` says otherwise), streamed; with `declareLength` a Content-Length announces it up front. */
  | { readonly kind: 'huge'; readonly bytes: number; readonly declareLength?: boolean; readonly contentType?: string }
  /** Exactly this body and content type (wrong top-level types, a 200 KB title, a plain-text "Rate exceeded."). */
  | { readonly kind: 'body'; readonly body: string; readonly contentType: string; readonly status?: number }
  /** Drops the connection without an answer. */
  | { readonly kind: 'reset' };

/** What the route would have answered without a fault. */
export interface NormalResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

const MAINTENANCE_PAGE = '<!DOCTYPE html>\n<html><head><title>We will be right back</title></head><body><h1>Maintenance</h1></body></html>\n';

function send(res: ServerResponse, status: number, contentType: string, body: string, headers: Readonly<Record<string, string>> = {}): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

function firstHalf(body: string): Buffer {
  const bytes = Buffer.from(body);
  return bytes.subarray(0, Math.floor(bytes.length / 2));
}

/** Streams `bytes` of filler, respecting backpressure and stopping if the client goes away. */
function streamHuge(res: ServerResponse, bytes: number, declareLength: boolean, contentType: string): void {
  res.writeHead(200, { 'content-type': contentType, ...(declareLength ? { 'content-length': bytes } : {}) });
  const chunk = Buffer.alloc(64 * 1024, '{"paper":{"id":"2407.00000","title":"filler"}},');
  let sent = 0;
  const pump = (): void => {
    while (sent < bytes && !res.destroyed) {
      const piece = chunk.subarray(0, Math.min(chunk.length, bytes - sent));
      sent += piece.length;
      if (!res.write(piece)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) res.end();
  };
  pump();
}

/** Answers `res` with `fault` instead of `normal`. */
export function serveFault(res: ServerResponse, fault: Fault, normal: NormalResponse): void {
  switch (fault.kind) {
    case 'status':
      return send(res, fault.status, 'application/json', fault.body ?? JSON.stringify({ error: `fake ${fault.status}` }), fault.headers);
    case 'pass':
    case 'hang':
      return;
    case 'stall':
      res.writeHead(normal.status, { 'content-type': normal.contentType, 'content-length': Buffer.byteLength(normal.body) });
      res.write(firstHalf(normal.body));
      return;
    case 'truncate': {
      const half = firstHalf(normal.body);
      res.writeHead(normal.status, { 'content-type': normal.contentType, 'content-length': half.length });
      res.end(half);
      return;
    }
    case 'html':
      return send(res, 200, 'text/html; charset=utf-8', MAINTENANCE_PAGE);
    case 'huge':
      return streamHuge(res, fault.bytes, fault.declareLength ?? false, fault.contentType ?? 'application/json');
    case 'body':
      return send(res, fault.status ?? 200, fault.contentType, fault.body);
    case 'reset':
      res.socket?.destroy();
      return;
  }
}
