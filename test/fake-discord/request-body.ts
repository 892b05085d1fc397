/**
 * Reads a REST request body the way Discord accepts it: JSON, or multipart/form-data whose
 * `payload_json` part holds the JSON and whose other parts are files (discord.js switches to
 * multipart as soon as a reply carries `files`).
 */
import type { IncomingMessage } from 'node:http';
import type { RecordedFile } from './types.js';

export interface ParsedBody {
  body: unknown;
  files: RecordedFile[];
}

export class MalformedBodyError extends Error {}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new MalformedBodyError('The request body contains invalid JSON.');
  }
}

export async function readBody(req: IncomingMessage): Promise<ParsedBody> {
  const raw = await readAll(req);
  if (raw.length === 0) return { body: undefined, files: [] };
  const contentType = req.headers['content-type'] ?? '';
  if (contentType.startsWith('multipart/form-data')) return parseMultipart(raw, contentType);
  return { body: parseJson(raw.toString('utf8')), files: [] };
}

/** Undici's Response parses multipart exactly like a browser would, so no hand-written parser is needed. */
async function parseMultipart(raw: Buffer, contentType: string): Promise<ParsedBody> {
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  let body: unknown;
  const files: RecordedFile[] = [];
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') {
      if (field === 'payload_json') body = parseJson(value);
    } else {
      files.push({ field, name: value.name, size: value.size, contentType: value.type });
    }
  }
  return { body, files };
}
