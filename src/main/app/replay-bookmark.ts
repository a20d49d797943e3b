import { z } from 'zod';
import type { MarketSource, SessionNanos, UnixMicros } from '../../shared';
import type { SettingsRepository } from '../ledger';

/** Settings key of the replay bookmark. */
export const REPLAY_BOOKMARK_SETTING = 'replay.bookmark';

const bookmarkSchema = z.object({ sourceKey: z.string(), marketTime: z.number().int().nonnegative() });

/** Identifies a market source: the same LOBSTER file, or the synthetic model with the same seed. */
export function sourceKey(source: MarketSource): string {
  return source.kind === 'LOBSTER' ? `LOBSTER:${source.file}` : `SYNTHETIC:${source.seed}`;
}

/**
 * Where the replay stood when the terminal last ran, so a restart continues the same trading day
 * from the same market time instead of replaying fills the trader already has.
 */
export class ReplayBookmark {
  constructor(private readonly settings: SettingsRepository) {}

  /** The saved market time (ns after midnight) for `source`, or undefined when none or another source. */
  load(source: MarketSource): SessionNanos | undefined {
    const saved = this.settings.get(REPLAY_BOOKMARK_SETTING, bookmarkSchema);
    return saved !== undefined && saved.sourceKey === sourceKey(source) ? saved.marketTime : undefined;
  }

  save(source: MarketSource, marketTime: SessionNanos, now: UnixMicros): void {
    this.settings.set(REPLAY_BOOKMARK_SETTING, { sourceKey: sourceKey(source), marketTime }, now);
  }
}
