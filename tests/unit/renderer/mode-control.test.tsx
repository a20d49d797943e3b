import { renderToStaticMarkup } from 'react-dom/server';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import type { TerminalStatus } from '../../../src/shared';
import { formatArmedSpan } from '../../../src/renderer/src/features/header/AutomationArm';
import { ModeControl } from '../../../src/renderer/src/features/mode';
import { DEFAULT_TICKET_FORM, ticketButtonLabel } from '../../../src/renderer/src/features/ticket/ticket-form';
import { RpcClient } from '../../../src/renderer/src/rpc';
import { initialTerminalState, TerminalContext, TerminalStore, TradeTape, UiBus } from '../../../src/renderer/src/state';
import { terminalStatusFixture } from '../../support/terminal-status';

// Live looks live (issue 9 point 3) and automation arming in the header (issue 10), as rendered.

function status(overrides: Partial<TerminalStatus>): TerminalStatus {
  return terminalStatusFixture({ venue: 'IB', ...overrides });
}

function render(node: ReactNode, terminal: TerminalStatus): string {
  const client = new RpcClient({ url: 'ws://127.0.0.1:1/rpc', transport: () => { throw new Error('never started'); } });
  const services = { client, store: new TerminalStore({ ...initialTerminalState, status: terminal }), tape: new TradeTape(), ui: new UiBus() };
  return renderToStaticMarkup(<TerminalContext.Provider value={services}>{node}</TerminalContext.Provider>);
}

describe('the PAPER / LIVE control', () => {
  it('in paper: PAPER and "Go live…"', () => {
    const html = render(<ModeControl />, status({}));
    expect(html).toMatch(/data-testid="header-mode"[^>]*>PAPER</);
    expect(html).toContain('data-testid="mode-go-live"');
    expect(html).not.toContain('header-live-account');
  });

  it('in live: LIVE in red with the account id, and "Back to paper"', () => {
    const html = render(<ModeControl />, status({ mode: 'LIVE', liveAccount: 'U1234567' }));
    expect(html).toMatch(/class="mode-badge mode-badge--live" data-testid="header-mode"[^>]*>LIVE</);
    expect(html).toMatch(/data-testid="header-live-account"[^>]*>U1234567</);
    expect(html).toContain('data-testid="mode-back-to-paper"');
  });

  it('says when a restart came back in paper, and counts the other mode\'s open orders without listing them', () => {
    const html = render(<ModeControl />, status({ modeNotice: 'Started in paper: the last run ended live on account U1234567.', otherModeOrders: 2 }));
    expect(html).toMatch(/data-testid="header-mode-notice" title="Started in paper: the last run ended live on account U1234567\.">restarted in paper</);
    expect(html).toMatch(/data-testid="header-other-mode-orders"[^>]*>2 live orders open</);
  });
});

describe('the ticket button', () => {
  it('reads "BUY 100 GOOG LIVE" in live and stays as it was in paper', () => {
    const form = { ...DEFAULT_TICKET_FORM, side: 'BUY' as const, quantity: '100', orderType: 'LIMIT' as const, limitPrice: '585.33' };
    expect(ticketButtonLabel(form, 'GOOG', 'LIVE')).toBe('BUY 100 GOOG LIVE @ 585.33');
    expect(ticketButtonLabel(form, 'GOOG', 'PAPER')).toBe('Buy 100 GOOG @ 585.33');
    expect(ticketButtonLabel({ ...form, side: 'SELL', orderType: 'MARKET', sizing: 'RISK' }, 'GOOG', 'LIVE')).toBe('SELL GOOG LIVE at market · risk-sized');
  });
});

describe('automation arming in the header', () => {
  // Rendered in Chromium by tests/e2e/paper-live.test.ts (the interlock status is client-side state).
  it('shows the time left as hours, minutes and seconds', () => {
    expect(formatArmedSpan(247_000_000)).toBe('4:07');
    expect(formatArmedSpan(3 * 3600_000_000 + 59 * 60_000_000 + 12_000_000)).toBe('3:59:12');
    expect(formatArmedSpan(-5)).toBe('0:00');
  });
});
