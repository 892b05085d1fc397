/**
 * A response body → text, read as a stream and abandoned the moment it
 * passes the size cap, so a 20 MB answer costs at most the cap in memory.
 */
import { TextDecoder } from 'node:util';
import { FeedError } from './feed-error.js';

/** Real answers are tens of KB (a Daily Papers day, a page of arXiv entries); 10 MB means something is wrong. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The charset named in a content type, when the platform can decode it; UTF-8 otherwise (JSON and arXiv's Atom are UTF-8). */
function decoderFor(contentType: string | null): TextDecoder {
  const charset = /;\s*charset="?([^";\s]+)"?/i.exec(contentType ?? '')?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8', { fatal: true });
  } catch {
    return new TextDecoder('utf-8', { fatal: true });
  }
}

/**
 * Reads `response`'s body as text, refusing (TOO_LARGE) a declared or actual
 * size over `maxBytes` and undecodable bytes (BAD_BODY). Returns the error
 * rather than throwing for those; stream failures (a reset, an abort) throw
 * to the caller, which knows whether it was a timeout.
 */
export async function readBody(response: Response, url: string, maxBytes: number): Promise<string | FeedError> {
  const tooLarge = (size: string): FeedError =>
    new FeedError('TOO_LARGE', `response from ${url} is ${size}; the limit is ${megabytes(maxBytes)}`, { url, status: response.status });
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    return tooLarge(megabytes(declared));
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (response.body !== null) {
    const reader = response.body.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      total += chunk.value.byteLength;
      if (total > maxBytes) {
        await reader.cancel();
        return tooLarge(`over ${megabytes(maxBytes)}`);
      }
      chunks.push(chunk.value);
    }
  }
  try {
    return decoderFor(response.headers.get('content-type')).decode(Buffer.concat(chunks));
  } catch (error) {
    return new FeedError('BAD_BODY', `response from ${url} is not valid text in its declared encoding`, { url, status: response.status, cause: error });
  }
}
