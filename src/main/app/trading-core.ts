import { wallClock, type Clock, type Disposable, type GatewaySettings, type ReplayFailure, type TradingMode } from '../../shared';
import { publishEngineEvents, publishFeedEvents, type TerminalBus } from '../bus';
import { StagedExpiryTimer, type ExecutionEngine, type LiveAccountValues, type OrderAuthority, type RiskProfileStore } from '../execution';
import { BreakerController, HaltController } from '../execution/breaker';
import type { Host } from '../host';
import type { Ledger } from '../ledger';
import { BadTickGuard } from '../marketdata';
import type { DailyBarsStore } from '../marketdata/bars';
import type { Interlock } from '../security/interlock';
import { MarketPublisher, TRADE_HISTORY_CAPACITY } from './market-publisher';
import { createOrderCore } from './order-core';
import { ReplayBookmark } from './replay-bookmark';
import { TradeHistory } from './trade-history';
import type { TradingVenue } from './trading-venue';

/** How often (market-status events, at most) the replay bookmark is written. */
const BOOKMARK_INTERVAL_MS = 1_000;

/**
 * Everything that depends on the venue the gateway settings name: the venue and its market, the
 * order core restored from the ledger, the circuit breaker, the market's pushes. A saved change of
 * the venue or the gateway replaces the whole core (TradingCores), as a restart would, without
 * stopping the process: the ledger, the host, the interlock and the bus stay.
 */
export interface TradingCore extends Disposable {
  readonly trading: TradingVenue;
  readonly engine: ExecutionEngine;
  readonly breaker: BreakerController;
  /** Recent market trades (chart), of this core's market. */
  readonly trades: TradeHistory;
  /** The prints kept out of the breaker, tape, chart and marks (BadTickGuard), of this core's market. */
  readonly guard: BadTickGuard;
  /** Floor's clock here: the market clock on a replay, Unix µs. */
  readonly clock: Clock;
  /** The gateway settings the core was built from. */
  readonly settings: GatewaySettings;
  /**
   * Starts the feed and the venue's connection. `replacing`: this core takes over from another
   * (saved settings): while HALTED its venue is asked to cancel everything again, since a global
   * cancel the old connection could not send yet (IB waits for a reconciliation) went with it.
   */
  start(replacing?: boolean): void;
}

/** What a core is built from, besides its (opened) venue. */
export interface TradingCoreOptions {
  readonly ledger: Ledger;
  readonly profile: RiskProfileStore;
  readonly bars: DailyBarsStore;
  readonly bus: TerminalBus;
  readonly host: Host;
  readonly authority: OrderAuthority;
  /** The trading mode now. */
  readonly mode: () => TradingMode;
  /** The live account Floor trades while LIVE, else null (IB's values count only for it). */
  readonly liveAccountId: () => string | null;
  readonly interlock: () => Interlock;
  /** The bad-tick band around the quote, basis points (default: BadTickGuard's). */
  readonly badTickBandBps?: number;
  /** Pushes the terminal status (header). */
  readonly publishStatus: () => void;
  readonly log: (line: string) => void;
}

/**
 * Builds the core on `trading` (opened, a replay already at its bookmark; not started): the order
 * core restored from the ledger (working orders handed to the venue, which re-enters or reconciles
 * them), the staged-order expiry, the bus bridges, the circuit breaker, the market publisher and the
 * pushes to the renderer.
 * @throws LedgerRowError when a stored row is malformed (what was built is released first).
 */
export function createTradingCore(trading: TradingVenue, settings: GatewaySettings, options: TradingCoreOptions): TradingCore {
  const { ledger, bus, host, log } = options;
  const { feed, venue } = trading;
  const disposables: Disposable[] = [];
  const dispose = (): void => {
    for (const d of disposables.splice(0).reverse()) {
      try {
        d.dispose();
      } catch (error) {
        log(`floor: error while closing the trading core: ${String(error)}`);
      }
    }
  };
  try {
    // On a replayed or simulated day the market's clock is the terminal's clock (as in a
    // NautilusTrader backtest): orders, fills, alerts and the chart then share one time line.
    const clock = { now: () => feed.toUnixMicros(feed.status().marketTime) };
    const engine = createOrderCore({
      ledger,
      venue,
      clock,
      profile: options.profile,
      bars: options.bars,
      authority: options.authority,
      instruments: (id) => (id === feed.instrument.instrumentId ? feed.instrument : undefined),
      marks: (id) => (id === feed.instrument.instrumentId ? feed.book.mid() : null),
      logger: { warn: (m) => log(`floor: ${m}`), error: (m, e) => log(`floor: ${m}${e === undefined ? '' : `: ${String(e)}`}`) },
      mode: options.mode,
      liveAccount: () => liveAccountValues(trading, options.liveAccountId()),
    });
    disposables.push(engine);
    engine.restoreAtVenue();
    // Staged orders expire on the market clock; the sweep makes that visible without an approval call.
    disposables.push(new StagedExpiryTimer(engine, (error) => log(`floor: staged order expiry failed: ${String(error)}`)));
    // The bad-tick guard stands between the feed's prints and everything that reacts to prices:
    // the breaker (market.trade on the bus), the tape and the chart (MarketPublisher).
    const guard = new BadTickGuard(feed, options.badTickBandBps);
    disposables.push(guard);
    disposables.push(publishEngineEvents(engine, bus), publishFeedEvents(feed, bus, guard));
    const breaker = new BreakerController({
      bus,
      // One ledger transaction per halt: N cancels cost one commit, not 2N (see HaltController).
      halt: new HaltController({ engine, venue, batch: (work) => ledger.transaction(work) }),
      engine,
      profile: options.profile,
      clock,
    });
    disposables.push(breaker);
    const trades = new TradeHistory(TRADE_HISTORY_CAPACITY);
    disposables.push(new MarketPublisher(feed, host, trades, guard));
    disposables.push(...corePushes(trading, engine, options));
    return {
      trading,
      engine,
      breaker,
      trades,
      guard,
      clock,
      settings,
      start(replacing = false) {
        trading.start();
        if (replacing && engine.risk.tradingState() === 'HALTED') venue.cancelAll();
      },
      dispose() {
        dispose();
        trading.dispose();
      },
    };
  } catch (error) {
    dispose();
    throw error;
  }
}

/** IB's values of `accountId` (net liquidation and cash both reported), else null. */
function liveAccountValues(trading: TradingVenue, accountId: string | null): LiveAccountValues | null {
  const account = trading.gatewayStatus()?.account ?? null;
  if (accountId === null || account === null || account.accountId !== accountId || account.netLiquidation === null || account.cash === null) return null;
  return { accountId, netLiquidation: account.netLiquidation, cash: account.cash };
}

/**
 * The core's pushes to the renderer: the current mode's orders, fills, positions and account, the
 * status on every trading-state, gateway and feed change (with the replay bookmark), marks into both
 * books, and what a HALT does to the interlock.
 */
function corePushes(trading: TradingVenue, engine: ExecutionEngine, options: TradingCoreOptions): Disposable[] {
  const { bus, host, ledger } = options;
  const { feed } = trading;
  const bookmark = trading.replayable ? new ReplayBookmark(ledger.settings) : undefined;
  let lastBookmark = 0;
  let loggedFailure: ReplayFailure | null = null;
  return [
    // The header's count of excluded prints.
    bus.subscribe('market.badTick', options.publishStatus),
    // The screen shows the mode in force only: the other mode's orders and fills are not pushed.
    bus.subscribe('order.changed', (order) => {
      if (order.mode === options.mode()) host.publish('orders', [order]);
    }),
    bus.subscribe('order.filled', (fill) => {
      if (engine.orders.get(fill.clientOrderId)?.mode === options.mode()) host.publish('fills', [fill]);
    }),
    // Either book may announce: the screen shows the book of the mode in force, never a sum.
    bus.subscribe('portfolio.position', () => host.publish('positions', engine.portfolio.positions())),
    bus.subscribe('portfolio.account', () => host.publish('account', engine.portfolio.account())),
    bus.subscribe('risk.tradingState', options.publishStatus),
    // Every gateway phase, farm warning and held order reaches the header at once.
    trading.onDidChangeConnection(options.publishStatus),
    // After a HALT, resuming needs an interlock session younger than the halt, and automation is disarmed.
    bus.subscribe('risk.tradingState', (state) => {
      if (state !== 'HALTED') return;
      options.interlock().recordHalt();
      options.interlock().disarmAutomation('trading was halted (kill switch, circuit breaker or loss limit)');
    }),
    bus.subscribe('market.mid', (market) => {
      const mid = market.book.mid();
      if (mid !== null) engine.setMark(market.instrument.instrumentId, mid);
    }),
    feed.onDidChangeStatus((status) => {
      options.publishStatus();
      if (status.failure !== null && status.failure !== loggedFailure) {
        const where = status.failure.file === null ? '' : `${status.failure.file}:${status.failure.line}: `;
        options.log(`floor: the replay stopped at the event before bad data: ${where}${status.failure.reason}`);
      }
      loggedFailure = status.failure;
      const now = Date.now();
      if (bookmark !== undefined && (now - lastBookmark >= BOOKMARK_INTERVAL_MS || status.finished || status.paused)) {
        lastBookmark = now;
        bookmark.save(status.source, status.marketTime, wallClock.now());
      }
    }),
    {
      dispose: () => {
        const status = feed.status();
        bookmark?.save(status.source, status.marketTime, wallClock.now());
      },
    },
  ];
}
