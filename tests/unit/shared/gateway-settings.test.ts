import { describe, expect, it } from 'vitest';
import { DEFAULT_GATEWAY_SETTINGS, gatewayHostProblem, gatewaySettingsSchema, isLoopbackHost, type GatewaySettings } from '../../../src/shared';

/** The issues zod reports for `candidate`, as `path: message`. */
function refusals(candidate: unknown): string[] {
  const parsed = gatewaySettingsSchema.safeParse(candidate);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

const settings = (overrides: Partial<GatewaySettings>): GatewaySettings => ({ ...DEFAULT_GATEWAY_SETTINGS, ...overrides });

describe('gatewaySettingsSchema', () => {
  it('fills every default: the simulated exchange; IB Gateway paper on this machine, client id 17; IB ports; hold; 1 s / 3 s heartbeat', () => {
    expect(DEFAULT_GATEWAY_SETTINGS).toEqual({
      venue: 'SIMULATED',
      primary: { host: '127.0.0.1', port: 4002, clientId: 17 },
      standby: null,
      ports: { paper: [7497, 4002], live: [7496, 4001] },
      allowedHosts: [],
      whileDisconnected: 'HOLD',
      heartbeatIntervalMs: 1_000,
      heartbeatTimeoutMs: 3_000,
    });
    expect(gatewaySettingsSchema.parse({ primary: { port: 7497 } })).toEqual(settings({ primary: { host: '127.0.0.1', port: 7497, clientId: 17 } }));
    expect(gatewaySettingsSchema.parse({ ports: { live: [4001] } }).ports).toEqual({ paper: [7497, 4002], live: [4001] });
  });

  it('accepts a remote primary and a standby whose IP addresses are allowed, trimming what was typed', () => {
    const remote = {
      venue: 'IB',
      primary: { host: ' 10.0.0.5 ', port: 4002, clientId: 3 },
      standby: { host: 'fe80::1', port: 4002, clientId: 3 },
      allowedHosts: ['10.0.0.5', ' fe80::1'],
      whileDisconnected: 'DENY',
    };
    expect(gatewaySettingsSchema.parse(remote)).toMatchObject({ primary: { host: '10.0.0.5' }, standby: { host: 'fe80::1' }, allowedHosts: ['10.0.0.5', 'fe80::1'] });
    expect(refusals({ primary: { host: 'localhost' }, standby: { host: '::1' } })).toEqual([]);
  });

  it('refuses a port listed as both paper and live', () => {
    expect(refusals({ ports: { paper: [7497, 4002], live: [4002, 4001] } })).toEqual(['ports.live: port 4002 is listed as both a paper and a live port; list it under one only']);
  });

  it('refuses a gateway host that is not loopback and not allowed, saying to allow its IP address', () => {
    expect(refusals({ primary: { host: '10.0.0.5' } })).toEqual([
      'primary.host: gateway host 10.0.0.5 is not loopback and not in allowed hosts; add its IP address to allowed hosts',
    ]);
    expect(refusals({ standby: { host: '192.168.1.20', port: 4002, clientId: 17 }, allowedHosts: ['192.168.1.21'] })).toEqual([
      'standby.host: gateway host 192.168.1.20 is not loopback and not in allowed hosts; add its IP address to allowed hosts',
    ]);
  });

  it('refuses a host name other than localhost, even when listed, asking for the IP address', () => {
    expect(refusals({ primary: { host: 'gateway.lan' }, allowedHosts: ['10.0.0.5'] })).toEqual([
      "primary.host: gateway host gateway.lan is a host name; Floor connects by name only to localhost: enter the gateway's IP address and add it to allowed hosts",
    ]);
  });

  it('refuses a standby that is the primary (same host and port)', () => {
    expect(refusals({ standby: { host: '127.0.0.1', port: 4002, clientId: 18 } })).toEqual([
      'standby: the standby gateway is the primary one (127.0.0.1:4002); give it another host or port, or remove it',
    ]);
    expect(refusals({ standby: { host: '127.0.0.1', port: 7497, clientId: 17 } })).toEqual([]);
  });

  it('refuses a heartbeat timeout not longer than the interval', () => {
    expect(refusals({ heartbeatIntervalMs: 3_000, heartbeatTimeoutMs: 3_000 })).toEqual([
      'heartbeatTimeoutMs: the heartbeat timeout (3000 ms) must be longer than the heartbeat interval (3000 ms)',
    ]);
  });

  it('refuses an allowed host that is not an IP address', () => {
    expect(refusals({ allowedHosts: ['10.0.0.5', 'gateway.lan', '10.0.0.256'] })).toEqual([
      "allowedHosts.1: allowed host gateway.lan is not an IP address; list IP addresses only, as in the gateway's Trusted IPs",
      "allowedHosts.2: allowed host 10.0.0.256 is not an IP address; list IP addresses only, as in the gateway's Trusted IPs",
    ]);
  });

  it('refuses values out of range with their bounds and units', () => {
    expect(
      refusals({
        primary: { host: '', port: 0, clientId: -1 },
        ports: { paper: [], live: [70_000] },
        heartbeatIntervalMs: 100,
        heartbeatTimeoutMs: 60_000,
      }),
    ).toEqual([
      'primary.host: the gateway host is empty: enter 127.0.0.1 for a gateway on this machine',
      'primary.port: the gateway port must be from 1 to 65535',
      'primary.clientId: the client id must be from 0 to 2147483647',
      'ports.paper: list at least one paper port',
      'ports.live.0: a live port must be from 1 to 65535',
      'heartbeatIntervalMs: the heartbeat interval must be from 250 to 10000 ms',
      'heartbeatTimeoutMs: the heartbeat timeout must be from 1000 to 30000 ms',
    ]);
    expect(refusals({ venue: 'PAPER' })).toEqual(['venue: the venue must be SIMULATED or IB']);
    expect(refusals({ whileDisconnected: 'QUEUE' })).toEqual(['whileDisconnected: while disconnected must be HOLD or DENY']);
    expect(refusals({ primary: { port: 4002.5 } })).toEqual(['primary.port: the gateway port must be a whole number']);
  });

  it('refuses unknown fields, including a trading mode: Floor always starts in paper mode', () => {
    expect(refusals({ mode: 'LIVE' })).toEqual([expect.stringMatching(/Unrecognized key.*mode/)]);
    expect(refusals({ primary: { host: '127.0.0.1', user: 'x' } })).toEqual([expect.stringMatching(/^primary: Unrecognized key.*user/)]);
  });
});

describe('gateway host rule', () => {
  it('takes 127.0.0.0/8, ::1, its IPv4-mapped form, brackets and localhost as loopback', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', '::ffff:127.0.0.1', 'localhost', ' LocalHost ']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['10.0.0.5', '128.0.0.1', '::2', 'localhost.evil.com', '127.0.0.1.nip.io', '']) expect(isLoopbackHost(host), host).toBe(false);
  });

  it('answers null for a loopback or allowed IP host and a sentence otherwise', () => {
    expect(gatewayHostProblem('127.0.0.1', [])).toBeNull();
    expect(gatewayHostProblem('10.0.0.5', ['10.0.0.5'])).toBeNull();
    expect(gatewayHostProblem('10.0.0.5', [])).toBe('gateway host 10.0.0.5 is not loopback and not in allowed hosts; add its IP address to allowed hosts');
  });
});
