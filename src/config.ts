/**
 * The one place that reads the environment. Every setting is parsed and
 * validated here with zod at startup; a bad value fails with one line that
 * names the variable and says how to fix it.
 */
import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';

const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const snowflake = z.string().regex(/^\d{15,22}$/, 'must be a Discord id (15–22 digits)');

/** Settings the engine needs: the CLI, the benchmark and the bot all use these. */
const engineSchema = z.object({
  DATA_DIR: z.string().min(1).default('./data'),
  SEEDS_DIR: z.string().min(1).default('./seeds'),
  /** A model id: looked up under MODELS_DIR first, else fetched from the Hugging Face hub. */
  EMBEDDING_MODEL: z.string().min(1).default('BAAI/bge-small-en-v1.5'),
  MODELS_DIR: z.string().min(1).default('./models'),
  /** Unset means each program's own default: `info` for the bot, `warn` for the CLI (its stdout is the output). */
  LOG_LEVEL: logLevel.optional(),
});

/** Settings only the Discord bot needs. */
const botSchema = engineSchema.extend({
  DISCORD_TOKEN: z.string().min(50, 'must be the bot token from the Developer Portal (Bot → Reset Token)'),
  DISCORD_CLIENT_ID: snowflake,
  DISCORD_GUILD_ID: snowflake.optional(),
  DISCORD_API_BASE: z.url('must be a URL such as https://discord.com/api').optional(),
  RATE_LIMIT_COMMANDS: positiveInt(5),
  RATE_LIMIT_WINDOW_SECONDS: positiveInt(30),
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
