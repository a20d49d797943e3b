/**
 * Real data: ../shared/data/lobster/GOOG_2012-06-21_34200000_57600000_{message,orderbook}_10 (LOBSTER
 * sample, Nasdaq, 2012-06-21). The whole day's book, as the simulator publishes it to a depth
 * subscription of 10 rows, read the way Floor's adapter reads it: each updateMktDepthL2 message
 * encoded by the simulator, decoded by @stoqey/ib's Decoder (and, as a second reading, by the field
 * table), applied by the adapter's DepthRows (IB's row-shifting INSERT / DELETE) into an OrderBook.
 * After every LOBSTER message the adapter's book equals the simulator's top 10 on both sides, and
 * the day includes inserts and deletes inside the visible rows, not only at the bottom.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OrderSide } from '../../../src/shared';
import { LobsterBookSync, LobsterPairedReader, OrderBook } from '../../../src/main/marketdata';
import { DepthRows, levelChangeEvent } from '../../../src/main/venues/ib/depth-rows';
import { fieldText } from '../../ib-gateway-sim/framing';
import { decodeWithTable } from '../../ib-gateway-sim/layouts/table-decoder';
import { DepthPublisher } from '../../ib-gateway-sim/market-data';
import { DEPTH_OP, mktDepthL2 } from '../../ib-gateway-sim/messages/out-market';
import { clientStreamDecoder } from './client-decoder';

const dir = path.resolve(__dirname, '../../../../shared/data/lobster');
const MESSAGES = path.join(dir, 'GOOG_2012-06-21_34200000_57600000_message_10.csv');
const ORDERBOOK = path.join(dir, 'GOOG_2012-06-21_34200000_57600000_orderbook_10.csv.gz');
const ROWS = 10;
const SV = 193;
const SIDES: readonly OrderSide[] = ['BUY', 'SELL'];

describe('depth of the GOOG level-10 day through the adapter\'s row shifting', () => {
  it('after every message the adapter\'s book equals the simulator\'s top 10, with inserts and deletes inside the book', async () => {
    const reader = new LobsterPairedReader(MESSAGES, ORDERBOOK);
    const simBook = new OrderBook('GOOG');
    const sync = new LobsterBookSync(simBook, ROWS, ORDERBOOK, MESSAGES);
    const publisher = new DepthPublisher(simBook, ROWS);
    const adapterBook = new OrderBook('GOOG');
    const rows = new DepthRows(ROWS);
    const decode = clientStreamDecoder(SV);
    const counts = { messages: 0, insertsInside: 0, deletesInside: 0, updates: 0 };
    const problems: string[] = [];
    let events = 0;
    let seeded = false;
    for (let batch = await reader.nextBatch(); batch; batch = await reader.nextBatch()) {
      if (!seeded) {
        sync.seed(batch.events[0]!, batch.rows, 0);
        seeded = true;
      }
      for (let i = 0; i < batch.events.length; i++) {
        sync.step(batch.events[i]!, batch.rows, i, batch.events[i + 1]);
        events++;
        for (const change of publisher.changes()) {
          const wire = mktDepthL2(7, change.position, 'NSDQ', change.operation, change.side, change.price, change.size, true, SV).map(fieldText);
          const table = decodeWithTable(wire, SV).values;
          const client = decode(wire);
          const args = client.events[0]?.args as [number, number, string, number, number, number, number] | undefined;
          if (client.errors.length > 0 || args === undefined) {
            problems.push(`event ${events}: the client could not read ${JSON.stringify(wire)}`);
            continue;
          }
          const [, position, , operation, side, price, size] = args;
          if (position !== table.position || operation !== table.operation || side !== table.side || price !== table.price) problems.push(`event ${events}: the client and IB's gating read ${JSON.stringify(wire)} differently`);
          const held = rows.count(side === 1 ? 'BUY' : 'SELL');
          if (operation === DEPTH_OP.INSERT && position < held) counts.insertsInside++;
          if (operation === DEPTH_OP.DELETE && position < held - 1) counts.deletesInside++;
          if (operation === DEPTH_OP.UPDATE) counts.updates++;
          counts.messages++;
          const applied = rows.apply(position, operation, side, price, size, (bookSide, levelPrice, delta) => adapterBook.apply(levelChangeEvent(adapterBook, bookSide, levelPrice, delta, batch.events[i]!.time)));
          if (!applied) problems.push(`event ${events}: the adapter could not apply ${JSON.stringify(wire)}`);
        }
        for (const side of SIDES) {
          const got = adapterBook.levels(side, ROWS + 1);
          const want = simBook.levels(side, ROWS);
          if (got.length !== want.length || got.some((l, k) => l.price !== want[k]!.price || l.size !== want[k]!.size)) {
            problems.push(`event ${events} ${side}: adapter ${JSON.stringify(got.slice(0, 3))}... vs simulator ${JSON.stringify(want.slice(0, 3))}...`);
          }
        }
        if (problems.length > 5) break;
      }
      if (problems.length > 5) break;
    }
    reader.close();
    expect(problems).toEqual([]);
    expect(events).toBe(147_916);
    expect(counts.insertsInside).toBeGreaterThan(1_000);
    expect(counts.deletesInside).toBeGreaterThan(1_000);
    expect(counts.updates).toBeGreaterThan(counts.insertsInside);
  });
});
