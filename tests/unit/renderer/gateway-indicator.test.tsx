import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { GatewayStatus } from '../../../src/shared';
import { orderStatusDisplay } from '../../../src/renderer/src/format';
import { GatewayIndicator } from '../../../src/renderer/src/features/header/GatewayIndicator';
import { gatewayPhaseText, gatewayTitle, gatewayWarnings } from '../../../src/renderer/src/features/header/gateway-text';
import { RpcClient } from '../../../src/renderer/src/rpc';
import { initialTerminalState, TerminalContext, TerminalStore, TradeTape, UiBus } from '../../../src/renderer/src/state';
import { terminalStatusFixture } from '../../support/terminal-status';

const connected: GatewayStatus = {
  phase: 'CONNECTED',
  gateway: '127.0.0.1:4002',
  role: 'PRIMARY',
  attempt: 0,
  brokenFarms: [],
  reason: null,
  accounts: ['DU1234567'],
  heldOrders: [],
  handshake: null,
  account: null,
};

function render(gateway: GatewayStatus | null): string {
  const client = new RpcClient({
    url: 'ws://127.0.0.1:1/rpc',
    transport: () => {
      throw new Error('never started');
    },
  });
  const status = terminalStatusFixture({ venue: 'IB', gateway });
  const services = { client, store: new TerminalStore({ ...initialTerminalState, status }), tape: new TradeTape(), ui: new UiBus() };
  return renderToStaticMarkup(
    <TerminalContext.Provider value={services}>
      <GatewayIndicator />
    </TerminalContext.Provider>,
  );
}

describe('IB gateway state in the header', () => {
  it('shows each phase in words, with the gateway, role and accounts in the tooltip', () => {
    expect(gatewayPhaseText({ ...connected, phase: 'RECONCILING' })).toBe('Reconciling…');
    expect(gatewayPhaseText({ ...connected, phase: 'RECONNECTING' })).toBe('Reconnecting…');
    expect(gatewayPhaseText({ ...connected, phase: 'UPSTREAM_LOST' })).toBe('IB connection lost');
    expect(gatewayTitle(connected)).toBe('IB gateway 127.0.0.1:4002 (primary): Connected; accounts DU1234567');
    expect(render(connected)).toContain('data-phase="CONNECTED"');
  });

  it('warns of broken data farms and held orders, and makes a refusal an alert with its reason', () => {
    const away: GatewayStatus = { ...connected, phase: 'REFUSED', brokenFarms: ['market data:usfarm'], heldOrders: ['F-1', 'F-2'], reason: 'Floor is in paper mode but port 7496 is a live gateway port' };
    expect(gatewayWarnings(away)).toEqual(['market data:usfarm farm broken', '2 orders held']);
    const html = render(away);
    expect(html).toContain('role="alert"');
    expect(html).toContain('2 orders held');
    expect(html).toContain('port 7496 is a live gateway port');
  });

  it('renders nothing on the simulated exchange, and reads a held SUBMITTED order as Held', () => {
    expect(render(null)).toBe('');
    expect(orderStatusDisplay({ status: 'SUBMITTED', filledQty: 0, quantity: 10 }, true)).toEqual({ label: 'Held', tone: 'held' });
    expect(orderStatusDisplay({ status: 'SUBMITTED', filledQty: 0, quantity: 10 })).toEqual({ label: 'Pending (0/10)', tone: 'pending' });
  });
});
