/**
 * LOBSTER parse + apply throughput on the full GOOG level-10 day (147,916 messages, real data from
 * ../shared/data/lobster). Prints:
 * - lobster_parse_apply_goog_l10: message file read + parse + OrderBook.apply, events/s (median of
 *   runs). The 4,984 levels that enter the top 10 from beyond the message file's depth (and the stale
 *   ones that vanish) are not in the messages; they are recorded once from the orderbook file before
 *   timing and applied at their message index, so the timed loop does exactly what the book needs.
 * - lobster_parse_apply_goog_l10_per_event: ns per event, per read chunk (~25,000 events) of those runs.
 * - lobster_replay_pipeline_goog_l10: the replay's whole path, as LobsterReplayFeed runs it: both
 *   files read (orderbook gunzipped) and parsed, every message applied to the OrderBook and checked
 *   against its orderbook row by LobsterBookSync.step, events/s (median of runs). Issue 17 target:
 *   >= 1,000,000.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LobsterBookSync, LobsterMessageReader, LobsterPairedReader, OrderBook } from '../../src/main/marketdata';
import type { OrderSide } from '../../src/shared';
import { percentile, reportPercentiles, reportValue } from './report';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.resolve(here, '../../../shared/data/lobster');
const MESSAGES = path.join(dir, 'GOOG_2012-06-21_34200000_57600000_message_10.csv');
const ORDERBOOK = path.join(dir, 'GOOG_2012-06-21_34200000_57600000_orderbook_10.csv.gz');
const RUNS = 7;

/** Corrections from the orderbook file, by message index (applied after that message). */
interface Corrections {
  index: Int32Array;
  side: OrderSide[];
  price: Float64Array;
  size: Float64Array;
  count: number;
}

async function recordCorrections(): Promise<{ corrections: Corrections; seed: OrderBook }> {
  const reader = new LobsterPairedReader(MESSAGES, ORDERBOOK);
  const book = new OrderBook('GOOG');
  const sync = new LobsterBookSync(book, 10, ORDERBOOK, MESSAGES);
  const index: number[] = [];
  const side: OrderSide[] = [];
  const price: number[] = [];
  const size: number[] = [];
  let current = 0;
  sync.onCorrection = (s, p, z) => {
    index.push(current);
    side.push(s);
    price.push(p);
    size.push(z);
  };
  let seed: OrderBook | undefined;
  for (let batch = await reader.nextBatch(); batch; batch = await reader.nextBatch()) {
    if (!seed) {
      sync.seed(batch.events[0]!, batch.rows, 0);
      seed = new OrderBook('GOOG');
      for (const s of ['BUY', 'SELL'] as const) for (const level of book.levels(s, 1_000)) seed.setLevel(s, level.price, level.size);
    }
    for (let i = 0; i < batch.events.length; i++, current++) sync.step(batch.events[i]!, batch.rows, i);
  }
  reader.close();
  return {
    corrections: { index: Int32Array.from(index), side, price: Float64Array.from(price), size: Float64Array.from(size), count: index.length },
    seed: seed!,
  };
}

async function parseApply(seed: OrderBook, c: Corrections, perEventNs: number[]): Promise<{ events: number; seconds: number }> {
  const book = new OrderBook('GOOG');
  for (const s of ['BUY', 'SELL'] as const) for (const level of seed.levels(s, 1_000)) book.setLevel(s, level.price, level.size);
  const start = performance.now();
  const reader = new LobsterMessageReader(MESSAGES);
  let n = 0;
  let k = 0;
  for (;;) {
    const t0 = performance.now();
    const batch = await reader.nextBatch();
    if (batch === null) break;
    for (let i = 0; i < batch.length; i++, n++) {
      book.apply(batch[i]!);
      while (k < c.count && c.index[k] === n) {
        book.setLevel(c.side[k]!, c.price[k]!, c.size[k]!);
        k++;
      }
    }
    // Single-line batches (a line cut by a chunk boundary) say nothing about throughput.
    if (batch.length >= 1000) perEventNs.push(((performance.now() - t0) * 1e6) / batch.length);
  }
  reader.close();
  return { events: n, seconds: (performance.now() - start) / 1000 };
}

async function pipeline(): Promise<{ events: number; seconds: number }> {
  const start = performance.now();
  const reader = new LobsterPairedReader(MESSAGES, ORDERBOOK);
  const book = new OrderBook('GOOG');
  const sync = new LobsterBookSync(book, 10, ORDERBOOK, MESSAGES);
  let n = 0;
  for (let batch = await reader.nextBatch(); batch; batch = await reader.nextBatch()) {
    if (n === 0) sync.seed(batch.events[0]!, batch.rows, 0);
    const events = batch.events;
    // As LobsterReplayFeed.takeNext does: each message with its row, and the next message at hand.
    for (let i = 0; i < events.length; i++) sync.step(events[i]!, batch.rows, i, events[i + 1]);
    n += batch.events.length;
  }
  reader.close();
  return { events: n, seconds: (performance.now() - start) / 1000 };
}

export default async function (): Promise<void> {
  const { corrections, seed } = await recordCorrections();
  const rates: number[] = [];
  const perEventNs: number[] = [];
  await parseApply(seed, corrections, []); // warm-up (JIT)
  for (let run = 0; run < RUNS; run++) {
    const { events, seconds } = await parseApply(seed, corrections, perEventNs);
    if (events !== 147_916) throw new Error(`expected 147,916 events, parsed ${events}`);
    rates.push(events / seconds);
  }
  reportValue('lobster_parse_apply_goog_l10', percentile(rates, 50), 'events/s');
  reportPercentiles('lobster_parse_apply_goog_l10_per_event', perEventNs, 'ns (mean per ~1 MiB chunk)');

  const pipelineRates: number[] = [];
  await pipeline();
  for (let run = 0; run < RUNS; run++) {
    const { events, seconds } = await pipeline();
    pipelineRates.push(events / seconds);
  }
  reportValue('lobster_replay_pipeline_goog_l10', percentile(pipelineRates, 50), 'events/s');
}
