import { describe, expect, it } from 'vitest';
import { checkModeAgreement } from '../../../../src/main/venues/ib/mode-agreement';
import { assertGatewayHostAllowed, GatewayHostRefusedError } from '../../../../src/main/venues/ib/gateway-host';

describe('paper and live must agree', () => {
  it('trades paper on a paper port with DU accounts, and live on a live port with U accounts', () => {
    expect(checkModeAgreement('PAPER', 4002, ['DU1234567'])).toEqual({ ok: true });
    expect(checkModeAgreement('PAPER', 7497, ['DU1', 'DU2'])).toEqual({ ok: true });
    expect(checkModeAgreement('LIVE', 4001, ['U7654321'])).toEqual({ ok: true });
  });

  it('refuses a live port in paper mode and a paper port in live mode, saying which', () => {
    expect(checkModeAgreement('PAPER', 7496, undefined)).toMatchObject({ ok: false, reason: expect.stringMatching(/paper mode but port 7496 is a live/) });
    expect(checkModeAgreement('LIVE', 4002, undefined)).toMatchObject({ ok: false, reason: expect.stringMatching(/live mode but port 4002 is a paper/) });
  });

  it('refuses a live account behind a paper port, a paper account in live mode, and no accounts', () => {
    expect(checkModeAgreement('PAPER', 4002, ['DU1', 'U2'])).toMatchObject({ ok: false, reason: expect.stringMatching(/live account U2/) });
    expect(checkModeAgreement('LIVE', 4001, ['DU1'])).toMatchObject({ ok: false, reason: expect.stringMatching(/paper account DU1/) });
    expect(checkModeAgreement('PAPER', 4002, [''])).toMatchObject({ ok: false, reason: expect.stringMatching(/no managed accounts/) });
  });

  it('takes the trader\'s own port lists, and refuses a port in neither or in both', () => {
    const ports = { paper: [14002], live: [14001] };
    expect(checkModeAgreement('PAPER', 14002, ['DU1'], ports)).toEqual({ ok: true });
    expect(checkModeAgreement('PAPER', 4002, ['DU1'], ports)).toMatchObject({ ok: false, reason: expect.stringMatching(/neither a paper port/) });
    expect(checkModeAgreement('PAPER', 1, ['DU1'], { paper: [1], live: [1] })).toMatchObject({ ok: false, reason: expect.stringMatching(/both/) });
  });
});

describe('gateway host allow-list', () => {
  it('accepts loopback in every spelling', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1', ' LOCALHOST ']) {
      expect(() => assertGatewayHostAllowed(host)).not.toThrow();
    }
  });

  it('refuses any other host unless its IP is listed, and refuses names even when listed', () => {
    expect(() => assertGatewayHostAllowed('10.0.0.5')).toThrow(GatewayHostRefusedError);
    expect(assertGatewayHostAllowed('10.0.0.5', ['10.0.0.5'])).toBe('10.0.0.5');
    expect(() => assertGatewayHostAllowed('gateway.example.com', ['10.0.0.5'])).toThrow(/allowed IP \(10\.0\.0\.5\)/);
    expect(() => assertGatewayHostAllowed('10.0.0.5', ['gateway.lan'])).toThrow(/not an IP address/);
  });
});
