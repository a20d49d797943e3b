import { z } from 'zod';
import type { MarketSource, SessionNanos, UnixMicros } from '../../shared';
import type { SettingsRepository } from '../ledger';

/** Settings key of the replay bookmark. */
export const REPLAY_BOOKMARK_SETTING = 'replay.bookmark';

const bookmarkSchema = z.object({ sourceKey: z.string(), marketTime: z.number().int().nonnegative() });

/** Identifies a market source: the same LOBSTER file, the synthetic model with the same seed, or IB. */
export function sourceKey(source: MarketSource): string {
  if (source.kind === 'LOBSTER') return `LOBSTER:${source.file}`;
  if (source.kind === 'SYNTHETIC') return `SYNTHETIC:${source.seed}`;
  return 'IB';
}

/**
 * Where the replay stood when the terminal last ran, so a restart continues the same trading day
 * from the same market time instead of replaying fills the trader already has.
 */
export class ReplayBookmark {
  constructor(private readonly settings: SettingsRepository) {}

  /** The saved market time (ns after midnight) for `source`, or undefined when none, another source, or a live one (IB cannot seek). */
  load(source: MarketSource): SessionNanos | undefined {
    if (source.kind === 'IB') return undefined;
    const saved = this.settings.get(REPLAY_BOOKMARK_SETTING, bookmarkSchema);
    return saved !== undefined && saved.sourceKey === sourceKey(source) ? saved.marketTime : undefined;
  }

  /** Saves where a replay stands; a live source (IB) has nothing to return to and is not saved. */
  save(source: MarketSource, marketTime: SessionNanos, now: UnixMicros): void {
    if (source.kind === 'IB') return;
    this.settings.set(REPLAY_BOOKMARK_SETTING, { sourceKey: sourceKey(source), marketTime }, now);
  }
}
