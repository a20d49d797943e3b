import { EventName, type Contract } from '@stoqey/ib';
import { wallClock, messageOf, Emitter, US_EQUITY_TICK, type Clock } from '../../../shared';
import type { Disposable, Event, IbDepthState, Instrument, InstrumentId, OrderSide, PriceMicros, ReplayStatus, SessionNanos, TradeTick, UnixMicros } from '../../../shared';
import { OrderBook, REGULAR_SESSION_END, REGULAR_SESSION_START } from '../../marketdata';
import type { MarketEvent, MarketFeed } from '../../marketdata';
import { ContractCache } from './contract-cache';
import { DepthRows, levelChangeEvent } from './depth-rows';
import type { IbConnection, IbConnectionStatus } from './ib-connection';
import { endpointName, type IbSession, type SessionCode } from './ib-session';
import { LiveSessionClock } from './live-session-clock';
import { MARKET_DATA_REQUEST_ID_BASE, RequestIdSequence } from './order-ids';
import { realIbTimers, type IbTimers } from './timers';

/** What the feed needs of the connection: its sessions and its phases. */
export type IbMarketDataConnection = Pick<IbConnection, 'onDidOpenSession' | 'onDidChangeStatus' | 'connectionStatus' | 'session'>;

/** A replay control (pause, speed, seek) asked of a live feed. `code` maps it to the RPC error BAD_REQUEST. */
export class LiveFeedControlError extends Error {
  override readonly name = 'LiveFeedControlError';
  readonly code = 'BAD_REQUEST';
}

/** Options of IbMarketFeed. */
export interface IbMarketFeedOptions {
  readonly connection: IbMarketDataConnection;
  /** The US stock, e.g. "GOOG" (SMART-routed, USD). */
  readonly instrumentId: InstrumentId;
  /** reqMktDepth numRows: rows per side, 1..50 (default 10). */
  readonly depthRows?: number;
  /**
   * reqMktDepth isSmartDepth (default true): IB's book aggregated over the exchanges SMART routes to,
   * which is what a SMART-routed stock needs on a real gateway (without it IB answers with one
   * exchange's book or refuses a SMART depth request).
   */
  readonly smartDepth?: boolean;
  /** Request ids (default: a sequence from MARKET_DATA_REQUEST_ID_BASE, apart from the venue's and from order ids). */
  readonly requestIds?: RequestIdSequence;
  /**
   * Where the stock's contract is resolved: the venue's cache on the same connection (so one
   * reqContractDetails serves orders and market data); a cache of the feed's own by default.
   */
  readonly contracts?: ContractCache;
  /** How long the contract request may take, ms (default 10 s). */
  readonly contractTimeoutMs?: number;
  /** Wall clock, Unix µs (default the system clock). Depth rows carry no time: events are stamped with it. */
  readonly clock?: Clock;
  readonly timers?: IbTimers;
  readonly log?: (line: string) => void;
}

/** The subscriptions on one session. */
interface SessionFeed {
  readonly session: IbSession;
  readonly gateway: string;
  /** Subscriptions were requested on this session (or are being: contract first). */
  subscribed: boolean;
  /** IB said the data was lost (1101): subscribe again once the connection is CONNECTED. */
  resubscribe: boolean;
  depthReqId: number | undefined;
  tradesReqId: number | undefined;
  /** Price of a LAST tick waiting for its LAST_SIZE, micro-dollars. */
  lastPrice: PriceMicros | undefined;
}

const DEFAULT_DEPTH_ROWS = 10;
const MAX_DEPTH_ROWS = 50;
/** IB tick types (TWS API "Available Tick Types"). */
const TICK_LAST = 4;
const TICK_LAST_SIZE = 5;
/** Status pushes while live, so the header clock moves (the MarketFeed seam's 250 ms). */
const STATUS_EVERY_MS = 250;
const DEPTH_LIMIT_HINT =
  'IB allows 3 depth subscriptions at least, 1 more per 100 market data lines, 60 at most, across TWS and every API client of the account: close a depth window or another client, Floor subscribes again on the next connection';

/**
 * One US stock's market from Interactive Brokers as a MarketFeed: IB's top-N depth (reqMktDepth,
 * updateMktDepthL2) in an OrderBook, and trade prints from reqMktData's LAST / LAST_SIZE ticks.
 *
 * - Subscribes on every session once it reaches RECONCILING (or CONNECTED), with request ids apart
 *   from order ids; every row becomes ADD / PARTIAL_CANCEL / DELETE events of the aggregated level
 *   (orderId 0, stamped with the wall clock) applied to the book before onDidApply.
 * - 317 (depth reset): the rows and the book are emptied (onDidReset) and rebuilt from the next rows.
 * - 316 (depth halted): state HALTED, the last book kept, LIVE again when rows flow.
 * - 309 (depth limit), 354 / 10090 / 322 / 200 (not subscribed, refused): state REFUSED with IB's code,
 *   message and what to do in `reason`, and a log line; the book is emptied. Trades refused alone
 *   leave the depth LIVE and say so in `reason`. Tried again on the next session.
 * - 1100: STALE (last book kept) until 1102. 1101 (data lost): STALE, then subscribed afresh once the
 *   connection has reconciled and is CONNECTED again.
 * - Session closed: the book is emptied at once (onDidReset) and the state is DISCONNECTED: stale
 *   prices are never shown as a market, nor filled against by the paper venue.
 *
 * Trades: IB's LAST / LAST_SIZE ticks are samples, not every print (tick-by-tick data would be);
 * each LAST price is paired with the LAST_SIZE after it (the client repeats the size as its own tick,
 * that repeat is dropped). IB does not say who took liquidity: the aggressor is inferred by the
 * quote test (at or above the ask BUY, at or below the bid SELL, else by the mid).
 *
 * Live: pause, setSpeed and seek throw LiveFeedControlError; resume is start.
 */
export class IbMarketFeed implements MarketFeed {
  readonly instrument: Instrument;
  readonly book: OrderBook;
  readonly depthRows: number;
  private readonly smartDepth: boolean;
  private readonly rows: DepthRows;
  private readonly requestIds: RequestIdSequence;
  private readonly contracts: ContractCache;
  private readonly clock: LiveSessionClock;
  private readonly timers: IbTimers;
  private readonly applyEmitter = new Emitter<MarketEvent>();
  private readonly tradeEmitter = new Emitter<TradeTick>();
  private readonly resetEmitter = new Emitter<void>();
  private readonly statusEmitter = new Emitter<ReplayStatus>();
  private readonly listeners: Disposable[] = [];
  private current: SessionFeed | undefined;
  private state: IbDepthState = 'WAITING';
  private reason: string | null = null;
  private started = false;
  private disposed = false;
  private statusTimer: unknown;

  readonly onDidApply: Event<MarketEvent> = this.applyEmitter.event;
  readonly onDidTrade: Event<TradeTick> = this.tradeEmitter.event;
  /** After the book was emptied: a 317 reset, a refusal, a lost session, a new subscription. */
  readonly onDidReset: Event<void> = this.resetEmitter.event;
  /** On every state change, and every 250 ms once started (the header clock). */
  readonly onDidChangeStatus: Event<ReplayStatus> = this.statusEmitter.event;

  /** @throws RangeError when depthRows is not a whole number from 1 to 50, or for a bad time zone. */
  constructor(private readonly options: IbMarketFeedOptions) {
    const depthRows = options.depthRows ?? DEFAULT_DEPTH_ROWS;
    if (!Number.isInteger(depthRows) || depthRows < 1 || depthRows > MAX_DEPTH_ROWS) {
      throw new RangeError(`IB depth rows must be a whole number from 1 to ${MAX_DEPTH_ROWS} per side, got ${String(depthRows)}`);
    }
    this.depthRows = depthRows;
    this.smartDepth = options.smartDepth ?? true;
    this.instrument = { instrumentId: options.instrumentId, venue: 'IB', tickSize: US_EQUITY_TICK, currency: 'USD' };
    this.book = new OrderBook(options.instrumentId);
    this.rows = new DepthRows(depthRows);
    this.requestIds = options.requestIds ?? new RequestIdSequence(MARKET_DATA_REQUEST_ID_BASE);
    this.contracts = options.contracts ?? new ContractCache(this.requestIds);
    this.clock = new LiveSessionClock(options.clock ?? wallClock);
    this.timers = options.timers ?? realIbTimers;
  }

  /** Source IB, the subscription's state; PLAYING (never paused) once started, speed 1, the 09:30-16:00 session of today; no replay failure or replayed halt. */
  status(): ReplayStatus {
    const gateway = this.current?.gateway ?? null;
    return {
      source: { kind: 'IB', gateway, depthRows: this.depthRows, state: this.state, reason: this.reason },
      instrumentId: this.instrument.instrumentId,
      paused: !this.started,
      speed: 1,
      marketTime: this.clock.now(),
      sessionStart: REGULAR_SESSION_START,
      sessionEnd: REGULAR_SESSION_END,
      finished: false,
      state: this.started ? 'PLAYING' : 'PAUSED',
      failure: null,
      marketHalt: null,
    };
  }

  /** The depth and trade request ids on the current session (undefined before subscribing), for logs and tests. */
  get subscriptionIds(): { readonly depth: number | undefined; readonly trades: number | undefined } {
    return { depth: this.current?.depthReqId, trades: this.current?.tradesReqId };
  }

  /**
   * Follows the connection: takes its current session, if any, and every later one. Idempotent.
   * @throws Error after dispose.
   */
  start(): void {
    if (this.disposed) throw new Error(`the IB ${this.instrument.instrumentId} feed was disposed; create a new one`);
    if (this.started) return;
    this.started = true;
    const { connection } = this.options;
    this.listeners.push(
      connection.onDidOpenSession(({ session, endpoint }) => this.adopt(session, endpointName(endpoint))),
      connection.onDidChangeStatus((status) => this.onConnectionStatus(status)),
    );
    const status = connection.connectionStatus();
    const session = connection.session;
    if (session !== undefined) this.adopt(session, status.gateway ?? 'gateway');
    this.onConnectionStatus(status);
    this.statusTimer = this.timers.setInterval(() => this.fireStatus(), STATUS_EVERY_MS);
    this.fireStatus();
  }

  /** @throws LiveFeedControlError: the live market does not pause. */
  pause(): void {
    throw new LiveFeedControlError('a live IB feed cannot be paused: the market does not wait (replay controls apply to LOBSTER and synthetic markets)');
  }

  /** The same as start(): a live feed is either following the gateway or not started. */
  resume(): void {
    this.start();
  }

  /** @throws LiveFeedControlError: a live feed runs at the market's own speed. */
  setSpeed(speed: number): void {
    throw new LiveFeedControlError(`a live IB feed cannot run at ${String(speed)}x: it runs at the market's own speed`);
  }

  /** @rejects LiveFeedControlError: a live feed cannot seek. */
  seek(time: SessionNanos): Promise<void> {
    return Promise.reject(new LiveFeedControlError(`a live IB feed cannot seek (to ${String(time)} ns after midnight): IB serves the market as it is now`));
  }

  /** Unix epoch µs of session time `time` (ns after today's New York midnight). @throws RangeError outside the day. */
  toUnixMicros(time: SessionNanos): UnixMicros {
    return this.clock.toUnixMicros(time);
  }

  /** Cancels the subscriptions on the open session and drops every listener. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.timers.clearInterval(this.statusTimer);
    for (const listener of this.listeners.splice(0)) listener.dispose();
    const feed = this.current;
    this.current = undefined;
    if (feed !== undefined) this.cancel(feed);
    this.applyEmitter.dispose();
    this.tradeEmitter.dispose();
    this.resetEmitter.dispose();
    this.statusEmitter.dispose();
  }

  private adopt(session: IbSession, gateway: string): void {
    if (this.current?.session === session) return;
    const feed: SessionFeed = { session, gateway, subscribed: false, resubscribe: false, depthReqId: undefined, tradesReqId: undefined, lastPrice: undefined };
    this.current = feed;
    const mine = (): boolean => this.current === feed;
    session.on(EventName.updateMktDepthL2, ((id: number, position: number, _maker: string, operation: number, side: number, price: number, size: number) => {
      if (mine() && id === feed.depthReqId) this.onRow(position, operation, side, price, size);
    }) as never);
    session.on(EventName.tickPrice, ((id: number, tickType: number, price: number) => {
      if (mine() && id === feed.tradesReqId && tickType === TICK_LAST && price > 0) feed.lastPrice = Math.round(price * 1e6);
    }) as never);
    session.on(EventName.tickSize, ((id: number, tickType: number, size: number) => {
      if (!mine() || id !== feed.tradesReqId || tickType !== TICK_LAST_SIZE || feed.lastPrice === undefined) return;
      const price = feed.lastPrice;
      feed.lastPrice = undefined;
      if (size > 0) this.onTrade(price, Math.round(size));
    }) as never);
    session.onCode((code) => {
      if (mine()) this.onCode(feed, code);
    });
    session.onClosed(({ message }) => {
      if (!mine()) return;
      this.current = undefined;
      this.emptyBook();
      this.setState('DISCONNECTED', message);
    });
  }

  private onConnectionStatus(status: IbConnectionStatus): void {
    const feed = this.current;
    if (feed === undefined) {
      if (status.phase !== 'CONNECTING') this.setState('DISCONNECTED', status.reason);
      return;
    }
    if (feed.session !== this.options.connection.session) return;
    if (status.phase === 'UPSTREAM_LOST') {
      this.setState('STALE', status.reason);
    } else if (status.phase === 'RECONCILING' || status.phase === 'CONNECTED') {
      if (!feed.subscribed) this.subscribe(feed);
      else if (status.phase === 'CONNECTED' && feed.resubscribe) {
        feed.resubscribe = false;
        this.subscribe(feed);
      } else if (status.phase === 'CONNECTED' && this.state === 'STALE') {
        this.setState('LIVE', null);
      }
    }
  }

  private subscribe(feed: SessionFeed): void {
    feed.subscribed = true;
    feed.depthReqId = undefined;
    feed.tradesReqId = undefined;
    feed.lastPrice = undefined;
    this.setState('WAITING', null);
    const { instrumentId } = this.instrument;
    this.contracts.resolve(feed.session, instrumentId, this.options.contractTimeoutMs ?? 10_000).then(
      (resolved) => {
        if (this.current !== feed || !feed.session.open) return;
        // conId names the stock; primaryExch is left out (below server version 149 the client refuses a depth request carrying it).
        const contract: Contract = { conId: resolved.conId, symbol: resolved.symbol, secType: resolved.secType, exchange: 'SMART', currency: resolved.currency };
        const depthReqId = this.requestIds.next();
        const tradesReqId = this.requestIds.next();
        feed.depthReqId = depthReqId;
        feed.tradesReqId = tradesReqId;
        this.rows.clear();
        this.emptyBook();
        feed.session.send((api) => api.reqMktDepth(depthReqId, contract, this.depthRows, this.smartDepth, []));
        feed.session.send((api) => api.reqMktData(tradesReqId, contract, '', false, false));
        this.log(`subscribed to ${this.depthRows} depth rows (${this.smartDepth ? 'SMART' : 'exchange'} depth, request ${depthReqId}) and trades (request ${tradesReqId}) on ${feed.gateway}`);
      },
      (error: unknown) => {
        if (this.current !== feed) return;
        this.refuse(messageOf(error));
      },
    );
  }

  private onCode(feed: SessionFeed, code: SessionCode): void {
    const { action, code: number } = code.info;
    const said = `IB ${number}: ${code.message}`;
    if (action === 'UPSTREAM_RESTORED_DATA_LOST') {
      if (!feed.subscribed) return;
      feed.resubscribe = true;
      this.setState('STALE', `${said} (subscribing again once reconciled)`);
      return;
    }
    const depth = code.id === feed.depthReqId && feed.depthReqId !== undefined;
    const trades = code.id === feed.tradesReqId && feed.tradesReqId !== undefined;
    if (!depth && !trades) return;
    if (depth && action === 'DEPTH_RESET') {
      this.rows.clear();
      this.emptyBook();
      this.setState('WAITING', `${said} (rebuilding the book from the next rows)`);
      this.log(`depth reset (317) on ${feed.gateway}: book emptied, rebuilding`);
    } else if (depth && action === 'DEPTH_HALTED') {
      this.setState('HALTED', said);
      this.log(`depth halted (316) on ${feed.gateway}: ${code.message}`);
    } else if (depth && action === 'DEPTH_LIMIT') {
      feed.depthReqId = undefined;
      this.refuse(`${said}. ${DEPTH_LIMIT_HINT}`);
    } else if (depth && (action === 'REQUEST_FAILED' || code.info.severity === 'ERROR')) {
      feed.depthReqId = undefined;
      this.refuse(`depth refused: ${said}`);
    } else if (trades && (action === 'REQUEST_FAILED' || code.info.severity === 'ERROR')) {
      feed.tradesReqId = undefined;
      this.reason = `trades refused: ${said}`;
      this.log(`${this.instrument.instrumentId} ${this.reason}`);
      this.fireStatus();
    }
  }

  private refuse(reason: string): void {
    this.rows.clear();
    this.emptyBook();
    this.setState('REFUSED', reason);
    this.log(`${this.instrument.instrumentId} market depth refused: ${reason}`);
  }

  private onRow(position: number, operation: number, side: number, price: number, size: number): void {
    if (this.state !== 'LIVE') this.setState('LIVE', null);
    const applied = this.rows.apply(position, operation, side, price, size, (bookSide, levelPrice, delta) => this.changeLevel(bookSide, levelPrice, delta));
    if (!applied) this.log(`ignored a depth row that does not fit the rows held: position ${position}, operation ${operation}, side ${side}, price ${price}, size ${size}`);
  }

  /** One change of the aggregated book as a market-by-order event (orderId 0), applied, then announced. */
  private changeLevel(side: OrderSide, price: PriceMicros, delta: number): void {
    const event = levelChangeEvent(this.book, side, price, delta, this.clock.now());
    this.book.apply(event);
    this.applyEmitter.fire(event);
  }

  private onTrade(price: PriceMicros, size: number): void {
    const time = this.clock.now();
    this.tradeEmitter.fire({ instrumentId: this.instrument.instrumentId, tsEvent: this.clock.toUnixMicros(time), price, size, aggressorSide: this.aggressor(price), hidden: false });
  }

  /** The quote test: at or above the ask a buyer took liquidity, at or below the bid a seller, else by the mid (a buyer when no quote). */
  private aggressor(price: PriceMicros): OrderSide {
    const ask = this.book.bestAskPrice();
    const bid = this.book.bestBidPrice();
    if (price >= ask) return 'BUY';
    if (price <= bid) return 'SELL';
    const mid = this.book.mid();
    return mid !== null && price < mid ? 'SELL' : 'BUY';
  }

  private cancel(feed: SessionFeed): void {
    const { depthReqId, tradesReqId, session } = feed;
    if (depthReqId !== undefined) session.send((api) => api.cancelMktDepth(depthReqId, this.smartDepth));
    if (tradesReqId !== undefined) session.send((api) => api.cancelMktData(tradesReqId));
  }

  private emptyBook(): void {
    this.book.clear();
    this.resetEmitter.fire();
  }

  private setState(state: IbDepthState, reason: string | null): void {
    if (state === this.state && reason === this.reason) return;
    this.state = state;
    this.reason = reason;
    this.fireStatus();
  }

  private fireStatus(): void {
    if (this.started && !this.disposed) this.statusEmitter.fire(this.status());
  }

  private log(line: string): void {
    this.options.log?.(`ib market data: ${line}`);
  }
}
