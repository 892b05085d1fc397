/**
 * Reads, hashes and parses one big dump in a worker thread: a 20 MB listing
 * takes half a second of CPU to parse, which must not run on the thread that
 * answers users. Skips the parse when the hash shows the content unchanged.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readAndParse, type DumpReadRequest } from './read-dump.js';

if (parentPort === null) throw new Error('dump-parse-worker.ts must run as a worker thread');
parentPort.postMessage(await readAndParse(workerData as DumpReadRequest));
