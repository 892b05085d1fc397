/**
 * Every command the bot has, in one static, typed list: the dispatcher routes
 * to these and deploy-commands registers exactly these.
 */
import { digest } from '../commands/digest.js';
import { papers } from '../commands/papers.js';
import type { Command } from './command.js';

export const commands: readonly Command[] = [papers, digest];
