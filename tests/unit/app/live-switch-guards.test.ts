import { describe, expect, it } from 'vitest';
import { gatewayLiveAccount, liveSwitchProblems, type LiveSwitchState } from '../../../src/main/app/live-switch-guards';
import { DEFAULT_GATEWAY_SETTINGS, type GatewayStatus } from '../../../src/shared';
import { orderFixture } from '../../support/order-fixtures';

// The guards of the switch to live (issue 9 point 2), each refusal with the sentence the trader reads.

const LIVE_PORT = 4001;
const PAPER_PORT = 4002;

function gateway(overrides: Partial<GatewayStatus> = {}, handshake: GatewayStatus['handshake'] = { gateway: `127.0.0.1:${LIVE_PORT}`, port: LIVE_PORT, accounts: ['U1234567'] }): GatewayStatus {
  return {
    phase: 'REFUSED',
    gateway: `127.0.0.1:${LIVE_PORT}`,
    role: null,
    attempt: 0,
    brokenFarms: [],
    reason: `Floor is in paper mode but port ${LIVE_PORT} is a live gateway port; switch mode or connect to a paper port`,
    accounts: [],
    heldOrders: [],
    account: null,
    handshake,
    ...overrides,
  };
}

function state(overrides: Partial<LiveSwitchState> = {}): LiveSwitchState {
  return { keyStore: 'KEYCHAIN', settings: { ...DEFAULT_GATEWAY_SETTINGS, venue: 'IB' }, gateway: gateway(), paperOrders: [], ...overrides };
}

const codes = (s: LiveSwitchState, typed?: string) => liveSwitchProblems(s, typed).map((p) => p.code);

describe('the switch to live: guards', () => {
  it('passes a live gateway (U account on a live port) with the account typed exactly, in the keychain, with no paper order', () => {
    expect(liveSwitchProblems(state(), 'U1234567')).toEqual([]);
    expect(gatewayLiveAccount(state().gateway)).toBe('U1234567');
  });

  it('refuses while keys are in a file, saying how to get a keychain and migrate', () => {
    const [problem] = liveSwitchProblems(state({ keyStore: 'FILE' }), 'U1234567');
    expect(problem?.code).toBe('KEYS_IN_FILE');
    expect(problem?.message).toMatch(/needs the signing key in an OS keychain.*floor\.keys\.json.*gnome-keyring or KWallet.*floor keys migrate/);
  });

  it('refuses the simulated exchange: live trading goes through Interactive Brokers', () => {
    const problems = liveSwitchProblems(state({ settings: DEFAULT_GATEWAY_SETTINGS, gateway: null }), 'U1234567');
    expect(problems).toEqual([{ code: 'VENUE_NOT_IB', message: expect.stringMatching(/goes through Interactive Brokers: set the venue to Interactive Brokers in Settings > Gateway/) }]);
  });

  it('refuses without a gateway that answered: none seen, or one that is reconnecting', () => {
    const none = liveSwitchProblems(state({ gateway: gateway({ phase: 'RECONNECTING', reason: 'connect ECONNREFUSED 127.0.0.1:4001' }, null) }), 'U1234567');
    expect(none).toEqual([{ code: 'NO_GATEWAY', message: expect.stringMatching(/no gateway is connected: Floor has no answer from 127\.0\.0\.1:4001 \(connect ECONNREFUSED.*start IB Gateway or TWS logged in to your live account/) }]);
    // A handshake once seen does not count while the gateway is away now.
    expect(codes(state({ gateway: gateway({ phase: 'RECONNECTING' }) }), 'U1234567')).toEqual(['NO_GATEWAY']);
  });

  it('refuses a paper account on a live port, by the mode-agreement rule', () => {
    const paperAccount = gateway({}, { gateway: `127.0.0.1:${LIVE_PORT}`, port: LIVE_PORT, accounts: ['DU1234567'] });
    const [problem] = liveSwitchProblems(state({ gateway: paperAccount }), 'DU1234567');
    expect(problem).toEqual({ code: 'MODE_DISAGREEMENT', message: expect.stringMatching(/is not a live gateway: Floor is in live mode but the gateway manages paper account DU1234567/) });
  });

  it('refuses a live account behind a paper port, and a port in neither list', () => {
    const paperPort = gateway({}, { gateway: `127.0.0.1:${PAPER_PORT}`, port: PAPER_PORT, accounts: ['U1234567'] });
    expect(liveSwitchProblems(state({ gateway: paperPort }), 'U1234567')[0]?.message).toMatch(/live mode but port 4002 is a paper gateway port/);
    const stray = gateway({}, { gateway: '127.0.0.1:9999', port: 9999, accounts: ['U1234567'] });
    expect(liveSwitchProblems(state({ gateway: stray }), 'U1234567')[0]?.message).toMatch(/port 9999 is neither a paper port \(7497, 4002\) nor a live port \(7496, 4001\)/);
  });

  it('refuses an account id typed otherwise than the gateway names it (case counts), and judges nothing before one is typed', () => {
    expect(liveSwitchProblems(state(), 'U7654321')).toEqual([
      { code: 'ACCOUNT_MISMATCH', message: 'the account id typed ("U7654321") is not the gateway\'s live account U1234567: type it exactly as IB shows it to confirm' },
    ]);
    expect(codes(state(), 'u1234567')).toEqual(['ACCOUNT_MISMATCH']);
    expect(codes(state(), undefined)).toEqual([]);
  });

  it('refuses while paper orders are working or staged, naming each', () => {
    const working = orderFixture({ clientOrderId: 'FPAPR-1', status: 'ACCEPTED' });
    const staged = orderFixture({ clientOrderId: 'FPAPR-2', status: 'STAGED', side: 'SELL', quantity: 5 });
    const [problem] = liveSwitchProblems(state({ paperOrders: [working, staged] }), 'U1234567');
    expect(problem).toEqual({
      code: 'PAPER_ORDERS_WORKING',
      message: '2 paper orders are still working or staged (FPAPR-1 BUY 100 GOOG (working), FPAPR-2 SELL 5 GOOG (staged)): cancel them before going live',
    });
  });

  it('lists every problem at once, keys first', () => {
    const paperAccount = gateway({}, { gateway: `127.0.0.1:${LIVE_PORT}`, port: LIVE_PORT, accounts: ['DU1'] });
    expect(codes(state({ keyStore: 'FILE', gateway: paperAccount, paperOrders: [orderFixture()] }), 'DU1')).toEqual(['KEYS_IN_FILE', 'MODE_DISAGREEMENT', 'PAPER_ORDERS_WORKING']);
  });
});
