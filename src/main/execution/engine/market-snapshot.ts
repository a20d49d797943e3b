import type { InstrumentId, TradingMode, UnixMicros } from '../../../shared';
import { withLiveAccount, type LiveAccountValues, type MarketSnapshot } from '../order-plan';
import type { Portfolio } from '../portfolio/portfolio';
import type { RiskProfileSource } from '../risk-profile-store';
import type { InstrumentLookup, MarkSource } from './execution-engine-options';
import type { OrderStore } from './order-store';

/** Where a snapshot's parts come from. */
export interface SnapshotSources {
  readonly profile: RiskProfileSource;
  readonly instruments: InstrumentLookup;
  readonly marks: MarkSource;
  readonly orders: OrderStore;
  /** The books by mode: a snapshot reads only its mode's. */
  readonly books: Readonly<Record<TradingMode, Portfolio>>;
  /** The live account's values (IB), null while unknown. */
  readonly liveAccount?: () => LiveAccountValues | null;
}

/**
 * Everything sizing and the checks look at for an order of `mode` in `instrumentId` at `now` (Unix
 * µs): the risk profile, the instrument, the mark (book mid, else the book's last mark), and that
 * mode's book only (position, positions, working orders, account, daily P&L). In live the account's
 * equity and cash are IB's (LiveAccountValues); while IB has not reported them the snapshot carries
 * an accountRefusal and the order is denied.
 */
export function marketSnapshot(sources: SnapshotSources, instrumentId: InstrumentId, now: UnixMicros, mode: TradingMode): MarketSnapshot {
  const book = sources.books[mode];
  const market = {
    now,
    profile: sources.profile.get(),
    instrument: sources.instruments(instrumentId),
    mid: sources.marks(instrumentId) ?? book.markOf(instrumentId),
    position: book.positionView(instrumentId),
    positions: book.positions(),
    working: sources.orders.workingIn(mode),
    account: book.account(),
    dailyPnl: book.dailyPnl(now),
  };
  return mode === 'PAPER' ? market : withLiveAccount(market, sources.liveAccount?.() ?? null);
}
