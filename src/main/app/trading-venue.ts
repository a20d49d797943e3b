import type { Clock, Disposable, GatewaySettings, GatewayStatus, TradeId } from '../../shared';
import type { Ledger } from '../ledger';
import { openMarketFeed, type MarketFeed } from '../marketdata';
import type { Venue } from '../venues';
import { IbMarketFeed, IbVenue, realIbTimers } from '../venues/ib';
import { createCommissionModel, PaperVenue, type CommissionScheduleName } from '../venues/paper';

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
}

/**
 * Interactive Brokers through the gateways of the settings: IbVenue for orders and IbMarketFeed
 * for the book and trades of `symbol`, on the same connection. Floor trades in paper mode (the mode
 * is not a setting; a live account or port is refused by the connection).
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
      mode: () => 'PAPER',
      ports: settings.ports,
      allowedHosts: settings.allowedHosts,
      heartbeat: { intervalMs: settings.heartbeatIntervalMs, timeoutMs: settings.heartbeatTimeoutMs },
      whileDisconnected: () => settings.whileDisconnected,
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
