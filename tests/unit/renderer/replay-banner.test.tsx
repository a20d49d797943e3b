import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { BadTickSummary, ReplayStatus } from '../../../src/shared';
import { BadPrintsBadge, ReplayBanner, badPrintsTitle, failurePlace, seekBackTarget } from '../../../src/renderer/src/features/replay';
import { ReplayControls } from '../../../src/renderer/src/features/header';
import { RpcClient } from '../../../src/renderer/src/rpc';
import { initialTerminalState, TerminalContext, TerminalStore, TradeTape, UiBus } from '../../../src/renderer/src/state';
import { replayStatus } from './fixtures';
import { terminalStatusFixture } from '../../support/terminal-status';

const FILE = '/data/lobster/GOOG_2012-06-21_34200000_57600000_message_10.csv';
const playing = replayStatus({ source: { kind: 'LOBSTER', file: FILE, sessionDate: '2012-06-21' }, speed: 10 });
/** Stopped at line 30,000 of the message file; the last good event at 10:43:05.123456789. */
const failed: ReplayStatus = {
  ...playing,
  paused: true,
  state: 'FAILED',
  marketTime: 38_585_123_456_789,
  failure: { file: FILE, line: 30_000, reason: 'size "12x" is not a whole number; expected shares as a non-negative integer', marketTime: 38_585_123_456_789 },
};
const noBadTicks: BadTickSummary = { bandBps: 500, excluded: 0, last: null };

function render(replay: ReplayStatus, badTicks: BadTickSummary, node: ReactElement): string {
  const client = new RpcClient({
    url: 'ws://127.0.0.1:1/rpc',
    transport: () => {
      throw new Error('never started');
    },
  });
  const status = terminalStatusFixture({ replay, badTicks });
  const services = { client, store: new TerminalStore({ ...initialTerminalState, connection: 'connected', status }), tape: new TradeTape(), ui: new UiBus() };
  return renderToStaticMarkup(<TerminalContext.Provider value={services}>{node}</TerminalContext.Provider>);
}

describe('replay banner (issue 17 point 2)', () => {
  it('shows where the replay stopped, what was wrong, where book and clock stand, and the way back', () => {
    const html = render(failed, noBadTicks, <ReplayBanner />);
    expect(html).toContain('role="alert"');
    expect(html).toContain('REPLAY STOPPED');
    expect(html).toContain('GOOG_2012-06-21_34200000_57600000_message_10.csv:30000');
    expect(html).toContain(`title="${FILE}:30000"`);
    expect(html).toContain('size &quot;12x&quot; is not a whole number');
    expect(html).toContain('Book and clock at the last good event, 10:43:05.123 ET');
    expect(html).toContain('Seek back to 10:42:05');
  });

  it('is not there while the replay plays, and Resume is disabled while it is stopped', () => {
    expect(render(playing, noBadTicks, <ReplayBanner />)).toBe('');
    expect(render(failed, noBadTicks, <ReplayControls />)).toMatch(/<button[^>]*disabled=""[^>]*data-testid="replay-pause"/);
    expect(render(playing, noBadTicks, <ReplayControls />)).not.toMatch(/<button[^>]*disabled=""[^>]*data-testid="replay-pause"/);
  });

  it('seeks back a minute before the last good event, never before the session start', () => {
    expect(seekBackTarget(failed.failure!, failed.sessionStart)).toBe(38_525_123_456_789);
    expect(seekBackTarget({ ...failed.failure!, marketTime: 34_230_000_000_000 }, failed.sessionStart)).toBe(34_200_000_000_000);
    expect(failurePlace({ ...failed.failure!, file: null, line: null })).toBeNull();
  });

  it('shows the replayed market halt next to the controls', () => {
    expect(render({ ...playing, marketHalt: 'HALTED' }, noBadTicks, <ReplayControls />)).toContain('Market halted');
    expect(render({ ...playing, marketHalt: 'QUOTING' }, noBadTicks, <ReplayControls />)).toContain('Halt: quoting only');
  });
});

describe('bad-print count (issue 17 point 3)', () => {
  const summary: BadTickSummary = {
    bandBps: 500,
    excluded: 2,
    last: { price: 999_999_999_900, size: 100, tsEvent: Date.UTC(2012, 5, 21, 15, 0, 5) * 1000, hidden: true, bid: 577_550_000, ask: 578_440_000, low: 548_672_500, high: 607_362_000 },
  };

  it('shows how many prints were excluded, with the rule and the last one in the tooltip', () => {
    const html = render(playing, summary, <BadPrintsBadge />);
    expect(html).toContain('data-excluded="2"');
    expect(html).toContain('2 bad prints excluded');
    expect(badPrintsTitle(summary)).toBe(
      'Prints more than 5% outside the prevailing quote are kept off the breaker, the tape, the chart and P&L marks (counted since the replay last jumped).\n' +
        'Last: 100 @ 1000000.00 (hidden) at 11:00:05 ET, outside 548.67–607.36 (bid 577.55 / ask 578.44).',
    );
  });

  it('is not shown before a print was excluded', () => {
    expect(render(playing, noBadTicks, <BadPrintsBadge />)).toBe('');
  });
});
