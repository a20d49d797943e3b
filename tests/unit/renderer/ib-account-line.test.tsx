import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { GatewayStatus, IbAccount, PositionView } from '../../../src/shared';
import { AccountStrip } from '../../../src/renderer/src/features/positions';
import { ibAccountTitle, positionMismatch } from '../../../src/renderer/src/features/positions/ib-account-text';
import { RpcClient } from '../../../src/renderer/src/rpc';
import { initialTerminalState, TerminalContext, TerminalStore, TradeTape, UiBus } from '../../../src/renderer/src/state';
import { terminalStatusFixture } from '../../support/terminal-status';

// 2026-06-22 14:31:05 UTC = 10:31:05 in New York (EDT).
const AS_OF = Date.UTC(2026, 5, 22, 14, 31, 5) * 1_000;

const ibAccount: IbAccount = {
  accountId: 'DU1234567',
  netLiquidation: 1_000_123_450_000,
  cash: 825_000_000_000,
  buyingPower: 3_300_000_000_000,
  grossPositionValue: 175_123_450_000,
  unrealizedPnl: 123_450_000,
  realizedPnl: -2_000_000,
  availableFunds: 956_000_000_000,
  positions: [{ symbol: 'GOOG', quantity: 300, averageCost: 583_333_333 }],
  asOf: AS_OF,
};

const gateway: GatewayStatus = { phase: 'CONNECTED', gateway: '127.0.0.1:4002', role: 'PRIMARY', attempt: 0, brokenFarms: [], reason: null, accounts: ['DU1234567'], heldOrders: [], account: ibAccount, handshake: null };

function floorPosition(quantity: number): PositionView {
  return { instrumentId: 'GOOG', quantity, avgPrice: 583_000_000, markPrice: 584_000_000, realizedPnl: 0, unrealizedPnl: 0, commissions: 0, updatedAt: AS_OF };
}

function render(status: GatewayStatus | null, positions: PositionView[]): string {
  const client = new RpcClient({
    url: 'ws://127.0.0.1:1/rpc',
    transport: () => {
      throw new Error('never started');
    },
  });
  const terminal = terminalStatusFixture({ venue: 'IB', replay: { instrumentId: 'GOOG' } as never, gateway: status });
  const services = { client, store: new TerminalStore({ ...initialTerminalState, status: terminal, positions }), tape: new TradeTape(), ui: new UiBus() };
  return renderToStaticMarkup(
    <TerminalContext.Provider value={services}>
      <AccountStrip />
    </TerminalContext.Provider>,
  );
}

describe("IB's account beside Floor's in the account strip", () => {
  it('shows IB net liquidation, cash, buying power and the time of its report', () => {
    const html = render(gateway, [floorPosition(300)]);
    expect(html).toContain('data-testid="ib-account"');
    expect(html).toContain('IB DU1234567: Net liq $1,000,123.45 · Cash $825,000.00 · Buying power $3,300,000.00 · as of 10:31:05');
    expect(html).not.toContain('ib-position-mismatch');
  });

  it("hints at a reconciliation when IB's position in the traded stock differs from Floor's", () => {
    const html = render(gateway, [floorPosition(200)]);
    expect(html).toContain('data-testid="ib-position-mismatch"');
    expect(html).toContain('IB shows 300 GOOG, Floor 200');
    expect(positionMismatch({ ...ibAccount, positions: [] }, 'GOOG', 200)).toBe('IB shows 0 GOOG, Floor 200');
    expect(positionMismatch(ibAccount, 'GOOG', 300)).toBeNull();
  });

  it('shows unknown figures as a dash, the rest in the tooltip, and nothing without IB', () => {
    const html = render({ ...gateway, account: { ...ibAccount, buyingPower: null } }, [floorPosition(300)]);
    expect(html).toContain('Buying power — ·');
    expect(ibAccountTitle(ibAccount)).toBe('Gross position value $175,123.45\nUnrealized P&L $123.45\nRealized P&L -$2.00\nAvailable funds $956,000.00\nIB positions: 300 GOOG @ $583.33');
    expect(render({ ...gateway, account: null }, [])).not.toContain('ib-account');
    expect(render(null, [])).not.toContain('ib-account');
  });
});
