import { afterEach, describe, expect, it } from 'vitest';
import { EventName } from '@stoqey/ib';
import { API_PREFIX, ClientStreamDecoder, encodeFrame, FramingError, splitFields } from '../../ib-gateway-sim/framing';
import { negotiateVersion, parseVersionRange } from '../../ib-gateway-sim/handshake';
import { startStand, type SimStand } from './fixture';

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
    expect(parseVersionRange('v100..193')).toEqual({ min: 100, max: 193 });
    expect(parseVersionRange('v150')).toEqual({ min: 150, max: 150 });
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
