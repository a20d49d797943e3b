import { z } from 'zod';
import type { Clock, Disposable, GatewaySettings, GatewayStatus, TradeId, TradingMode, WhileDisconnectedPolicy } from '../../shared';
import type { Ledger } from '../ledger';
import { openMarketFeed, ReplayFailedError, type MarketFeed } from '../marketdata';
import type { Venue } from '../venues';
import { IbMarketFeed, IbVenue, realIbTimers } from '../venues/ib';
import { createCommissionModel, PaperVenue, type CommissionScheduleName } from '../venues/paper';
import { ReplayBookmark } from './replay-bookmark';

/** Where the terminal trades and the market it shows: one pair, chosen by the gateway settings. */
export interface TradingVenue extends Disposable {
  readonly venue: Venue;
  readonly feed: MarketFeed;
  /** True for a LOBSTER replay or the synthetic market (seekable, bookmarked); false for IB's live market. */
  readonly replayable: boolean;
  /** The IB gateway connection's detail for the header, null on the simulated exchange. */
  gatewayStatus(): GatewayStatus | null;
  /** Starts the feed (and the gateway connection). */
  start(): void;
  /**
   * Closes the gateway session and connects again at once (after a switch of the trading mode, so
   * the new session is checked against it); nothing on the simulated exchange.
   */
  reconnect(): void;
  /** Fires on every change of the gateway connection and every new IB account snapshot (never on the simulated exchange). */
  onDidChangeConnection(listener: () => void): Disposable;
}

/** What the simulated exchange needs. */
export interface SimulatedVenueOptions {
  readonly replay?: string;
  readonly speed?: number;
  readonly commission: CommissionScheduleName;
}

/**
 * The built-in simulated exchange over a LOBSTER replay or the synthetic market: PaperVenue fills
 * against the replayed book (see README "Paper venue").
 * @throws openMarketFeed's errors (bad file, malformed data, bad speed).
 */
export async function openSimulatedVenue(options: SimulatedVenueOptions): Promise<TradingVenue> {
  const feed = await openMarketFeed({ replay: options.replay, speed: options.speed });
  const venue = new PaperVenue({ feeds: [feed], commission: createCommissionModel(options.commission) });
  return {
    venue,
    feed,
    replayable: true,
    gatewayStatus: () => null,
    start: () => feed.start(),
    reconnect: () => undefined,
    onDidChangeConnection: () => ({ dispose: () => undefined }),
    dispose() {
      venue.dispose();
      feed.dispose();
    },
  };
}

/** What trading through Interactive Brokers needs. */
export interface IbTradingOptions {
  readonly settings: GatewaySettings;
  /** The US stock to trade and show (SMART-routed, USD), e.g. "AAPL". */
  readonly symbol: string;
  readonly ledger: Ledger;
  /** Executions the engine booked before (a restart): never reported twice. */
  readonly bookedTradeIds: Iterable<TradeId>;
  /** Wall clock, Unix µs. */
  readonly clock: Clock;
  readonly log: (line: string) => void;
  /** The trading mode now: every gateway session must agree with it (port and accounts). */
  readonly mode: () => TradingMode;
  /** The disconnected policy now (read per order, so a saved change applies at once). */
  readonly whileDisconnected: () => WhileDisconnectedPolicy;
}

/**
 * Interactive Brokers through the gateways of the settings: IbVenue for orders and IbMarketFeed
 * for the book and trades of `symbol`, on the same connection, in `options.mode()` (a gateway whose
 * port or accounts disagree with it is refused by the connection).
 * @throws GatewayHostRefusedError when a gateway host is not loopback or allowed; RangeError for a bad symbol.
 */
export function openIbTrading(options: IbTradingOptions): TradingVenue {
  const { settings } = options;
  if (!/^[A-Z][A-Z0-9.]{0,11}$/.test(options.symbol)) {
    throw new RangeError(`IB symbol must be 1 to 12 capital letters, digits or dots (a US stock such as AAPL or BRK.B), got ${JSON.stringify(options.symbol)}`);
  }
  const venue = new IbVenue(
    {
      primary: settings.primary,
      standby: settings.standby,
      mode: options.mode,
      ports: settings.ports,
      allowedHosts: settings.allowedHosts,
      heartbeat: { intervalMs: settings.heartbeatIntervalMs, timeoutMs: settings.heartbeatTimeoutMs },
      whileDisconnected: options.whileDisconnected,
      orderMap: options.ledger.ibOrders,
      instruments: [options.symbol],
      clock: options.clock,
      timers: realIbTimers,
      log: options.log,
    },
    options.bookedTradeIds,
  );
  const feed = new IbMarketFeed({ connection: venue.connection, contracts: venue.contracts, instrumentId: options.symbol, log: options.log });
  return {
    venue,
    feed,
    replayable: false,
    gatewayStatus: () => venue.gatewayStatus(),
    start() {
      feed.start();
      venue.start();
    },
    reconnect() {
      venue.connection.stop();
      venue.connection.start();
    },
    onDidChangeConnection(listener) {
      const subscriptions = [venue.connection.onDidChangeStatus(() => listener()), venue.accountSummary.onDidChange(() => listener())];
      return { dispose: () => subscriptions.forEach((s) => s.dispose()) };
    },
    dispose() {
      feed.dispose();
      venue.dispose();
    },
  };
}

/** Settings key of the paper venue's commission schedule. */
export const COMMISSION_SETTING = 'paper.commissionSchedule';
const commissionSettingSchema = z.enum(['IBKR_FIXED', 'IBKR_TIERED']);

/** The start options that choose the market (TerminalOptions' subset). */
export interface MarketOptions {
  /** A LOBSTER message file to replay; undefined = the synthetic market. */
  readonly replay?: string;
  /** Replay speed, 0.1..1000 x real time (default 1). */
  readonly speed?: number;
  /** The US stock to trade when the venue is Interactive Brokers, e.g. "AAPL". */
  readonly symbol?: string;
}

/** What opening the configured venue needs besides the settings. */
export interface ConfiguredVenueContext {
  readonly ledger: Ledger;
  /** The wall clock (IB's event times and mapping rows). */
  readonly clock: Clock;
  readonly log: (line: string) => void;
  readonly mode: () => TradingMode;
  readonly whileDisconnected: () => WhileDisconnectedPolicy;
}

/**
 * The venue and market `settings` name, opened but not started; a replay is moved to where its
 * bookmark left it. IB trades `market.symbol` on its live market, so a replay file makes no sense
 * there and is refused, as is a missing symbol.
 * @throws Error naming the conflicting option; the venue's own start-up errors (a host not allowed,
 *   a bad replay file).
 */
export async function openConfiguredVenue(market: MarketOptions, settings: GatewaySettings, context: ConfiguredVenueContext): Promise<TradingVenue> {
  const { ledger } = context;
  if (settings.venue === 'IB') {
    if (market.replay !== undefined) throw new Error('the venue is Interactive Brokers (Settings > Gateway): its market is live, so --replay cannot be used; set the venue to the simulated exchange to replay');
    if (market.symbol === undefined) throw new Error('the venue is Interactive Brokers (Settings > Gateway): name the stock to trade with --symbol, e.g. --symbol AAPL');
    return openIbTrading({ settings, symbol: market.symbol, ledger, bookedTradeIds: ledger.fills.all().map((f) => f.tradeId), clock: context.clock, log: context.log, mode: context.mode, whileDisconnected: context.whileDisconnected });
  }
  const commission = ledger.settings.get(COMMISSION_SETTING, commissionSettingSchema) ?? 'IBKR_FIXED';
  const trading = await openSimulatedVenue({ replay: market.replay, speed: market.speed, commission });
  try {
    const resumeAt = new ReplayBookmark(ledger.settings).load(trading.feed.status().source);
    // A replay that stopped on bad data stops there again: the terminal starts anyway, the feed
    // FAILED at the last good event with the banner up, so the trader can seek back or switch days.
    if (resumeAt !== undefined) {
      await trading.feed.seek(resumeAt).catch((error: unknown) => {
        if (!(error instanceof ReplayFailedError)) throw error;
        context.log(`floor: ${error.message}`);
      });
    }
  } catch (error) {
    trading.dispose();
    throw error;
  }
  return trading;
}
