import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ReactNode } from 'react';
import type { Alert, Order, TerminalStatus } from '../../../src/shared';
import { AlertBanner } from '../../../src/renderer/src/features/alerts';
import { ApprovalQueue } from '../../../src/renderer/src/features/approvals';
import { Header } from '../../../src/renderer/src/features/header';
import { OrderTicket } from '../../../src/renderer/src/features/ticket';
import { BottomPanel } from '../../../src/renderer/src/layout';
import { RpcClient } from '../../../src/renderer/src/rpc';
import { initialTerminalState, TerminalContext, TerminalStore, TradeTape, UiBus, type TerminalState } from '../../../src/renderer/src/state';
import { orderView, replayStatus } from './fixtures';

const T0 = 1_340_280_000_000_000;

const status: TerminalStatus = {
  mode: 'PAPER',
  liveAccount: null,
  modeNotice: null, otherModeOrders: 0,
  connection: 'CONNECTED',
  tradingState: 'HALTED',
  venue: 'PAPER',
  gateway: null,
  keyStore: 'KEYCHAIN',
  badTicks: { bandBps: 500, excluded: 0, last: null },
  replay: replayStatus(),
};

/** Renders `node` to HTML with the services wired to a store holding `state` (effects do not run server-side). */
function render(node: ReactNode, state: Partial<TerminalState>): string {
  const client = new RpcClient({
    url: 'ws://127.0.0.1:1/rpc',
    transport: () => {
      throw new Error('never started');
    },
  });
  const services = { client, store: new TerminalStore({ ...initialTerminalState, ...state }), tape: new TradeTape(), ui: new UiBus() };
  return renderToStaticMarkup(<TerminalContext.Provider value={services}>{node}</TerminalContext.Provider>);
}

function staged(id: string, score: number | undefined, expiresAt: number): Order {
  return orderView({ clientOrderId: id, status: 'STAGED', sizing: 'RISK', signal: score === undefined ? null : { score, stop: 580_000_000 }, expiresAt, quantity: 120 });
}

describe('approval queue view', () => {
  it('lists staged orders by score with the market-time countdown and approve/reject buttons', () => {
    const orders = new Map([staged('LOW', 1, T0 + 20_000_000), staged('HIGH', 5, T0 + 300_000_000), orderView({ clientOrderId: 'WORKING' })].map((o) => [o.clientOrderId, o]));
    const html = render(<ApprovalQueue tabs={null} />, { orders, book: { instrumentId: 'GOOG', tsEvent: T0, bids: [], asks: [] } });
    const ids = [...html.matchAll(/data-testid="approval-row" data-client-order-id="([^"]+)"/g)].map((match) => match[1]);
    expect(ids).toEqual(['HIGH', 'LOW']);
    expect(html).toContain('data-expiry="soon"');
    expect(html).toMatch(/data-testid="approval-expiry">5:00</);
    expect(html).toMatch(/data-testid="approval-expiry">0:20</);
    // 120 shares x ($585.33 - $580.00) to the stop
    expect(html).toContain('$639.60');
    expect(html.match(/data-testid="approval-approve"/g)).toHaveLength(2);
    expect(html.match(/data-testid="approval-reject"/g)).toHaveLength(2);
  });

  it('counts staged orders on the Approvals tab while Orders stays the default view', () => {
    const orders = new Map([staged('A', 1, T0), staged('B', 2, T0)].map((o) => [o.clientOrderId, o]));
    const html = render(<BottomPanel />, { orders });
    expect(html).toMatch(/data-testid="approvals-count" data-count="2"/);
    expect(html).toMatch(/data-testid="orders-tab" data-active="true"/);
    expect(html).toContain('data-testid="alerts-tab"');
  });
});

describe('header risk controls', () => {
  it('shows the trading state, Resume when halted, settings and the kill switch with its hotkey', () => {
    const html = render(<Header onOpenSettings={() => undefined} />, { status, connection: 'connected' });
    expect(html).toMatch(/data-testid="header-trading-state" data-state="HALTED"/);
    expect(html).toContain('data-testid="resume-trading"');
    expect(html).toContain('data-testid="settings-open"');
    expect(html).toMatch(/data-testid="kill-switch" title="Kill switch: halt trading and cancel every open order \(Ctrl\+Shift\+K\)"/);
  });

  it('shows mode, venue, source, the replay clock with its raw market time, and the replay controls', () => {
    const html = render(<Header onOpenSettings={() => undefined} />, {
      status,
      connection: 'connected',
      session: { instrument: { instrumentId: 'GOOG', venue: 'NASDAQ', tickSize: 10_000, currency: 'USD' }, startingCash: 100_000_000_000 },
    });
    expect(html).toMatch(/data-testid="header-mode"[^>]*>PAPER</);
    expect(html).toMatch(/data-testid="header-connection" data-state="connected"/);
    expect(html).toMatch(/data-testid="header-venue">PAPER</);
    expect(html).toMatch(/data-testid="header-venue-connection">CONNECTED</);
    expect(html).toMatch(/data-testid="header-instrument">GOOG</);
    expect(html).toMatch(/data-testid="header-source" title="Synthetic \(Cont-Stoikov-Talreja 2010\)">Synthetic \(Cont-Stoikov-Talreja 2010\)</);
    // 37_800 s after midnight = 10:30:00.000 ET.
    expect(html).toMatch(/data-testid="header-replay-time" data-market-time="37800000000000"[^>]*>10:30:00.000 /);
    expect(html).toMatch(/data-testid="replay-pause" data-paused="false"/);
    expect(html).toContain('data-testid="replay-speed"');
    expect(html).toMatch(/class="replay__slider" min="34200" max="57600" step="1" data-testid="replay-seek"[^>]* value="37800"/);
  });

  it('shows neither clock, venue nor replay controls before the first status', () => {
    const html = render(<Header onOpenSettings={() => undefined} />, { connection: 'connecting' });
    expect(html).toMatch(/data-testid="header-mode"[^>]*>—</);
    expect(html).not.toContain('header-replay-time');
    expect(html).not.toContain('header-venue');
    expect(html).not.toContain('replay-pause');
  });

  it('offers no Resume while trading is active', () => {
    const html = render(<Header onOpenSettings={() => undefined} />, { status: { ...status, tradingState: 'ACTIVE' } });
    expect(html).toMatch(/data-state="ACTIVE"/);
    expect(html).not.toContain('resume-trading');
  });
});

describe('critical alert banner view', () => {
  const trip: Alert = {
    alertId: 'A1',
    severity: 'CRITICAL',
    code: 'BREAKER_TRIPPED',
    message: 'GOOG fell 10.2% from its 5-minute high: trading halted, 12 orders canceled',
    instrumentId: 'GOOG',
    tsEvent: T0,
    details: { dropBps: 1_020, highPrice: 600_000_000, ordersCanceled: 12 },
  };

  it('shows the newest unacknowledged critical alert with its figures', () => {
    const html = render(<AlertBanner />, { alerts: [trip] });
    expect(html).toMatch(/data-testid="alert-banner" data-alert-id="A1"/);
    expect(html).toContain('10.2%');
    expect(html).toContain('600.00');
    expect(html).toContain('data-testid="alert-banner-ack"');
  });

  it('is gone once acknowledged', () => {
    expect(render(<AlertBanner />, { alerts: [trip], acknowledgedAlertIds: new Set(['A1']) })).toBe('');
  });
});

describe('ticket view', () => {
  it('keeps the existing ticket ids and adds the sizing selector and score', () => {
    const html = render(<OrderTicket />, {});
    for (const id of ['ticket-side-buy', 'ticket-quantity', 'ticket-type', 'ticket-tif', 'ticket-limit-price', 'ticket-submit', 'ticket-message', 'ticket-sizing', 'ticket-score']) {
      expect(html, id).toContain(`data-testid="${id}"`);
    }
  });
});
