import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import {
  LobsterFileNameError,
  LobsterFormatError,
  LobsterMessageReader,
  LobsterOrderbookReader,
  LobsterPairedReader,
  lobsterFileInfo,
  locateOrderbookFile,
} from '../../../src/main/marketdata';
import type { LobsterBookRows, MarketEvent } from '../../../src/main/marketdata';

const repoRoot = path.resolve(__dirname, '../../..');
const excerpts = path.resolve(repoRoot, '../shared/data/lobster/excerpts');
const GOOG_MSG = path.join(excerpts, 'GOOG_2012-06-21_34200000_57600000_message_10_first2000.csv');
const GOOG_OB = path.join(excerpts, 'GOOG_2012-06-21_34200000_57600000_orderbook_10_first2000.csv');
const AAPL_MSG = path.join(excerpts, 'AAPL_2012-06-21_34200000_57600000_message_10_first999.csv');

const tmp = mkdtempSync(path.join(os.tmpdir(), 'floor-lobster-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Writes `text` to a temp file with a LOBSTER-style name and returns its path. */
function fixture(name: string, text: string | Buffer): string {
  const file = path.join(tmp, name);
  writeFileSync(file, text);
  return file;
}

async function readAll(reader: LobsterMessageReader): Promise<MarketEvent[]> {
  const all: MarketEvent[] = [];
  for (let batch = await reader.nextBatch(); batch; batch = await reader.nextBatch()) all.push(...batch);
  reader.close();
  return all;
}

async function readRows(reader: LobsterOrderbookReader): Promise<number[][]> {
  const rows: number[][] = [];
  for (let batch: LobsterBookRows | null = await reader.nextBatch(); batch; batch = await reader.nextBatch()) {
    const width = 4 * batch.levels;
    for (let r = 0; r < batch.count; r++) rows.push(Array.from(batch.data.subarray(r * width, (r + 1) * width)));
  }
  reader.close();
  return rows;
}

const MSG_NAME = 'TEST_2012-06-21_34200000_57600000_message_2.csv';
const OB_NAME = 'TEST_2012-06-21_34200000_57600000_orderbook_2.csv';

describe('LOBSTER file names', () => {
  it('reads ticker, session date, session window and level count from the name', () => {
    expect(lobsterFileInfo('/data/GOOG_2012-06-21_34200000_57600000_message_10.csv')).toEqual({
      ticker: 'GOOG',
      sessionDate: '2012-06-21',
      sessionStart: 34_200_000_000_000,
      sessionEnd: 57_600_000_000_000,
      levels: 10,
    });
    expect(lobsterFileInfo(GOOG_MSG).levels).toBe(10);
    expect(lobsterFileInfo('x/AAPL_2012-06-21_34200000_57600000_orderbook_1.csv.gz').ticker).toBe('AAPL');
  });

  it('rejects a name that does not fit, naming the file and the expected pattern', () => {
    expect(() => lobsterFileInfo('/data/goog-day.csv')).toThrow(LobsterFileNameError);
    expect(() => lobsterFileInfo('/data/goog-day.csv')).toThrow(/\/data\/goog-day\.csv: .*TICKER_YYYY-MM-DD_34200000_57600000_message_N\.csv/);
    expect(() => lobsterFileInfo('GOOG_2012-13-40_34200000_57600000_message_10.csv')).toThrow(/not a calendar date/);
    expect(() => lobsterFileInfo('GOOG_2012-06-21_57600000_34200000_message_10.csv')).toThrow(/session window/);
  });

  it('accepts an explicit override instead of or on top of the name', () => {
    expect(lobsterFileInfo('/data/goog-day.csv', { ticker: 'GOOG', sessionDate: '2012-06-21', levels: 10 })).toMatchObject({
      ticker: 'GOOG',
      levels: 10,
      sessionStart: 34_200_000_000_000,
    });
    expect(lobsterFileInfo(GOOG_MSG, { ticker: 'GOOGL' }).ticker).toBe('GOOGL');
    expect(() => lobsterFileInfo(GOOG_MSG, { levels: 0 })).toThrow(/level count 0/);
  });

  it('finds the orderbook file next to the message file, plain or gzipped', () => {
    expect(locateOrderbookFile(GOOG_MSG)).toBe(GOOG_OB);
    const full = path.resolve(repoRoot, '../shared/data/lobster/GOOG_2012-06-21_34200000_57600000_message_10.csv');
    expect(locateOrderbookFile(full)).toMatch(/orderbook_10\.csv\.gz$/);
    expect(() => locateOrderbookFile(fixture('LONE_2012-06-21_34200000_57600000_message_1.csv', '34200,1,1,1,1,1\n'))).toThrow(/no orderbook file next to it/);
  });
});

describe('LOBSTER message reader', () => {
  it('parses the GOOG excerpt into events with nanosecond times and micro-dollar prices', async () => {
    const events = await readAll(new LobsterMessageReader(GOOG_MSG));
    expect(events).toHaveLength(2000);
    expect(events[0]).toEqual({ kind: 'EXECUTE_VISIBLE', time: 34_200_015_105_074, orderId: 15818974, size: 4, price: 579_400_000, side: 'BUY', haltPhase: undefined });
    // "34200.05990197" has 8 decimals: the time must still be exact nanoseconds.
    expect(events[1]!.time).toBe(34_200_059_901_970);
    expect(events[2]).toMatchObject({ kind: 'EXECUTE_HIDDEN', orderId: 0, size: 1, price: 579_510_000 });
    expect(events.at(-1)!.time).toBe(34_563_990_389_929);
    const kinds = new Set(events.map((e) => e.kind));
    expect(kinds).toEqual(new Set(['ADD', 'DELETE', 'EXECUTE_VISIBLE', 'EXECUTE_HIDDEN']));
  });

  it('reads a gzipped copy identically to the plain file', async () => {
    const gz = fixture('GOOG_2012-06-21_34200000_57600000_message_10.csv.gz', gzipSync(readFileSync(GOOG_MSG)));
    const plain = await readAll(new LobsterMessageReader(GOOG_MSG));
    const zipped = await readAll(new LobsterMessageReader(gz));
    expect(zipped).toEqual(plain);
  });

  it('reads a last line that has no trailing newline (the AAPL excerpt)', async () => {
    const events = await readAll(new LobsterMessageReader(AAPL_MSG));
    expect(events).toHaveLength(999);
    expect(events.at(-1)!.time).toBe(34_249_086_375_027);
  });

  it('maps type-7 halt rows to HALT events with their phase, and accepts CRLF line ends', async () => {
    const file = fixture(MSG_NAME, '34200.5,7,0,0,-1,-1\r\n34300,7,0,0,0,-1\r\n34400.000000001,7,0,0,1,-1\r\n');
    const events = await readAll(new LobsterMessageReader(file));
    expect(events.map((e) => [e.kind, e.haltPhase, e.time])).toEqual([
      ['HALT', 'HALTED', 34_200_500_000_000],
      ['HALT', 'QUOTING', 34_300_000_000_000],
      ['HALT', 'RESUMED', 34_400_000_000_001],
    ]);
  });

  const malformed: Array<[string, string, RegExp]> = [
    ['too few fields', '34200.1,1,5,100,5853300\n', /:2: 5 fields .*expected 6 comma-separated fields/],
    ['an unknown event type', '34200.1,9,5,100,5853300,1\n', /:2: event type "9" is unknown; expected 1\.\.7/],
    ['a bad direction', '34200.1,1,5,100,5853300,0\n', /:2: direction "0" is invalid; expected 1 \(buy\) or -1 \(sell\)/],
    ['a non-numeric price', '34200.1,1,5,100,58x3300,1\n', /:2: price "58x3300" is not an integer; expected dollars x 10000/],
    ['a time going backwards', '34199,1,5,100,5853300,1\n', /:2: time 34199 is earlier than the previous line's; expected non-decreasing/],
    ['a zero size', '34200.1,3,5,0,5853300,1\n', /:2: size is 0 for an event of type 3; expected a positive number of shares/],
    ['a halt with an unknown phase', '34200.1,7,0,0,2,-1\n', /:2: halt row \(type 7\) has price 2; expected -1 .* 0 .* or 1/],
    ['too many time decimals', '34200.123456789012345678901,1,5,100,5853300,1\n', /:2: time "34200\.123456789012345678901" is not decimal seconds; expected .* at most 20 decimals/],
    ['an empty line', '\n', /:2: empty line; expected 6 comma-separated fields/],
  ];
  for (const [what, line, message] of malformed) {
    it(`rejects a line with ${what}, naming file and line`, async () => {
      const file = fixture(MSG_NAME, '34200,1,1,100,5853300,1\n' + line + '34300,1,2,100,5853300,1\n');
      const reader = new LobsterMessageReader(file);
      const error = await readAll(reader).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LobsterFormatError);
      expect((error as Error).message.startsWith(`${file}:2: `)).toBe(true);
      expect((error as Error).message).toMatch(message);
    });
  }

  it('refuses a file with a name that does not fit, unless the caller overrides it', async () => {
    const file = fixture('today.csv', '34200,1,1,100,5853300,1\n');
    expect(() => new LobsterMessageReader(file)).toThrow(LobsterFileNameError);
    const events = await readAll(new LobsterMessageReader(file, { ticker: 'TEST', sessionDate: '2012-06-21', levels: 1 }));
    expect(events).toHaveLength(1);
  });

  it('says so when the file is missing or gzip data hides behind a .csv name', async () => {
    expect(() => new LobsterMessageReader(path.join(tmp, MSG_NAME.replace('TEST', 'NONE')))).toThrow(/cannot read the file/);
    const disguised = fixture('ZIP_2012-06-21_34200000_57600000_message_1.csv', gzipSync('34200,1,1,100,5853300,1\n'));
    await expect(readAll(new LobsterMessageReader(disguised))).rejects.toThrow(/gzip-compressed but its name does not end in \.gz/);
  });
});

describe('LOBSTER orderbook reader', () => {
  it('parses rows into micro-dollar prices in LOBSTER column order', async () => {
    const rows = await readRows(new LobsterOrderbookReader(GOOG_OB));
    expect(rows).toHaveLength(2000);
    expect(rows[0]!.slice(0, 4)).toEqual([580_230_000, 100, 579_400_000, 496]);
    expect(rows[1]!.slice(0, 4)).toEqual([580_230_000, 100, 579_400_000, 196]);
  });

  it('reads prices of any length exactly, short and long, up to the buffer end', async () => {
    // 1 to 13 digits: the row scan takes the first four digits of a price in one word when it can.
    const cases = ['7', '42', '999', '1000', '10001', '5853300', '99999999', '1234567890123'];
    const text = cases.map((ask, i) => `${ask},${i + 1},${i === 0 ? '-9999999999' : '1'},${i === 0 ? 0 : 5}`).join('\n');
    const file = fixture('LEN_2012-06-21_34200000_57600000_orderbook_1.csv', `${text}`);
    const rows = await readRows(new LobsterOrderbookReader(file));
    expect(rows.map((row) => row[0])).toEqual(cases.map((ask) => Number(ask) * 100));
    expect(rows.map((row) => row[1])).toEqual(cases.map((_, i) => i + 1));
    expect(rows[0]!.slice(2)).toEqual([NaN, 0]);
  });

  it('reads dummy levels (9999999999 / -9999999999, size 0) as empty levels', async () => {
    const file = fixture(OB_NAME, '5853300,100,5853200,50,9999999999,0,-9999999999,0\n5853300,100,5853200,50,5853400,10,-9999999999,0\n');
    const rows = await readRows(new LobsterOrderbookReader(file));
    expect(rows[0]).toEqual([585_330_000, 100, 585_320_000, 50, NaN, 0, NaN, 0]);
    expect(rows[1]).toEqual([585_330_000, 100, 585_320_000, 50, 585_340_000, 10, NaN, 0]);
  });

  const malformed: Array<[string, string, RegExp]> = [
    ['too few columns', '5853300,100,5853200\n', /:2: 3 fields; expected 8 comma-separated integers/],
    ['a dummy level with a size', '5853300,100,5853200,50,9999999999,5,-9999999999,0\n', /:2: ask level 2 is the empty-level placeholder 9999999999 but has size 5; expected size 0/],
    ['a level after an empty one', '9999999999,0,5853200,50,5853400,10,-9999999999,0\n', /:2: ask level 2 is occupied after an empty level/],
    ['asks out of order', '5853300,100,5853200,50,5853300,10,5853100,5\n', /:2: ask level 2 price 5853300 is not above level 1's 5853300; expected ask prices rising/],
    ['a text field', '5853300,100,5853200,abc,5853400,10,5853100,5\n', /:2: field 4 "abc" is not an integer/],
  ];
  for (const [what, line, message] of malformed) {
    it(`rejects a row with ${what}, naming file and line`, async () => {
      const file = fixture(OB_NAME, '5853300,100,5853200,50,5853400,10,5853100,5\n' + line);
      const error = await readRows(new LobsterOrderbookReader(file)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LobsterFormatError);
      expect((error as Error).message.startsWith(`${file}:2: `)).toBe(true);
      expect((error as Error).message).toMatch(message);
    });
  }
});

describe('LOBSTER paired reader', () => {
  it('pairs each message with the row after it across batch boundaries', async () => {
    const reader = new LobsterPairedReader(GOOG_MSG, GOOG_OB);
    let count = 0;
    for (let batch = await reader.nextBatch(); batch; batch = await reader.nextBatch()) {
      expect(batch.events.length).toBe(batch.rows.count);
      count += batch.events.length;
    }
    reader.close();
    expect(count).toBe(2000);
  });

  it('rejects files with different row counts', async () => {
    const msg = fixture('PAIR_2012-06-21_34200000_57600000_message_1.csv', '34200,1,1,100,5853300,1\n34201,1,2,100,5853300,1\n');
    const ob = fixture('PAIR_2012-06-21_34200000_57600000_orderbook_1.csv', '5853400,10,5853300,100\n');
    const reader = new LobsterPairedReader(msg, ob);
    await expect(
      (async () => {
        while (await reader.nextBatch());
      })(),
    ).rejects.toThrow(/_message_1\.csv:2: this message has no orderbook row: .*_orderbook_1\.csv ended after 1 rows; expected the same number of rows/);
    reader.close();
  });
});
