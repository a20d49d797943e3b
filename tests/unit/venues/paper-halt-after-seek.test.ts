import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { LobsterReplayFeed } from '../../../src/main/marketdata';
import { FixedCommissionModel, PaperVenue } from '../../../src/main/venues/paper';
import type { VenueOrderEvent } from '../../../src/main/venues';
import { craftPair, field, lobsterNanos, readLines, GOOG_PAIRS } from '../../support/lobster-craft';
import { FakeClock } from '../marketdata/fake-clock';
import { goog } from './paper-venue-fixtures';

/**
 * Issue 17 point 4: a trading halt replayed from LOBSTER type-7 rows holds the paper venue whether
 * the replay plays into it or a seek lands in it. The day: the GOOG excerpt (../shared/data) with a
 * halt row after message 1000, quoting resuming after message 1300 and trading after message 1600
 * (LOBSTER: price -1, 0, 1; direction -1; the book row repeats the previous one), in a temp folder.
 */
const tmp = mkdtempSync(path.join(os.tmpdir(), 'floor-halt-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const HALT_AFTER = { HALTED: 1000, QUOTING: 1300, RESUMED: 1600 } as const;
const PHASE_PRICE = { HALTED: '-1', QUOTING: '0', RESUMED: '1' } as const;
const messages = readLines(GOOG_PAIRS.excerpt.message);
const timeOf = (row: number): number => lobsterNanos(field(messages[row - 1]!, 0));

function haltedDay(): string {
  const after = new Map<number, keyof typeof HALT_AFTER>(Object.entries(HALT_AFTER).map(([phase, row]) => [row, phase as keyof typeof HALT_AFTER]));
  const insert = (lines: string[], row: (line: string, phase: keyof typeof HALT_AFTER) => string): string[] =>
    lines.flatMap((line, i) => {
      const phase = after.get(i + 1);
      return phase === undefined ? [line] : [line, row(line, phase)];
    });
  return craftPair(tmp, {
    from: 'excerpt',
    messages: (lines) => insert(lines, (line, phase) => `${field(line, 0)},7,0,0,${PHASE_PRICE[phase]},-1`),
    orderbook: (lines) => insert(lines, (line) => line),
  }).message;
}

const feeds: LobsterReplayFeed[] = [];
afterEach(() => {
  for (const feed of feeds.splice(0)) feed.dispose();
});

async function market(): Promise<{ feed: LobsterReplayFeed; clock: FakeClock; venue: PaperVenue; events: VenueOrderEvent[] }> {
  const clock = new FakeClock();
  const feed = await LobsterReplayFeed.open({ messageFile: haltedDay(), clock, speed: 100 });
  feeds.push(feed);
  const venue = new PaperVenue({ feeds: [feed], commission: new FixedCommissionModel(), runId: 'halt' });
  const events: VenueOrderEvent[] = [];
  venue.onEvent((event) => events.push(event));
  return { feed, clock, venue, events };
}

/** A buy at the best ask: marketable, so it fills at once when the market trades. */
function marketableBuy(feed: LobsterReplayFeed) {
  return goog({ side: 'BUY', quantity: 1, limitPrice: feed.book.bestAsk()!.price, timeInForce: 'IOC' });
}

function outcome(events: VenueOrderEvent[], clientOrderId: string): string[] {
  const word = (e: VenueOrderEvent): string => e.type.replace(/^Order/, '').toLowerCase();
  return events.filter((e) => e.clientOrderId === clientOrderId).map((e) => (e.type === 'OrderRejected' ? `rejected ${e.reason.code}` : word(e)));
}

describe('a replayed trading halt after a seek', () => {
  it('rejects orders after a seek into the halt and into its quoting phase, and takes them once trading resumed', async () => {
    const { feed, venue, events } = await market();
    for (const [row, halt] of [
      [HALT_AFTER.HALTED + 100, 'HALTED'],
      [HALT_AFTER.QUOTING + 100, 'QUOTING'],
    ] as const) {
      await feed.seek(timeOf(row));
      expect(feed.status().marketHalt).toBe(halt);
      const order = marketableBuy(feed);
      venue.submit(order);
      expect(outcome(events, order.clientOrderId)).toEqual(['rejected MARKET_HALTED']);
    }
    await feed.seek(timeOf(HALT_AFTER.RESUMED + 100));
    expect(feed.status().marketHalt).toBeNull();
    const after = marketableBuy(feed);
    venue.submit(after);
    expect(outcome(events, after.clientOrderId)).toEqual(['accepted', 'filled']);
  });

  it('does not fill a resting order that a seek into the halt finds crossed', async () => {
    const { feed, venue, events } = await market();
    // The lowest ask while halted, and a moment before the halt when a buy there rests inside the spread.
    const books = readLines(GOOG_PAIRS.excerpt.orderbook).map((line) => line.split(',').map(Number));
    const haltRows = books.slice(HALT_AFTER.HALTED + 100, HALT_AFTER.QUOTING - 10);
    const lowAsk = Math.min(...haltRows.map((row) => row[0]!));
    const crossedRow = HALT_AFTER.HALTED + 101 + haltRows.findIndex((row) => row[0] === lowAsk);
    const before = books.findIndex((row, i) => i > 800 && row[2]! < lowAsk && row[0]! > lowAsk) + 1;
    expect(before).toBeGreaterThan(0);
    await feed.seek(timeOf(before));
    const resting = goog({ side: 'BUY', quantity: 10, limitPrice: lowAsk * 100 });
    venue.submit(resting);
    expect(outcome(events, resting.clientOrderId)).toEqual(['accepted']);

    await feed.seek(timeOf(crossedRow));
    expect(feed.status().marketHalt).toBe('HALTED');
    expect(feed.book.bestAsk()!.price).toBeLessThanOrEqual(lowAsk * 100);
    expect(outcome(events, resting.clientOrderId)).toEqual(['accepted']);
  });

  it('holds after a seek back from after the halt into it, as when playing into it', async () => {
    const { feed, clock, venue, events } = await market();
    await feed.seek(timeOf(HALT_AFTER.HALTED - 10));
    feed.start();
    await clock.advance(1_000, () => feed.settled());
    expect(feed.status().marketTime).toBeGreaterThan(timeOf(HALT_AFTER.HALTED));
    expect(feed.status().marketTime).toBeLessThan(timeOf(HALT_AFTER.QUOTING));
    feed.pause();
    const played = marketableBuy(feed);
    venue.submit(played);
    expect(outcome(events, played.clientOrderId)).toEqual(['rejected MARKET_HALTED']);

    await feed.seek(timeOf(HALT_AFTER.RESUMED + 50));
    await feed.seek(timeOf(HALT_AFTER.HALTED + 50));
    const sought = marketableBuy(feed);
    venue.submit(sought);
    expect(outcome(events, sought.clientOrderId)).toEqual(['rejected MARKET_HALTED']);
  });
});
