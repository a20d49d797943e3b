/**
 * Delay before reconnect attempt `attempt` (1 = the first retry), ms: 250 ms doubling to a 5 s cap,
 * with up to 20 % random jitter off the top so that several terminals do not hammer a restarting
 * gateway in step ("full jitter" is not used: the first retry must stay quick, a gateway blip is the
 * common case). The gateway restarts daily (IB default 23:45) and is usually back within a minute.
 * @param random a [0, 1) source; Math.random unless a test fixes it.
 */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`reconnect attempt must be an integer >= 1, got ${attempt}`);
  const base = Math.min(5_000, 250 * 2 ** Math.min(attempt - 1, 5));
  return Math.round(base * (1 - 0.2 * random()));
}
