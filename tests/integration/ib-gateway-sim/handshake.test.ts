import { afterEach, describe, expect, it } from 'vitest';
import { EventName } from '@stoqey/ib';
import { API_PREFIX, ClientStreamDecoder, encodeFrame, FramingError, splitFields } from '../../ib-gateway-sim/framing';
import { negotiateVersion, parseVersionRange } from '../../ib-gateway-sim/handshake';
import { startStand, type SimStand } from './fixture';
import { RawClient } from './raw-client';

describe('gateway simulator framing and handshake', () => {
  it('frames fields as length prefix plus NUL-terminated UTF-8 fields', () => {
    const frame = encodeFrame([9, 1, 'é', true, undefined]);
    expect(frame.readUInt32BE(0)).toBe(frame.length - 4);
    expect(splitFields(frame.subarray(4))).toEqual(['9', '1', 'é', '1', '']);
  });

  it('decodes the API preamble and frames split or coalesced at any byte', () => {
    const version = Buffer.from('v100..193');
    const hello = Buffer.concat([API_PREFIX, Buffer.from([0, 0, 0, version.length]), version]);
    const stream = Buffer.concat([hello, encodeFrame([71, 2, 5, '']), encodeFrame([49, 1])]);
    for (const step of [1, 3, 7, stream.length]) {
      const decoder = new ClientStreamDecoder();
      const units = [];
      for (let i = 0; i < stream.length; i += step) units.push(...decoder.push(stream.subarray(i, i + step)));
      expect(units).toEqual([
        { kind: 'hello', versionText: 'v100..193' },
        { kind: 'message', fields: ['71', '2', '5', ''] },
        { kind: 'message', fields: ['49', '1'] },
      ]);
    }
  });

  it('refuses bytes that are not the API preamble', () => {
    expect(() => new ClientStreamDecoder().push(Buffer.from('GET / HTTP/1.1\r\n'))).toThrow(FramingError);
  });

  it('negotiates min(configured, client max) and refuses ranges that do not meet', () => {
    expect(parseVersionRange('v100..193')).toEqual({ min: 100, max: 193, options: [] });
    expect(parseVersionRange('v150')).toEqual({ min: 150, max: 150, options: [] });
    expect(parseVersionRange('v100..193 +PACEAPI')).toEqual({ min: 100, max: 193, options: ['+PACEAPI'] });
    expect(parseVersionRange('100..193')).toBeUndefined();
    expect(negotiateVersion({ min: 100, max: 193 }, 193)).toBe(193);
    expect(negotiateVersion({ min: 100, max: 176 }, 193)).toBe(176);
    expect(negotiateVersion({ min: 100, max: 193 }, 120)).toBe(120);
    expect(negotiateVersion({ min: 150, max: 193 }, 120)).toBeUndefined();
  });
});

describe('gateway simulator session start with the real @stoqey/ib client', () => {
  let stand: SimStand | undefined;
  afterEach(async () => {
    await stand?.close();
    stand = undefined;
  });

  for (const serverVersion of [193, 166, 145, 100]) {
    it(`sends server version ${serverVersion}, managedAccounts, nextValidId and farm notices after START_API`, async () => {
      stand = await startStand({ serverVersion, firstOrderId: 42 });
      const client = stand.connect(3);
      expect(await client.next(EventName.nextValidId)).toEqual([42]);
      expect(await client.next(EventName.managedAccounts)).toEqual(['DU1234567']);
      await client.next(EventName.info, ([, code]) => code === 2158);
      expect(client.api.serverVersion).toBe(serverVersion);
      expect(stand.sim.sessions()[0]!.clientId).toBe(3);
      const infoCodes = client.all(EventName.info).map(([, code]) => code);
      expect(infoCodes).toEqual(expect.arrayContaining([2104, 2106, 2158]));

      client.api.reqCurrentTime();
      const [seconds] = (await client.next(EventName.currentTime)) as [number];
      expect(Math.abs(seconds - Date.now() / 1000)).toBeLessThan(5);
      client.api.reqIds();
      await client.next(EventName.nextValidId, (_args) => client.all(EventName.nextValidId).length >= 2);
      client.api.reqManagedAccts();
      await client.next(EventName.managedAccounts, () => client.all(EventName.managedAccounts).length >= 2);
      expect(client.decodeErrors()).toEqual([]);
      expect(client.errors()).toEqual([]);
    });
  }

  it('reports U... accounts in live mode', async () => {
    stand = await startStand({ mode: 'live' });
    const client = stand.connect(1);
    expect(await client.next(EventName.managedAccounts)).toEqual(['U1234567']);
  });

  it('answers a second connection with a client id in use with error 326 and closes it', async () => {
    stand = await startStand();
    const first = stand.connect(9);
    await first.next(EventName.nextValidId);
    const second = stand.connect(9);
    const [message, code] = (await second.next(EventName.info, ([, c]) => c === 326)) as [string, number];
    expect(code).toBe(326);
    expect(message).toMatch(/client id is already in use/);
    await second.next(EventName.disconnected);
    expect(second.all(EventName.nextValidId)).toEqual([]);
    // The first session is unaffected.
    first.api.reqCurrentTime();
    await first.next(EventName.currentTime);
  });
});

describe('gateway simulator handshake options and refusals, over a bare socket', () => {
  let stand: SimStand | undefined;
  const logs: string[] = [];
  const clients: RawClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.end();
    await stand?.close();
    stand = undefined;
    logs.length = 0;
  });
  async function open(options: Parameters<typeof startStand>[0] = {}): Promise<RawClient> {
    stand = await startStand({ handshakeTimeoutMs: 200, log: (line) => logs.push(line), ...options });
    const client = await RawClient.connect(stand.sim.port);
    clients.push(client);
    return client;
  }
  const isTime = (f: string[]): boolean => f[0] === '49';

  it('accepts "v100..193 +PACEAPI" and paces requests past the limit instead of refusing them (no error 100)', async () => {
    const client = await open({ pacingLimitPerSecond: 10 });
    client.hello('v100..193 +PACEAPI');
    const { fields: answer } = await client.next(() => true);
    expect(answer[0]).toBe('193');
    expect(stand!.sim.sessions()[0]!.connectOptions).toEqual(['+PACEAPI']);
    client.send([71, 2, 5, '']);
    await client.next((f) => f[0] === '9');
    const sentAt = performance.now();
    for (let i = 0; i < 15; i++) client.send([49, 1]);
    await client.next(() => client.frames.filter(isTime).length === 15);
    expect(client.frames.filter((f) => f[0] === '4' && f[3] === '100')).toEqual([]);
    const times = client.frames.map((f, i) => (isTime(f) ? client.arrivals[i]! : undefined)).filter((t): t is number => t !== undefined);
    // The 11th is served when the 1st leaves the one-second window (the first 10 went out at once).
    expect(times[10]! - times[0]!).toBeGreaterThanOrEqual(950);
    expect(times[10]! - sentAt).toBeGreaterThanOrEqual(950);
  });

  it('without +PACEAPI refuses the excess with error 100', async () => {
    const client = await open({ pacingLimitPerSecond: 10 });
    client.hello();
    await client.next(() => true);
    client.send([71, 2, 5, '']);
    await client.next((f) => f[0] === '9');
    for (let i = 0; i < 15; i++) client.send([49, 1]);
    await client.next(() => client.frames.filter((f) => f[0] === '4' && f[3] === '100').length === 5);
    client.send([17, 1]); // a later request after the excess: everything before it has been answered
    await client.next((f) => f[0] === '15');
    expect(client.frames.filter(isTime)).toHaveLength(10);
  });

  it('closes a pre-v100 client (it sends its client version, not "API\\0") at once, saying why', async () => {
    const client = await open();
    client.write('63\0');
    await client.closed;
    expect(client.frames).toEqual([]);
    expect(logs).toEqual([expect.stringMatching(/expected the "API\\0" preamble of the v100\+ handshake, got "63\\u0000"/)]);
  });

  it('closes a connection that sends nothing, or "API\\0" without a version range, after the handshake timeout', async () => {
    const silent = await open();
    const partial = await RawClient.connect(stand!.sim.port);
    clients.push(partial);
    partial.write('API\0');
    await Promise.all([silent.closed, partial.closed]);
    expect(logs).toHaveLength(2);
    expect(logs.every((line) => /no API handshake \("API\\0" and a version range\) within 200 ms/.test(line))).toBe(true);
  });
});
