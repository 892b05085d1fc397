/** Where the real listing dumps and the corpus fixtures live, for every corpus test. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SEEDS_DIR = fileURLToPath(new URL('../../seeds/', import.meta.url));
export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/corpus/', import.meta.url));

/** The five real dumps, by name. */
export const SEED = {
  s000: '000_7a2a0e69a2dec8bb.txt',
  s001: '001_984c650dcc8c42a1.txt',
  s002: '002_c65d2d98e23c96f3.txt',
  s003: '003_35c49c934c08d424.txt',
  s004: '004_788545b6d144696c.txt',
} as const;

export function readSeed(name: string): string {
  return readFileSync(SEEDS_DIR + name, 'utf8');
}

export function readFixture(name: string): string {
  return readFileSync(FIXTURES_DIR + name, 'utf8');
}
