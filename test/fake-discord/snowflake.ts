/**
 * Snowflake ids for the fake. discord.js derives `createdTimestamp` from every id, so ids must be
 * real snowflakes (timestamp since the Discord epoch in the top bits), not arbitrary strings.
 */

/** 2015-01-01T00:00:00Z, the Discord epoch. */
const DISCORD_EPOCH = 1_420_070_400_000n;
/** The low 22 bits hold worker, process and increment; 12 bits of increment per millisecond. */
const TIMESTAMP_SHIFT = 22n;
const INCREMENT_MASK = 0xfffn;

let increment = 0n;

/** A fresh, unique snowflake for "now". */
export function nextSnowflake(): string {
  increment = (increment + 1n) & INCREMENT_MASK;
  return (((BigInt(Date.now()) - DISCORD_EPOCH) << TIMESTAMP_SHIFT) | increment).toString();
}

/** A fixed snowflake for a default id (stable across runs, so log lines are comparable). */
export function fixedSnowflake(date: string, increment: number): string {
  return (((BigInt(Date.parse(date)) - DISCORD_EPOCH) << TIMESTAMP_SHIFT) | BigInt(increment)).toString();
}
