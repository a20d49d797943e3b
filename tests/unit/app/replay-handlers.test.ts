import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createReplayHandlers } from '../../../src/main/app/replay-handlers';
import type { RpcHandlers } from '../../../src/main/host';
import { dispatchRpc } from '../../../src/main/host/rpc-dispatch';
import { LobsterReplayFeed } from '../../../src/main/marketdata';
import type { HostFrame, ReplayStatus } from '../../../src/shared';
import { craftPair, field, lobsterNanos, readLines, withField, GOOG_PAIRS } from '../../support/lobster-craft';
import { FakeClock } from '../marketdata/fake-clock';

/**
 * Issue 17 point 2 at the RPC boundary: a replay that stopped on bad data answers the trader's
 * controls with the file:line and what was wrong (CONFLICT), not "internal error", and lets them
 * seek back or open another day of the stock. Files crafted from the GOOG excerpt in ../shared/data.
 */
const tmp = mkdtempSync(path.join(os.tmpdir(), 'floor-replay-rpc-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const feeds: LobsterReplayFeed[] = [];
afterEach(() => {
  for (const feed of feeds.splice(0)) feed.dispose();
});

const BAD = 1200;
const SESSION_END = 57_600 * 1e9;

async function replay(message: string): Promise<{ feed: LobsterReplayFeed; call: (method: string, params: unknown) => Promise<HostFrame> }> {
  const feed = await LobsterReplayFeed.open({ messageFile: message, clock: new FakeClock() });
  feeds.push(feed);
  const handlers = createReplayHandlers(() => feed) as unknown as RpcHandlers;
  let id = 0;
  return { feed, call: (method, params) => dispatchRpc(JSON.stringify({ id: ++id, method, params }), handlers, () => undefined) };
}

function badDay(): string {
  return craftPair(tmp, { from: 'excerpt', messages: (lines) => lines.map((line, i) => (i === BAD - 1 ? withField(line, 1, '9') : line)) }).message;
}

describe('replay RPCs on a replay that stopped on bad data', () => {
  it('answers a seek past the bad line with CONFLICT naming file:line, and seeks back on request', async () => {
    const message = badDay();
    const { feed, call } = await replay(message);
    const past = await call('replay.control', { action: 'seek', marketTime: SESSION_END });
    expect(past).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(past.kind === 'response' && !past.ok && past.error.message).toContain(`${message}:${BAD}: event type "9" is unknown`);
    const lastGood = lobsterNanos(field(readLines(GOOG_PAIRS.excerpt.message)[BAD - 2]!, 0));
    expect(feed.status()).toMatchObject({ state: 'FAILED', marketTime: lastGood, failure: { file: message, line: BAD } });

    const resume = await call('replay.control', { action: 'resume' });
    expect(resume).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining(`:${BAD}: event type "9"`) } });

    const back = await call('replay.control', { action: 'seek', marketTime: 34_300 * 1e9 });
    expect(back).toMatchObject({ ok: true, result: { state: 'PAUSED', failure: null, marketTime: 34_300 * 1e9 } });
  });

  it('lists the other days of the stock beside the replayed file and opens one', async () => {
    const message = badDay();
    const folder = path.dirname(message);
    // Another day of GOOG (the excerpt under the next date's name) and a day of AAPL in the same folder.
    const nextDay = path.join(folder, path.basename(message).replace('2012-06-21', '2012-06-22'));
    copyFileSync(GOOG_PAIRS.excerpt.message, nextDay);
    copyFileSync(GOOG_PAIRS.excerpt.orderbook, nextDay.replace('_message_', '_orderbook_'));
    const aapl = path.resolve(GOOG_PAIRS.excerpt.message, '../AAPL_2012-06-21_34200000_57600000_message_10_first999.csv');
    copyFileSync(aapl, path.join(folder, path.basename(aapl)));
    const { feed, call } = await replay(message);
    await call('replay.control', { action: 'seek', marketTime: SESSION_END });

    const listed = await call('replay.files', {});
    expect(listed).toMatchObject({
      ok: true,
      result: {
        files: [
          { file: message, sessionDate: '2012-06-21', levels: 10, current: true },
          { file: nextDay, sessionDate: '2012-06-22', levels: 10, current: false },
        ],
      },
    });

    const opened = await call('replay.open', { file: nextDay });
    expect(opened).toMatchObject({ ok: true, result: { state: 'PAUSED', failure: null, marketTime: 34_200 * 1e9, source: { kind: 'LOBSTER', file: nextDay, sessionDate: '2012-06-22' } } });
    const status = feed.status() satisfies ReplayStatus;
    expect(status.source).toMatchObject({ file: nextDay });
    // The new day plays to its end: its data are good.
    await expect(call('replay.control', { action: 'seek', marketTime: SESSION_END })).resolves.toMatchObject({ ok: true, result: { state: 'PAUSED' } });

    const refused = await call('replay.open', { file: path.join(folder, path.basename(aapl)) });
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringMatching(/not one of the GOOG days beside/) } });
    expect(feed.status().source).toMatchObject({ file: nextDay });
  });
});
