/** Temporary directories for digest tests: each test starts from nothing, so they are removed after each one. */
import { afterEach } from 'vitest';
import { removeTemps } from '../support/temp-dir.js';

export { tempDir } from '../support/temp-dir.js';

afterEach(removeTemps);
