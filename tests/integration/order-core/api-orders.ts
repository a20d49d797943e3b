import Database from 'better-sqlite3';
import path from 'node:path';
import { DATABASE_FILE } from '../../../src/main/app';
import type { MarketFeed } from '../../../src/main/marketdata';

/** BUY 10 GOOG LIMIT at the best bid of `feed` with a stop $5 below: passes every default risk check. */
export function bidTicketWithStop(feed: MarketFeed) {
  const bid = feed.book.bestBid();
  if (bid === null || bid === undefined) throw new Error('the GOOG replay has no bid');
  return { instrumentId: 'GOOG', side: 'BUY', quantity: 10, orderType: 'LIMIT', timeInForce: 'DAY', limitPrice: bid.price, signal: { stop: bid.price - 5_000_000 } };
}

/** The events of order `clientOrderId` as the ledger file in `dataDir` holds them (a second, read-only connection). */
export function journaledEventTypes(dataDir: string, clientOrderId: string): string[] {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare('SELECT type FROM order_events WHERE client_order_id = ? ORDER BY seq').pluck().all(clientOrderId) as string[];
  } finally {
    db.close();
  }
}
