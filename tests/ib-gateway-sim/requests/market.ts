import type { Disposable } from '../../../src/shared';
import { matchesContract } from '../contract';
import { DepthPublisher, QuotePublisher, type DepthRowStats, type QuoteTick } from '../market-data';
import * as req from '../messages/in-requests';
import { intAt, parseReqMarketDataType } from '../messages/in-more-requests';
import { MARKET_DATA_TYPE, marketDataType, mktDepthL2, tickPrice, tickReqParams, tickSize, tickSnapshotEnd } from '../messages/out-market';
import { CODE, REQ } from '../protocol';
import type { RequestHandler, SessionIo } from '../session-io';

interface DepthSub {
  readonly publisher: DepthPublisher;
  readonly isSmartDepth: boolean;
}

/** Rows of the depth book IB serves at most per side (TWS caps reqMktDepth numRows). */
const MAX_DEPTH_ROWS = 50;
/** The SMART component map key tickReqParams names for the stock (reqSmartComponents expands it). */
export const BBO_EXCHANGE = '9c0001';
/** tickReqParams snapshotPermissions: snapshots allowed (IB's value for a subscribed US stock). */
const SNAPSHOT_PERMISSIONS = 3;

/**
 * Market data of one session: reqMktData (tickReqParams and marketDataType first, then the quote
 * and every trade print), reqMktDepth (depth rows), reqMarketDataType, and their cancels; fed by
 * the replayed book, paused by 1100 and dropped by 1101 as IB's notices say.
 */
export class MarketRequests implements RequestHandler {
  private readonly quotes = new Map<number, QuotePublisher>();
  private readonly depth = new Map<number, DepthSub>();
  /** Depth rows sent on this session, over every subscription it had. */
  readonly depthStats: DepthRowStats = { inserts: 0, insertsInside: 0, updates: 0, deletes: 0, deletesInside: 0 };
  private readonly disposables: Disposable[] = [];
  private marketSubscribed = false;
  /** Between a 1100 notice and 1101/1102: no market data or depth flows. */
  private paused = false;

  constructor(private readonly io: SessionIo) {}

  handle(id: number, fields: string[]): boolean {
    switch (id) {
      case REQ.REQ_MKT_DATA:
        this.subscribeQuotes(req.parseReqMktData(fields));
        return true;
      case REQ.CANCEL_MKT_DATA:
        this.cancel(this.quotes, intAt(fields, 2));
        return true;
      case REQ.REQ_MKT_DEPTH:
        this.subscribeDepth(req.parseReqMktDepth(fields, this.io.serverVersion));
        return true;
      case REQ.CANCEL_MKT_DEPTH:
        this.cancel(this.depth, intAt(fields, 2));
        return true;
      case REQ.REQ_MARKET_DATA_TYPE:
        parseReqMarketDataType(fields);
        // The replayed book is live data, which IB returns whatever type was asked for when the account has it.
        for (const reqId of this.quotes.keys()) this.io.send(marketDataType(reqId, MARKET_DATA_TYPE.REALTIME));
        return true;
      default:
        return false;
    }
  }

  /** 1100 pauses (true); 1102 resumes from the current book (false). */
  pause(paused: boolean): void {
    this.paused = paused;
    if (!paused) this.publish();
  }

  /** 1101 (data lost): every subscription is gone; the client asks again. */
  dataLost(): void {
    this.paused = false;
    this.quotes.clear();
    this.depth.clear();
  }

  /** Sends error 317 for every depth subscription, then the book again from scratch. */
  resetDepth(): void {
    for (const [reqId, sub] of this.depth) {
      this.io.sendError(reqId, CODE.DEPTH_RESET, 'Market depth data has been RESET. Please empty deep book contents before applying any new entries.');
      sub.publisher.clear();
      this.publishDepth(reqId, sub);
    }
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  private cancel(subs: Map<number, unknown>, reqId: number): void {
    if (!subs.delete(reqId)) this.io.sendError(reqId, CODE.TICKER_NOT_FOUND, `Can't find EId with tickerId:${reqId}`);
  }

  private accepts(reqId: number, contract: req.ReqMktData['contract']): boolean {
    if (this.quotes.has(reqId) || this.depth.has(reqId)) {
      this.io.sendError(reqId, CODE.DUPLICATE_TICKER_ID, `Error processing request.-'bW' : cause - Duplicate ticker id`);
      return false;
    }
    if (!matchesContract(contract, this.io.host.broker.contract)) {
      this.io.sendError(reqId, CODE.NO_SECURITY_DEFINITION, 'No security definition has been found for the request');
      return false;
    }
    return true;
  }

  private subscribeQuotes({ reqId, contract, snapshot }: req.ReqMktData): void {
    if (!this.accepts(reqId, contract)) return;
    const broker = this.io.host.broker;
    this.io.send(tickReqParams(reqId, broker.contract.minTick, BBO_EXCHANGE, SNAPSHOT_PERMISSIONS));
    this.io.send(marketDataType(reqId, MARKET_DATA_TYPE.REALTIME));
    const publisher = new QuotePublisher(broker.feed.book);
    this.sendTicks(reqId, publisher.quoteChanges());
    if (snapshot) {
      this.io.send(tickSnapshotEnd(reqId));
      return;
    }
    this.quotes.set(reqId, publisher);
    this.ensureMarketSubscription();
  }

  private subscribeDepth({ reqId, contract, numRows, isSmartDepth }: req.ReqMktDepth): void {
    if (!this.accepts(reqId, contract)) return;
    const sub: DepthSub = { publisher: new DepthPublisher(this.io.host.broker.feed.book, Math.max(1, Math.min(MAX_DEPTH_ROWS, numRows))), isSmartDepth };
    this.depth.set(reqId, sub);
    this.publishDepth(reqId, sub);
    this.ensureMarketSubscription();
  }

  private ensureMarketSubscription(): void {
    if (this.marketSubscribed) return;
    this.marketSubscribed = true;
    const feed = this.io.host.broker.feed;
    this.disposables.push(
      feed.onDidApply(() => this.publish()),
      feed.onDidTrade((trade) => {
        if (this.paused) return;
        for (const [reqId, publisher] of this.quotes) this.sendTicks(reqId, publisher.trade(trade.price, trade.size));
      }),
      feed.onDidReset(() => {
        this.resetDepth();
        this.publish();
      }),
    );
  }

  private publish(): void {
    if (this.paused) return;
    for (const [reqId, publisher] of this.quotes) this.sendTicks(reqId, publisher.quoteChanges());
    for (const [reqId, sub] of this.depth) this.publishDepth(reqId, sub);
  }

  private publishDepth(reqId: number, sub: DepthSub): void {
    const before = { ...sub.publisher.stats };
    const changes = sub.publisher.changes();
    for (const key of Object.keys(before) as Array<keyof DepthRowStats>) this.depthStats[key] += sub.publisher.stats[key] - before[key];
    for (const c of changes) {
      this.io.send(mktDepthL2(reqId, c.position, 'NSDQ', c.operation, c.side, c.price, c.size, sub.isSmartDepth, this.io.serverVersion));
    }
  }

  private sendTicks(reqId: number, ticks: readonly QuoteTick[]): void {
    for (const t of ticks) this.io.send(t.kind === 'price' ? tickPrice(reqId, t.tickType, t.price, t.size) : tickSize(reqId, t.tickType, t.size));
  }
}
