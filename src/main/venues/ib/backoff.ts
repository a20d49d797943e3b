/**
 * Delay before reconnect attempt `attempt` (1 = the first retry), ms: the first retry at once (most
 * losses are a dropped socket to a gateway that is still there), then 250 ms doubling to a 2 s cap,
 * with up to 20 % random jitter off the top so several terminals do not hit a restarting gateway in
 * step. The cap bounds how long Floor stays away after the gateway is back (IB Gateway restarts
 * daily, 23:45 local by default, and is back within a minute): at most 2 s plus the handshake,
 * while an attempt on loopback costs next to nothing.
 * @param random a [0, 1) source; Math.random unless a test fixes it.
 * @throws RangeError when `attempt` is not an integer >= 1.
 */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`reconnect attempt must be an integer >= 1, got ${attempt}`);
  if (attempt === 1) return 0;
  const base = Math.min(2_000, 250 * 2 ** Math.min(attempt - 2, 4));
  return Math.round(base * (1 - 0.2 * random()));
}
