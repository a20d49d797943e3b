import type { ClockedFeed } from './clocked-feed';
import type { FeedClock } from './feed-clock';
import { LobsterReplayFeed } from './lobster/replay-feed';
import { SyntheticFeed } from './synthetic/synthetic-feed';

/** What the composition root knows from the command line or settings (`floor serve --replay FILE --speed X`). */
export interface MarketFeedConfig {
  /** A LOBSTER message file to replay; omit for the synthetic market. */
  readonly replay?: string;
  /** Its orderbook file, when it does not sit next to the message file under LOBSTER's name. */
  readonly orderbookFile?: string;
  /** Multiple of real time, 0.1..1000 (default 1). */
  readonly speed?: number;
  /** Seed of the synthetic market (default 1); ignored for a replay. */
  readonly seed?: number;
  /** Wall clock and timers (default: the system clock). */
  readonly clock?: FeedClock;
}

/**
 * Opens the market the terminal shows: a LOBSTER replay when `replay` names a message file,
 * otherwise the Cont-Stoikov-Talreja synthetic market (instrument SIM). The feed is not started.
 * @throws the errors of LobsterReplayFeed.open (bad name, missing orderbook file, malformed data)
 *   or RangeError for a bad speed or seed.
 */
export async function openMarketFeed(config: MarketFeedConfig = {}): Promise<ClockedFeed> {
  if (config.replay !== undefined) {
    return LobsterReplayFeed.open({
      messageFile: config.replay,
      orderbookFile: config.orderbookFile,
      speed: config.speed,
      clock: config.clock,
    });
  }
  return new SyntheticFeed({ seed: config.seed, speed: config.speed, clock: config.clock });
}
