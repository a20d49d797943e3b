import { EventName, type Contract } from '@stoqey/ib';
import { Emitter, type Clock, type Disposable, type Event, type IbAccount, type IbAccountPosition } from '../../../shared';
import { ACCOUNT_SUMMARY_TAGS, figuresFrom, NO_FIGURES, positionFrom, type AccountFigures, type SummaryRow } from './account-values';
import type { IbConnection, IbConnectionStatus } from './ib-connection';
import type { IbSession } from './ib-session';
import { ACCOUNT_REQUEST_ID_BASE, RequestIdSequence } from './order-ids';
import type { IbTimers } from './timers';

/** What the account summary needs of the connection: its sessions and its phases. */
export type IbAccountConnection = Pick<IbConnection, 'onDidOpenSession' | 'onDidChangeStatus' | 'connectionStatus' | 'session'>;

/** Options of IbAccountSummary. */
export interface IbAccountSummaryOptions {
  readonly connection: IbAccountConnection;
  /** Request ids (default: a sequence from ACCOUNT_REQUEST_ID_BASE, apart from the venue's, the market feed's and order ids). */
  readonly requestIds?: RequestIdSequence;
  /** How often the summary is asked again while CONNECTED, ms (default 10 s: 2 messages per refresh, far below the 44/s throttle). */
  readonly refreshMs?: number;
  /** Wall clock, Unix µs: the snapshot's `asOf`. */
  readonly clock: Clock;
  readonly timers: IbTimers;
  readonly log?: (line: string) => void;
}

/** The requests and answers on one session. */
interface SessionAccount {
  readonly session: IbSession;
  /** The connection is CONNECTED on this session (requests go out on the way in). */
  connected: boolean;
  /** The account summary request in flight or last answered, undefined before the first. */
  summaryReqId: number | undefined;
  /** Rows of the summary request in flight, for the traded account. */
  rows: SummaryRow[];
  /** Positions of the traded account on this session, by symbol (zero quantities removed). */
  readonly positions: Map<string, IbAccountPosition>;
  /** positionEnd arrived: `positions` is IB's full list and every later position is an update. */
  positionsComplete: boolean;
}

const DEFAULT_REFRESH_MS = 10_000;

/**
 * IB's own view of the account Floor trades (the first managed account): net liquidation, cash,
 * buying power, gross position value, P&L and available funds from reqAccountSummary, and the
 * positions from reqPositions, as an IbAccount snapshot in micro-dollars.
 *
 * - On every session, each time the connection becomes CONNECTED there: reqAccountSummary('All')
 *   and reqPositions. Then every `refreshMs` while CONNECTED: cancelAccountSummary of the last
 *   request and a new reqAccountSummary (IB's summary updates only every 3 minutes, so Floor asks
 *   again; a gateway that sends it once is served too). reqPositions streams, so it is asked once.
 * - A snapshot is made at each accountSummaryEnd and at each position update after positionEnd,
 *   stamped with the wall clock; onDidChange fires with it.
 * - Bad values (not a finite number) are logged and skipped, never thrown: a figure keeps its last
 *   good value, a position row is dropped. The last snapshot survives a lost session.
 */
export class IbAccountSummary {
  private readonly requestIds: RequestIdSequence;
  private readonly emitter = new Emitter<IbAccount>();
  private readonly listeners: Disposable[] = [];
  private current: SessionAccount | undefined;
  private last: IbAccount | null = null;
  private started = false;
  private disposed = false;
  private refreshTimer: unknown;

  /** Fires with every new snapshot. */
  readonly onDidChange: Event<IbAccount> = this.emitter.event;

  constructor(private readonly options: IbAccountSummaryOptions) {
    this.requestIds = options.requestIds ?? new RequestIdSequence(ACCOUNT_REQUEST_ID_BASE);
  }

  /** The last snapshot, or null before IB first answered. */
  snapshot(): IbAccount | null {
    return this.last;
  }

  /**
   * Follows the connection: takes its current session, if any, and every later one. Idempotent.
   * @throws Error after dispose.
   */
  start(): void {
    if (this.disposed) throw new Error('the IB account summary was disposed; create a new one');
    if (this.started) return;
    this.started = true;
    const { connection, timers } = this.options;
    this.listeners.push(
      connection.onDidOpenSession(({ session }) => this.adopt(session)),
      connection.onDidChangeStatus((status) => this.onConnectionStatus(status)),
    );
    if (connection.session !== undefined) this.adopt(connection.session);
    this.onConnectionStatus(connection.connectionStatus());
    this.refreshTimer = timers.setInterval(() => {
      const account = this.current;
      if (account?.connected === true) this.requestSummary(account);
    }, this.options.refreshMs ?? DEFAULT_REFRESH_MS);
  }

  /** Cancels the summary request on the open session and drops every listener; the snapshot stays readable. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.options.timers.clearInterval(this.refreshTimer);
    for (const listener of this.listeners.splice(0)) listener.dispose();
    const account = this.current;
    this.current = undefined;
    const reqId = account?.summaryReqId;
    if (account !== undefined && reqId !== undefined) account.session.send((api) => api.cancelAccountSummary(reqId));
    this.emitter.dispose();
  }

  private adopt(session: IbSession): void {
    if (this.current?.session === session) return;
    const account: SessionAccount = { session, connected: false, summaryReqId: undefined, rows: [], positions: new Map(), positionsComplete: false };
    this.current = account;
    const mine = (): boolean => this.current === account;
    session.on(EventName.accountSummary, ((reqId: number, accountId: string, tag: string, value: string, currency: string) => {
      if (mine() && reqId === account.summaryReqId && accountId === this.tradedAccount()) account.rows.push({ tag, value, currency });
    }) as never);
    session.on(EventName.accountSummaryEnd, ((reqId: number) => {
      if (mine() && reqId === account.summaryReqId) this.publish(account, figuresFrom(account.rows.splice(0), this.previousFigures(), (line) => this.log(line)));
    }) as never);
    session.on(EventName.position, ((accountId: string, contract: Contract, quantity: number, averageCost?: number) => {
      if (!mine() || accountId !== this.tradedAccount()) return;
      const symbol = contract.symbol ?? '';
      const position = positionFrom(symbol, quantity, averageCost, (line) => this.log(line));
      if (position === undefined) return;
      if (position.quantity === 0) account.positions.delete(symbol);
      else account.positions.set(symbol, position);
      if (account.positionsComplete && this.last !== null) this.publish(account, this.previousFigures());
    }) as never);
    session.on(EventName.positionEnd, (() => {
      if (!mine()) return;
      account.positionsComplete = true;
      if (this.last !== null) this.publish(account, this.previousFigures());
    }) as never);
    session.onCode((code) => {
      if (mine() && code.id === account.summaryReqId && code.info.severity !== 'INFO') this.log(`IB ${code.info.code} on the account summary request ${code.id}: ${code.message}`);
    });
    session.onClosed(() => {
      if (mine()) this.current = undefined;
    });
  }

  private onConnectionStatus(status: IbConnectionStatus): void {
    const account = this.current;
    if (account === undefined || account.session !== this.options.connection.session) return;
    const connected = status.phase === 'CONNECTED';
    if (connected && !account.connected) {
      account.connected = true;
      this.requestSummary(account);
      account.session.send((api) => api.reqPositions());
    } else if (!connected) {
      account.connected = false;
    }
  }

  private requestSummary(account: SessionAccount): void {
    const previous = account.summaryReqId;
    if (previous !== undefined) account.session.send((api) => api.cancelAccountSummary(previous));
    const reqId = this.requestIds.next();
    account.summaryReqId = reqId;
    account.rows = [];
    account.session.send((api) => api.reqAccountSummary(reqId, 'All', ACCOUNT_SUMMARY_TAGS));
  }

  /** The account Floor trades (the venue's too): the session's first managed account. */
  private tradedAccount(): string | undefined {
    return this.options.connection.connectionStatus().accounts[0];
  }

  /** The last snapshot's figures when it is of the traded account, else none. */
  private previousFigures(): AccountFigures {
    const last = this.last;
    return last !== null && last.accountId === this.tradedAccount() ? last : NO_FIGURES;
  }

  private publish(account: SessionAccount, figures: AccountFigures): void {
    const accountId = this.tradedAccount();
    if (accountId === undefined) return;
    // Until this session's positionEnd, the last snapshot's positions are the last good list.
    const positions = account.positionsComplete ? [...account.positions.values()] : this.last?.accountId === accountId ? this.last.positions : [];
    const { netLiquidation, cash, buyingPower, grossPositionValue, unrealizedPnl, realizedPnl, availableFunds } = figures;
    this.last = { accountId, netLiquidation, cash, buyingPower, grossPositionValue, unrealizedPnl, realizedPnl, availableFunds, positions, asOf: this.options.clock.now() };
    this.emitter.fire(this.last);
  }

  private log(line: string): void {
    this.options.log?.(`ib account: ${line}`);
  }
}
