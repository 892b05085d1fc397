/**
 * The one place that reads the environment. Every setting is parsed and
 * validated here with zod at startup; a bad value fails with one line that
 * names the variable and says how to fix it.
 */
import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';
import { ensembleModelIds } from './embedding/ensemble-embedder.js';

const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const snowflake = z.string().regex(/^\d{15,22}$/, 'must be a Discord id (15–22 digits)');

const baseUrl = (fallback: string) =>
  z
    .url('must be a URL such as https://huggingface.co')
    .refine((url) => /^https?:\/\//.test(url), 'must be an http(s) URL')
    .transform((url) => url.replace(/\/+$/, ''))
    .default(fallback);

const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], 'must be true or false')
    .transform((value) => ['true', '1', 'yes', 'on'].includes(value))
    .default(fallback);

/** `cs.LG,cs.CL` → ['cs.LG', 'cs.CL']; each must look like an arXiv category. */
const categories = z
  .string()
  .default('')
  .transform((text) => text.split(',').map((part) => part.trim()).filter((part) => part !== ''))
  .pipe(z.array(z.string().regex(/^[a-z-]+(\.[A-Za-z-]+)?$/, 'must be arXiv categories separated by commas, such as cs.LG,cs.CL')).max(20));

/** Settings the engine needs: the CLI, the benchmark and the bot all use these. */
const engineSchema = z.object({
  DATA_DIR: z.string().min(1).default('./data'),
  SEEDS_DIR: z.string().min(1).default('./seeds'),
  /**
   * A model id, or several joined by `+` for an ensemble (ensemble-embedder.ts): each looked up under MODELS_DIR
   * first, else fetched from the Hugging Face hub. `BAAI/bge-small-en-v1.5+sentence-transformers/all-MiniLM-L6-v2`
   * (both bundled) ranks better and costs more (README, "Quality" and "Performance").
   */
  EMBEDDING_MODEL: z
    .string()
    .min(1)
    .default('BAAI/bge-small-en-v1.5')
    .refine((value) => ensembleModelIds(value).every((id) => id !== ''), 'every model id joined by "+" must be non-empty'),
  MODELS_DIR: z.string().min(1).default('./models'),
  /** Unset means each program's own default: `info` for the bot, `warn` for the CLI (its stdout is the output). */
  LOG_LEVEL: logLevel.optional(),
  /** Hugging Face's API (Daily Papers, single papers); a proxy or a test server may stand in. */
  HF_API_BASE: baseUrl('https://huggingface.co'),
  /** arXiv's API (single papers, category feeds). */
  ARXIV_API_BASE: baseUrl('https://export.arxiv.org'),
  /** arXiv categories to follow besides Daily Papers; none by default. */
  FEED_ARXIV_CATEGORIES: categories,
  /** How many past days of Daily Papers a start catches up on at most. */
  FEED_BACKFILL_DAYS: z.coerce.number().int().min(1).max(30).default(3),
});

/** Settings only the Discord bot needs. */
const botSchema = engineSchema.extend({
  DISCORD_TOKEN: z.string().min(50, 'must be the bot token from the Developer Portal (Bot → Reset Token)'),
  DISCORD_CLIENT_ID: snowflake,
  DISCORD_GUILD_ID: snowflake.optional(),
  DISCORD_API_BASE: z.url('must be a URL such as https://discord.com/api').optional(),
  RATE_LIMIT_COMMANDS: positiveInt(5),
  RATE_LIMIT_WINDOW_SECONDS: positiveInt(30),
  /** Fetch Daily Papers (and any arXiv categories) at start and then on a schedule. */
  FEED_ENABLED: flag(true),
  /** Today's listing grows during the day and upvotes change: fetched again this often. */
  FEED_INTERVAL_MINUTES: z.coerce.number().int().min(5).max(1440).default(60),
  /** Topic watches send a user at most this many DMs a day. */
  WATCH_MAX_DMS_PER_DAY: z.coerce.number().int().min(1).max(50).default(3),
  /** A role id: only members with it may /papers add (unset: every member may). */
  ADD_PAPERS_ROLE: snowflake.optional(),
});

export type EngineConfig = z.infer<typeof engineSchema>;
export type BotConfig = z.infer<typeof botSchema>;

/** Thrown when the environment is invalid; `message` is ready to show to the operator. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

function parse<T extends z.ZodType>(schema: T, env: Env): z.infer<T> {
  // An empty value in .env means "not set", not "set to the empty string".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = issue.path.join('.');
    const missing = issue.code === 'invalid_type' && cleaned[name] === undefined;
    return missing ? `${name} is not set: add it to .env (see .env.example)` : `${name} ${issue.message}`;
  });
  throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
}

/** Reads `.env` (when present) into the environment once; later calls are no-ops. */
let dotenvLoaded = false;
function processEnv(): Env {
  if (!dotenvLoaded) {
    loadDotenv({ quiet: true });
    dotenvLoaded = true;
  }
  return process.env;
}

export function loadEngineConfig(env: Env = processEnv()): EngineConfig {
  return parse(engineSchema, env);
}

export function loadBotConfig(env: Env = processEnv()): BotConfig {
  return parse(botSchema, env);
}
