import type { Socket } from 'node:net';
import type { Disposable } from '../../src/shared';
import type { BrokerEvent, GatewayBroker } from './broker';
import { matchesContract } from './contract';
import { ClientStreamDecoder, encodeFrame, type Field } from './framing';
import { negotiateVersion, parseVersionRange } from './handshake';
import { DepthPublisher, QuotePublisher, type QuoteTick } from './market-data';
import * as req from './messages/in-requests';
import { contractDetailsEnd, currentTime, errorMessage, execDetailsEnd, managedAccounts, nextValidId, openOrderEnd } from './messages/out-basic';
import { accountDownloadEnd, accountSummary, accountSummaryEnd, accountTime, accountValue, portfolioValue, position, positionEnd } from './messages/out-account';
import { completedOrder, completedOrdersEnd } from './messages/out-completed';
import { contractDetails } from './messages/out-contract';
import { commissionReport, execDetails } from './messages/out-execution';
import { mktDepthL2, tickPrice, tickSize, tickSnapshotEnd } from './messages/out-market';
import { openOrder, orderStatus } from './messages/out-order';
import { CODE, REQ } from './protocol';
import { parseFilterTime, formatConnectionTime } from './time-format';

/** What a session needs from the server that owns it. */
export interface SessionHost {
  readonly broker: GatewayBroker;
  /** Highest server version to announce (the client's max caps it). */
  readonly serverVersion: number;
  /** Requests per second before error 100 (IB: 50). */
  readonly pacingLimitPerSecond: number;
  /** Wall clock, epoch ms. */
  now(): number;
  /** True when another ready session already uses `clientId`. */
  clientIdInUse(clientId: number, asker: ClientSession): boolean;
  /** Called once when the session closes, for any reason. */
  sessionClosed(session: ClientSession): void;
}

/** Connection phases: waiting for "API\0"+versions, for START_API, then serving requests. */
export type SessionPhase = 'hello' | 'start' | 'ready' | 'closed';

interface DepthSub {
  readonly publisher: DepthPublisher;
  readonly isSmartDepth: boolean;
}

/** Rows of the depth book IB serves at most per side (TWS caps reqMktDepth numRows). */
const MAX_DEPTH_ROWS = 50;

/**
 * One client connection: the handshake, request dispatch, the client's order messages from the
 * broker, and its market-data and depth subscriptions driven by the replayed feed.
 */
export class ClientSession {
  phase: SessionPhase = 'hello';
  /** Negotiated server version (0 before the handshake). */
  serverVersion = 0;
  /** The client id from START_API (undefined before). */
  clientId: number | undefined;
  /** While true the session neither reads nor writes (a hung gateway); inbound frames wait. */
  private hung = false;
  private readonly held: string[][] = [];
  private readonly decoder = new ClientStreamDecoder();
  private readonly recent: number[] = [];
  private readonly quotes = new Map<number, QuotePublisher>();
  private readonly depth = new Map<number, DepthSub>();
  private readonly disposables: Disposable[] = [];
  private marketSubscribed = false;
  /** Between a 1100 notice and 1101/1102: no market data or depth flows. */
  private marketPaused = false;
  private positionsSubscribed = false;
  /** Account whose updates (reqAccountUpdates) this session receives, if subscribed. */
  private accountUpdates: string | undefined;
  /** Every message id the session received but does not serve (for tests and logs). */
  readonly unhandled: number[] = [];

  constructor(
    readonly socket: Socket,
    private readonly host: SessionHost,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('close', () => this.onClosed());
    socket.on('error', () => socket.destroy());
    this.disposables.push(host.broker.onEvent((event) => this.onBrokerEvent(event)));
  }

  /** Sends one message unless hung or closed. */
  send(fields: readonly Field[]): void {
    if (this.hung || this.phase === 'closed' || this.socket.destroyed) return;
    this.socket.write(encodeFrame(fields));
  }

  /** Sends an error/notice message (id -1 = not tied to a request: the client emits `info`). */
  sendError(id: number, code: number, message: string, advancedOrderRejectJson = ''): void {
    this.send(errorMessage(id, code, message, this.serverVersion, advancedOrderRejectJson));
  }

  /**
   * IB connectivity notices change what flows: after 1100 (IB <-> gateway lost) market data and
   * depth stop; 1102 (restored, data maintained) resumes them from the current book; 1101
   * (restored, data lost) cancels every market-data, depth and account subscription, which the
   * client must request again (IB's documented meaning of 1101).
   */
  applyConnectivityNotice(code: number): void {
    if (code === CODE.CONNECTIVITY_LOST) this.marketPaused = true;
    if (code === CODE.RESTORED_DATA_KEPT) {
      this.marketPaused = false;
      this.publishMarket();
    }
    if (code === CODE.RESTORED_DATA_LOST) {
      this.marketPaused = false;
      this.quotes.clear();
      this.depth.clear();
      this.accountUpdates = undefined;
      this.positionsSubscribed = false;
    }
  }

  /** Stops (true) or resumes (false) answering; held requests are served on resume. */
  setHung(hung: boolean): void {
    this.hung = hung;
    if (!hung) for (const fields of this.held.splice(0)) this.handle(fields);
  }

  /** Drops the TCP connection at once (no FIN handshake niceties). */
  drop(): void {
    this.socket.destroy();
  }

  /** Sends error 317 for every depth subscription, then the book again from scratch. */
  resetDepth(): void {
    for (const [reqId, sub] of this.depth) {
      this.sendError(reqId, CODE.DEPTH_RESET, 'Market depth data has been RESET. Please empty deep book contents before applying any new entries.');
      sub.publisher.clear();
      this.publishDepth(reqId, sub);
    }
  }

  private onData(chunk: Buffer): void {
    let units;
    try {
      units = this.decoder.push(chunk);
    } catch {
      this.socket.destroy();
      return;
    }
    for (const unit of units) {
      if (unit.kind === 'hello') this.onHello(unit.versionText);
      else if (this.hung) this.held.push(unit.fields);
      else this.handle(unit.fields);
    }
  }

  private onHello(versionText: string): void {
    const range = parseVersionRange(versionText);
    const version = range && negotiateVersion(range, this.host.serverVersion);
    if (version === undefined) {
      this.socket.destroy();
      return;
    }
    this.serverVersion = version;
    this.phase = 'start';
    this.socket.write(encodeFrame([version, formatConnectionTime(new Date(this.host.now()))]));
  }

  private handle(fields: string[]): void {
    if (this.phase === 'closed') return;
    const id = req.requestId(fields);
    if (this.phase === 'start') {
      if (id === REQ.START_API) this.onStartApi(fields);
      return;
    }
    if (this.phase !== 'ready') return;
    if (!this.withinPacing()) {
      this.sendError(-1, CODE.PACING, `Max rate of messages per second has been exceeded:max=${this.host.pacingLimitPerSecond} rec=${this.recent.length + 1} (1)`);
      return;
    }
    try {
      this.dispatch(id, fields);
    } catch (error) {
      // A malformed request: a real gateway logs and ignores it; say so on the wire for tests.
      this.sendError(-1, 320, `Error reading request: ${(error as Error).message}`);
    }
  }

  /** Sliding one-second window over served requests. */
  private withinPacing(): boolean {
    const now = this.host.now();
    while (this.recent.length > 0 && this.recent[0]! <= now - 1000) this.recent.shift();
    if (this.recent.length >= this.host.pacingLimitPerSecond) return false;
    this.recent.push(now);
    return true;
  }

  private onStartApi(fields: string[]): void {
    const { clientId } = req.parseStartApi(fields);
    const id = clientId ?? 0;
    if (this.host.clientIdInUse(id, this)) {
      this.sendError(-1, CODE.CLIENT_ID_IN_USE, 'Unable to connect as the client id is already in use. Retry with a unique client id.');
      this.socket.end();
      return;
    }
    this.clientId = id;
    this.phase = 'ready';
    const broker = this.host.broker;
    this.send(managedAccounts(broker.accounts));
    this.send(nextValidId(broker.nextValidId()));
    this.sendError(-1, CODE.MARKET_DATA_FARM_OK, 'Market data farm connection is OK:usfarm');
    this.sendError(-1, CODE.HMDS_FARM_OK, 'HMDS data farm connection is OK:ushmds');
    this.sendError(-1, CODE.SEC_DEF_FARM_OK, 'Sec-def data farm connection is OK:secdefnj');
  }

  private dispatch(id: number, fields: string[]): void {
    const broker = this.host.broker;
    const sv = this.serverVersion;
    switch (id) {
      case REQ.REQ_IDS:
        this.send(nextValidId(broker.nextValidId()));
        return;
      case REQ.REQ_MANAGED_ACCTS:
        this.send(managedAccounts(broker.accounts));
        return;
      case REQ.REQ_CURRENT_TIME:
        this.send(currentTime(this.host.now() / 1000));
        return;
      case REQ.REQ_CONTRACT_DATA: {
        const { reqId, contract } = req.parseReqContractDetails(fields);
        if (!matchesContract(contract, broker.contract)) {
          this.sendError(reqId, CODE.NO_SECURITY_DEFINITION, 'No security definition has been found for the request');
          return;
        }
        this.send(contractDetails(reqId, broker.contract, sv));
        this.send(contractDetailsEnd(reqId));
        return;
      }
      case REQ.PLACE_ORDER:
        broker.placeOrder(this.clientId!, req.parsePlaceOrder(fields, sv));
        return;
      case REQ.CANCEL_ORDER:
        broker.cancelOrder(this.clientId!, req.parseCancelOrder(fields, sv).orderId);
        return;
      case REQ.REQ_GLOBAL_CANCEL:
        broker.globalCancel();
        return;
      case REQ.REQ_OPEN_ORDERS:
      case REQ.REQ_AUTO_OPEN_ORDERS:
      case REQ.REQ_ALL_OPEN_ORDERS:
        // reqAutoOpenOrders (client 0 binding manual TWS orders) has nothing extra to bind here: it lists this client's orders.
        for (const order of broker.workingOrders(id === REQ.REQ_ALL_OPEN_ORDERS ? undefined : this.clientId)) {
          this.send(openOrder(order, sv));
          this.send(orderStatus(order, sv));
        }
        this.send(openOrderEnd());
        return;
      case REQ.REQ_COMPLETED_ORDERS:
        for (const order of broker.completedOrders()) this.send(completedOrder(order, sv));
        this.send(completedOrdersEnd());
        return;
      case REQ.REQ_EXECUTIONS:
        this.replayExecutions(req.parseReqExecutions(fields));
        return;
      case REQ.REQ_MKT_DATA:
        this.subscribeQuotes(req.parseReqMktData(fields));
        return;
      case REQ.CANCEL_MKT_DATA:
        this.quotes.delete(req.parseReqIdOnly(fields).reqId);
        return;
      case REQ.REQ_MKT_DEPTH:
        this.subscribeDepth(req.parseReqMktDepth(fields, sv));
        return;
      case REQ.CANCEL_MKT_DEPTH:
        this.depth.delete(req.parseReqIdOnly(fields).reqId);
        return;
      case REQ.REQ_POSITIONS:
        this.positionsSubscribed = true;
        for (const account of broker.tradedAccounts()) this.sendPosition(account);
        this.send(positionEnd());
        return;
      case REQ.CANCEL_POSITIONS:
        this.positionsSubscribed = false;
        return;
      case REQ.REQ_ACCOUNT_SUMMARY:
        this.sendAccountSummary(req.parseReqAccountSummary(fields));
        return;
      case REQ.CANCEL_ACCOUNT_SUMMARY:
        return; // the summary is sent once; nothing streams
      case REQ.REQ_ACCOUNT_DATA: {
        const { subscribe, account } = req.parseReqAccountUpdates(fields);
        this.accountUpdates = subscribe ? account || broker.accounts[0] : undefined;
        if (this.accountUpdates !== undefined) {
          this.sendAccountUpdates(this.accountUpdates);
          this.send(accountDownloadEnd(this.accountUpdates));
        }
        return;
      }
      case REQ.REQ_MARKET_DATA_TYPE:
        return; // always live data
      default:
        this.unhandled.push(id);
    }
  }

  private sendPosition(account: string): void {
    const v = this.host.broker.accountValues(account);
    this.send(position(account, this.host.broker.contract, v.quantity, v.avgCost));
  }

  /** Tags served by reqAccountSummary, dollars unless noted. "All" is not an IB tag; IB wants them listed. */
  private static readonly SUMMARY_TAGS: Readonly<Record<string, (v: ReturnType<GatewayBroker['accountValues']>) => string>> = {
    AccountType: () => 'INDIVIDUAL',
    NetLiquidation: (v) => v.netLiquidation.toFixed(2),
    TotalCashValue: (v) => v.cash.toFixed(2),
    SettledCash: (v) => v.cash.toFixed(2),
    BuyingPower: (v) => Math.max(0, v.netLiquidation * 4 - v.grossPositionValue).toFixed(2),
    AvailableFunds: (v) => (v.netLiquidation - v.grossPositionValue / 4).toFixed(2),
    ExcessLiquidity: (v) => (v.netLiquidation - v.grossPositionValue / 4).toFixed(2),
    GrossPositionValue: (v) => v.grossPositionValue.toFixed(2),
    RealizedPnL: (v) => v.realizedPnl.toFixed(2),
    UnrealizedPnL: (v) => v.unrealizedPnl.toFixed(2),
  };

  /** Cash balance tags relayed by the `$LEDGER` tag (IB: all of them, base currency only; these are the ones the simulator knows). */
  private static readonly LEDGER_TAGS: Readonly<Record<string, (v: ReturnType<GatewayBroker['accountValues']>) => string>> = {
    CashBalance: (v) => v.cash.toFixed(2),
    TotalCashBalance: (v) => v.cash.toFixed(2),
    RealizedPnL: (v) => v.realizedPnl.toFixed(2),
    UnrealizedPnL: (v) => v.unrealizedPnl.toFixed(2),
  };

  private sendAccountSummary({ reqId, tags }: { reqId: number; tags: string[] }): void {
    const broker = this.host.broker;
    for (const account of broker.accounts) {
      const values = broker.accountValues(account);
      for (const tag of tags) {
        const served = tag === '$LEDGER' ? ClientSession.LEDGER_TAGS : { [tag]: ClientSession.SUMMARY_TAGS[tag] };
        for (const [name, value] of Object.entries(served)) {
          if (value) this.send(accountSummary(reqId, account, name, value(values), name === 'AccountType' ? '' : broker.contract.currency));
        }
      }
    }
    this.send(accountSummaryEnd(reqId));
  }

  private sendAccountUpdates(account: string): void {
    const broker = this.host.broker;
    const v = broker.accountValues(account);
    const ccy = broker.contract.currency;
    for (const [key, value] of [
      ['NetLiquidation', v.netLiquidation],
      ['TotalCashValue', v.cash],
      ['GrossPositionValue', v.grossPositionValue],
      ['RealizedPnL', v.realizedPnl],
      ['UnrealizedPnL', v.unrealizedPnl],
    ] as const) {
      this.send(accountValue(key, value.toFixed(2), ccy, account));
    }
    if (broker.tradedAccounts().includes(account)) {
      this.send(portfolioValue(broker.contract, v.quantity, v.markPrice, v.marketValue, v.avgCost, v.unrealizedPnl, v.realizedPnl, account));
    }
    const now = new Date(this.host.now());
    this.send(accountTime(`${String(now.getUTCHours()).padStart(2, '0')}:${String(now.getUTCMinutes()).padStart(2, '0')}`));
  }

  private replayExecutions(filter: req.ReqExecutions): void {
    const since = parseFilterTime(filter.time);
    const side = filter.side.toUpperCase();
    for (const e of this.host.broker.executions()) {
      if (filter.clientId !== 0 && e.clientId !== filter.clientId) continue;
      if (filter.acctCode !== '' && e.account !== filter.acctCode) continue;
      if (filter.symbol !== '' && e.contract.symbol !== filter.symbol.toUpperCase()) continue;
      if (side !== '' && !((side === 'BUY' && e.side === 'BOT') || (side === 'SELL' && e.side === 'SLD'))) continue;
      if (since !== undefined && e.epochMs < since) continue;
      this.send(execDetails(filter.reqId, e, this.serverVersion));
      this.send(commissionReport(e));
    }
    this.send(execDetailsEnd(filter.reqId));
  }

  private subscribeQuotes({ reqId, contract, snapshot }: req.ReqMktData): void {
    if (this.quotes.has(reqId) || this.depth.has(reqId)) {
      this.sendError(reqId, CODE.DUPLICATE_TICKER_ID, `Error processing request.-'bW' : cause - Duplicate ticker id`);
      return;
    }
    if (!matchesContract(contract, this.host.broker.contract)) {
      this.sendError(reqId, CODE.NO_SECURITY_DEFINITION, 'No security definition has been found for the request');
      return;
    }
    const publisher = new QuotePublisher(this.host.broker.feed.book);
    this.sendTicks(reqId, publisher.quoteChanges());
    if (snapshot) {
      this.send(tickSnapshotEnd(reqId));
      return;
    }
    this.quotes.set(reqId, publisher);
    this.ensureMarketSubscription();
  }

  private subscribeDepth({ reqId, contract, numRows, isSmartDepth }: req.ReqMktDepth): void {
    if (this.quotes.has(reqId) || this.depth.has(reqId)) {
      this.sendError(reqId, CODE.DUPLICATE_TICKER_ID, `Error processing request.-'bW' : cause - Duplicate ticker id`);
      return;
    }
    if (!matchesContract(contract, this.host.broker.contract)) {
      this.sendError(reqId, CODE.NO_SECURITY_DEFINITION, 'No security definition has been found for the request');
      return;
    }
    const sub: DepthSub = { publisher: new DepthPublisher(this.host.broker.feed.book, Math.max(1, Math.min(MAX_DEPTH_ROWS, numRows))), isSmartDepth };
    this.depth.set(reqId, sub);
    this.publishDepth(reqId, sub);
    this.ensureMarketSubscription();
  }

  private ensureMarketSubscription(): void {
    if (this.marketSubscribed) return;
    this.marketSubscribed = true;
    const feed = this.host.broker.feed;
    this.disposables.push(
      feed.onDidApply(() => this.publishMarket()),
      feed.onDidTrade((trade) => {
        if (this.marketPaused) return;
        for (const [reqId, publisher] of this.quotes) this.sendTicks(reqId, publisher.trade(trade.price, trade.size));
      }),
      feed.onDidReset(() => {
        this.resetDepth();
        this.publishMarket();
      }),
    );
  }

  private publishMarket(): void {
    if (this.marketPaused) return;
    for (const [reqId, publisher] of this.quotes) this.sendTicks(reqId, publisher.quoteChanges());
    for (const [reqId, sub] of this.depth) this.publishDepth(reqId, sub);
  }

  private publishDepth(reqId: number, sub: DepthSub): void {
    for (const c of sub.publisher.changes()) {
      this.send(mktDepthL2(reqId, c.position, 'NSDQ', c.operation, c.side, c.price, c.size, sub.isSmartDepth, this.serverVersion));
    }
  }

  private sendTicks(reqId: number, ticks: readonly QuoteTick[]): void {
    for (const t of ticks) this.send(t.kind === 'price' ? tickPrice(reqId, t.tickType, t.price, t.size) : tickSize(reqId, t.tickType, t.size));
  }

  private onBrokerEvent(event: BrokerEvent): void {
    if (this.phase !== 'ready') return;
    const sv = this.serverVersion;
    switch (event.kind) {
      case 'openOrder':
        if (event.order.clientId === this.clientId) this.send(openOrder(event.order, sv));
        return;
      case 'orderStatus':
        if (event.order.clientId === this.clientId) this.send(orderStatus(event.order, sv));
        return;
      case 'execution':
        if (event.execution.clientId === this.clientId) {
          this.send(execDetails(-1, event.execution, sv));
          this.send(commissionReport(event.execution));
        }
        return;
      case 'position':
        if (this.positionsSubscribed) this.sendPosition(event.account);
        if (this.accountUpdates === event.account) this.sendAccountUpdates(event.account);
        return;
      case 'error':
        if (event.clientId === this.clientId) this.sendError(event.id, event.code, event.message, event.advancedOrderRejectJson ?? '');
        return;
    }
  }

  private onClosed(): void {
    if (this.phase === 'closed') return;
    this.phase = 'closed';
    for (const d of this.disposables.splice(0)) d.dispose();
    this.host.sessionClosed(this);
  }
}
