/**
 * Checks run before a command or component handler. Each returns a result
 * instead of throwing, so the dispatcher can answer a refusal the same way
 * whichever check refused.
 */
import type { CommandContext } from './command.js';
import { WARMING_UP } from './engine-holder.js';
import { rateLimitedText } from './messages.js';

/**
 * How long a command that arrives before the engine is open waits for it.
 * Opening takes about a second (seconds at 100,000 papers); Discord drops an
 * interaction not acknowledged within 3 s, so this leaves time to answer.
 */
export const ENGINE_WAIT_MS = 2_000;

export type PreconditionResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'warming-up' | 'rate-limited'; readonly message: string };

const OK: PreconditionResult = { ok: true };

export async function engineReady(ctx: CommandContext): Promise<PreconditionResult> {
  return (await ctx.engine.whenReady(ENGINE_WAIT_MS)) ? OK : { ok: false, reason: 'warming-up', message: WARMING_UP };
}

/** Consumes one unit of the user's budget when it allows the command. */
export function withinRateLimit(ctx: CommandContext, userId: string): PreconditionResult {
  const decision = ctx.rateLimiter.take(userId);
  return decision.allowed ? OK : { ok: false, reason: 'rate-limited', message: rateLimitedText(decision.retryAt) };
}

/** Readiness first, so a user is not charged for a command the bot could not run. */
export async function checkPreconditions(ctx: CommandContext, userId: string): Promise<PreconditionResult> {
  const ready = await engineReady(ctx);
  return ready.ok ? withinRateLimit(ctx, userId) : ready;
}
