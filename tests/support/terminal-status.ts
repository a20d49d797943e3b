import type { TerminalStatus } from '../../src/shared';

/**
 * A terminal status as the host pushes it, for renderer tests: paper, connected, ACTIVE, on the
 * paper venue, keys in the keychain, no gateway, no excluded prints; `overrides` sets what a test is about.
 */
export function terminalStatusFixture(overrides: Partial<TerminalStatus> = {}): TerminalStatus {
  return {
    mode: 'PAPER',
    liveAccount: null,
    modeNotice: null,
    otherModeOrders: 0,
    connection: 'CONNECTED',
    tradingState: 'ACTIVE',
    venue: 'PAPER',
    replay: {} as TerminalStatus['replay'],
    gateway: null,
    keyStore: 'KEYCHAIN',
    badTicks: { bandBps: 500, excluded: 0, last: null },
    ...overrides,
  };
}
