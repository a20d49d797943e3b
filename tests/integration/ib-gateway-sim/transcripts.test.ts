import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EventName } from '@stoqey/ib';
import { dollarsToMicros } from '../../../src/shared';
import { parseTranscript, type TranscriptFrame } from '../../../src/main/cli/ib-transcript';
import { WireRecorder } from '../../../src/main/cli/ib-wire-recorder';
import { closeRigs } from '../ib-venue/venue-rig';
import { connectClient, startStand, type SimStand } from './fixture';
import { recordSimSession } from './record-session';
import { replayToAdapter, type ReplayResult } from './transcript-replay';

/**
 * `floor ib record`'s recorder and the conformance replay: a session recorded through the recorder
 * (here against the simulator) replays to Floor's adapter, which must reach the same orders, fills
 * and positions as the recording says; and so must every transcript in
 * tests/ib-gateway-sim/transcripts (recorded against real gateways by contributors, see the README).
 */
const TRANSCRIPTS = path.resolve(__dirname, '../../ib-gateway-sim/transcripts');
const temp: string[] = [];
afterEach(async () => {
  await closeRigs();
  for (const dir of temp.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempFile(name: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'floor-transcript-'));
  temp.push(dir);
  return path.join(dir, name);
}

/** The adapter reached what the transcript says: every order's status, every fill once, IB's positions and Floor's. */
function expectConformance(result: ReplayResult): void {
  expect(result.mismatches).toEqual([]);
  expect(result.unreadable).toEqual([]);
  expect(Object.fromEntries(result.orders)).toEqual(Object.fromEntries(result.expected.orders));
  const expectedFills = Object.fromEntries([...result.expected.fills].map(([id, f]) => [id, { orderRef: f.orderRef, shares: f.shares, price: dollarsToMicros(f.price) }]));
  expect(Object.fromEntries(result.fills)).toEqual(expectedFills);
  expect(Object.fromEntries(result.ibPositions)).toEqual(Object.fromEntries(result.expected.positions));
  expect(Object.fromEntries(result.floorPositions)).toEqual(Object.fromEntries(result.expected.positions));
}

describe('recording a TWS API session (floor ib record)', () => {
  let stand: SimStand | undefined;
  afterEach(async () => {
    await stand?.close();
    stand = undefined;
  });

  it('records both directions with times, masks account ids, and passes every byte through unchanged', async () => {
    const out = tempFile('session.jsonl');
    const { accountsSeen } = await recordSimSession(out);
    expect(accountsSeen).toEqual(['DU1234567']);
    const text = readFileSync(out, 'utf8');
    expect(text).not.toContain('DU1234567');
    const transcript = parseTranscript(text, out);
    expect(transcript.header.note).toMatch(/marketable buy 100/);
    const frames = transcript.events.filter((e): e is TranscriptFrame => e.type === 'frame');
    expect(new Set(frames.map((f) => f.conn))).toEqual(new Set([1, 2])); // the restart: a second connection
    expect(frames.filter((f) => f.hello).map((f) => f.fields[0])).toEqual(['v100..193', 'v100..193']);
    expect(frames.some((f) => f.dir === 'toGateway' && f.fields[0] === '3')).toBe(true);
    expect(frames.find((f) => f.dir === 'toClient' && f.fields[0] === '15')!.fields[2]).toBe('DU0000001');
    expect(frames.find((f) => f.dir === 'toClient' && f.fields[0] === '11')!.fields).toContain('DU0000001');
    const times = transcript.events.map((e) => e.t);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(transcript.events.at(-1)).toMatchObject({ type: 'close', by: 'client' });
  });

  it('masks account ids wherever they appear (error texts included) and blanks FA XML and user-info payloads, keeping the request ids', async () => {
    stand = await startStand();
    const out = tempFile('masks.jsonl');
    const recorder = await WireRecorder.start({ gateway: { host: '127.0.0.1', port: stand.sim.port }, listenPort: 0, out, floorVersion: 'test' });
    const client = connectClient(recorder.port, 3);
    await client.next(EventName.nextValidId);
    client.api.reqPnL(41, 'U7654321', '');
    client.api.reqUserInfo(42);
    client.api.replaceFA(43, 1, '<ListOfGroups><Group><name>Mine</name><ListOfAccts><String>DU1234567</String></ListOfAccts></Group></ListOfGroups>');
    await client.next(EventName.error, ([, , id]) => id === 41);
    await client.sync();
    client.disconnect();
    await recorder.close();
    const text = readFileSync(out, 'utf8');
    expect(text).not.toMatch(/U7654321|DU1234567|Mine/);
    const frames = parseTranscript(text, out).events.filter((e): e is TranscriptFrame => e.type === 'frame');
    expect(frames.find((f) => f.fields[0] === '4' && f.fields[2] === '41')!.fields[4]).toMatch(/The account code "U0000002" is not managed by this gateway \(managed: DU0000001\)/);
    expect(frames.find((f) => f.fields[0] === '107')!.fields).toEqual(['107', '42', '<masked>']);
    expect(frames.find((f) => f.fields[0] === '19')!.fields).toEqual(['19', '1', '1', '<masked>', '43']);
  });

  it('refuses to record a live account: the connection is closed and the transcript says why', async () => {
    stand = await startStand({ mode: 'live' });
    const out = tempFile('live.jsonl');
    const recorder = await WireRecorder.start({ gateway: { host: '127.0.0.1', port: stand.sim.port }, listenPort: 0, out, floorVersion: 'test' });
    const client = connectClient(recorder.port, 3);
    await client.next(EventName.disconnected);
    await recorder.close();
    const transcript = parseTranscript(readFileSync(out, 'utf8'), out);
    expect(transcript.events.at(-1)).toMatchObject({ type: 'close', by: 'recorder', reason: expect.stringMatching(/live account: Floor records paper sessions only/) });
    expect(readFileSync(out, 'utf8')).not.toContain('U1234567');
  });

  it('replays a session recorded just now to the adapter: the same orders, fills and positions', async () => {
    const out = tempFile('session.jsonl');
    await recordSimSession(out);
    const result = await replayToAdapter(parseTranscript(readFileSync(out, 'utf8'), out));
    expect([...result.expected.orders.values()]).toEqual(['FILLED', 'CANCELED']);
    expect(result.expected.fills.size).toBeGreaterThan(0);
    expect(Object.fromEntries(result.expected.positions)).toEqual({ GOOG: 100 });
    expectConformance(result);
  });
});

describe('conformance: every transcript in tests/ib-gateway-sim/transcripts replays to the recorded outcome', () => {
  const files = readdirSync(TRANSCRIPTS).filter((f) => f.endsWith('.jsonl'));
  it('has at least the simulator transcript', () => {
    expect(files.length).toBeGreaterThan(0);
  });
  for (const file of files) {
    it(`${file}: the adapter reaches the recorded orders, fills and positions`, async () => {
      const full = path.join(TRANSCRIPTS, file);
      expectConformance(await replayToAdapter(parseTranscript(readFileSync(full, 'utf8'), full)));
    });
  }
});
