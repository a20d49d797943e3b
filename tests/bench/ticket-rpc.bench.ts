/**
 * Ticket RPC -> paper venue acknowledgement inside `floor serve` (issue 2, point 9; target p99 <= 2 ms).
 *
 * A real `floor serve` child replays the full GOOG level-10 day at real speed (so the replay's own
 * event-loop work competes with the orders, as it does for a trader) with its ledger in a fresh data
 * folder on the ordinary disk. One WebSocket client, holding the session cookie and the app's Origin,
 * sends `orders.submit` frames one at a time and times each from `ws.send` to the arrival of its
 * response frame. The paper venue acknowledges synchronously inside `submit`, so the response already
 * carries the order as acknowledged: ACCEPTED (or FILLED) counts as a sample; anything else (DENIED,
 * REJECTED, an error frame) is printed and counted as an error, never as a sample.
 *
 * Orders: LIMIT DAY, 1 share, alternately a BUY OFFSET_MICROS below and a SELL OFFSET_MICROS above the
 * mid of `market.book` (refreshed between timed orders), so they rest at the venue without filling.
 * Every order takes the full order path (sizing, all risk checks, approval, ledger, venue). The client
 * behaves as a real one must: it paces itself at SEND_RATE_PER_S, under the risk profile's 45 orders/s
 * throttle (IB's 50 messages/s), and first raises the profile's position and exposure caps over the
 * `risk.profile.set` RPC so that 1,200 resting one-share orders are allowed to accumulate.
 *
 * Beside each order the client sends `host.ping`, a no-op RPC, timed the same way and paced the same
 * (one ping between two orders, so each stream runs at SEND_RATE_PER_S on the same serve in the same
 * run): the ping is what the host, the WebSocket and the JSON cost without the order path, so the
 * ratio of the two p99s is what the order path adds on this machine, whatever its noise.
 *
 * Prints:
 * - ticket_rpc_to_paper_ack: p50/p99 ms over the timed orders.
 * - trivial_rpc_roundtrip: p50/p99 ms of the pings; ticket_vs_trivial_rpc_p99_ratio (issue 10 target <= 1.5).
 * - ticket_rpc_errors: orders not acknowledged ACCEPTED/FILLED (0 expected).
 * - ticket_rpc_to_paper_ack_ledger_on_tmpfs and ticket_rpc_fsync_share: the same run with the data
 *   folder on tmpfs (/dev/shm), where fsync returns at once; the p50 difference is the time the
 *   ledger's commits still spend on the disk (paper trading opens the ledger with synchronous=NORMAL,
 *   so a commit no longer waits for an fsync; checkpoints still do). Skipped (with a line saying so)
 *   when /dev/shm is not a tmpfs.
 */
import { mkdtempSync, statfsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { registerAndUnlockOverRpc } from '../support/interlock-rpc';
import { GOOG_FULL_DAY, removeDataDir, sessionCookie, startServe } from '../support/serve-process';
import { percentile, reportPercentiles, reportValue } from './report';

/** Untimed orders first: JIT of the order path, SQLite statement caches, WAL file growth. */
const WARMUP_ORDERS = 100;
/** Orders per second the client sends: under the default risk profile's 45/s order-rate throttle. */
const SEND_RATE_PER_S = 40;
const TIMED_ORDERS = 1_000;
/** $3.00 from the mid: GOOG (~$570 that day) does not move that far within the few seconds of the run. */
const OFFSET_MICROS = 3_000_000;
/** Re-read the mid every this many orders (outside the timed section). */
const MID_REFRESH_EVERY = 50;
/** Per-call timeout; a hung host is an error, not a very long sample. */
const CALL_TIMEOUT_MS = 10_000;
/** statfs f_type of tmpfs (linux/magic.h TMPFS_MAGIC). */
const TMPFS_MAGIC = 0x01021994;

interface ResponseFrame {
  kind: 'response';
  id: number;
  ok: boolean;
  result?: unknown;
  error?: { code: string; message: string };
}

interface OrderResult {
  order: { clientOrderId: string; status: string; reason: { code: string; message: string } | null };
}

/** A sequential RPC client over one WebSocket that times each call from send to response arrival. */
class TimedRpc {
  private nextId = 1;
  private waiting: { id: number; resolve: (r: { frame: ResponseFrame; arrivedAt: number }) => void } | undefined;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const arrivedAt = performance.now();
      const text = data.toString();
      // Push frames (book, trades, orders ...) are not what we wait for; skip them without parsing.
      if (text.startsWith('{"kind":"push"')) return;
      const frame = JSON.parse(text) as ResponseFrame;
      if (this.waiting && frame.kind === 'response' && frame.id === this.waiting.id) {
        const { resolve } = this.waiting;
        this.waiting = undefined;
        resolve({ frame, arrivedAt });
      }
    });
  }

  static open(port: number, cookie: string, origin: string): Promise<TimedRpc> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://localhost:${port}/ws`, { headers: { Cookie: cookie, Origin: origin } });
      ws.once('open', () => resolve(new TimedRpc(ws)));
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`WebSocket upgrade refused with HTTP ${res.statusCode}`)));
    });
  }

  /** Sends one request; resolves with the response frame and the ms from send to its arrival. */
  call(method: string, params: unknown): Promise<{ frame: ResponseFrame; ms: number }> {
    if (this.waiting) throw new Error('TimedRpc is sequential: a call is already in flight');
    const id = this.nextId++;
    const text = JSON.stringify({ id, method, params });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = undefined;
        reject(new Error(`${method} (id ${id}) got no response within ${CALL_TIMEOUT_MS} ms`));
      }, CALL_TIMEOUT_MS);
      let sentAt = 0;
      this.waiting = {
        id,
        resolve: ({ frame, arrivedAt }) => {
          clearTimeout(timer);
          resolve({ frame, ms: arrivedAt - sentAt });
        },
      };
      sentAt = performance.now();
      this.ws.send(text);
    });
  }

  /** Calls and returns the result, throwing on an error frame (for the untimed set-up calls). */
  async result<T>(method: string, params: unknown): Promise<T> {
    const { frame } = await this.call(method, params);
    if (!frame.ok) throw new Error(`${method} failed: ${frame.error?.code} ${frame.error?.message}`);
    return frame.result as T;
  }

  close(): void {
    this.ws.close();
  }
}

interface RunResult {
  samples: number[];
  pings: number[];
  errors: string[];
  filled: number;
}

/** Mid of the top of book rounded down to the tick, micro-dollars. */
async function midOnTick(rpc: TimedRpc, tickSize: number): Promise<number> {
  const book = await rpc.result<{ bids: { price: number }[]; asks: { price: number }[] }>('market.book', { depth: 1 });
  const bid = book.bids[0]?.price;
  const ask = book.asks[0]?.price;
  if (bid === undefined || ask === undefined) throw new Error('market.book has an empty side; cannot price resting orders');
  return Math.floor((bid + ask) / 2 / tickSize) * tickSize;
}

/** Starts serve with its ledger in `dataDir`, submits the warm-up and timed orders, stops serve. */
async function runOrders(dataDir: string): Promise<RunResult> {
  const serve = await startServe({ replay: GOOG_FULL_DAY, speed: 1, dataDir });
  let rpc: TimedRpc | undefined;
  try {
    const cookie = await sessionCookie(serve.launchUrl);
    rpc = await TimedRpc.open(serve.port, cookie, serve.origin);
    // Order-sending RPCs (and risk.profile.set) need a live interlock session, as for a trader.
    const unlocker = rpc;
    await registerAndUnlockOverRpc((method, params) => unlocker.result(method, params), serve.origin);
    const session = await rpc.result<{ instrument: { instrumentId: string; tickSize: number } }>('session.describe', {});
    const { instrumentId, tickSize } = session.instrument;
    const profile = await rpc.result<Record<string, unknown>>('risk.profile.get', {});
    await rpc.result('risk.profile.set', {
      ...profile,
      maxPositionBps: 100_000, // 1,000% of equity: 600 resting one-share buys of GOOG
      maxGrossExposure: 10_000_000 * 1_000_000, // $10M: 1,200 resting orders of ~$580
    });

    const samples: number[] = [];
    const pings: number[] = [];
    const errors: string[] = [];
    let filled = 0;
    let mid = 0;
    let nextSendAt = performance.now();
    const paced = async (): Promise<void> => {
      const wait = nextSendAt - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      nextSendAt = performance.now() + 1000 / SEND_RATE_PER_S / 2;
    };
    for (let i = 0; i < WARMUP_ORDERS + TIMED_ORDERS; i++) {
      if (i % MID_REFRESH_EVERY === 0) mid = await midOnTick(rpc, tickSize);
      await paced();
      const ping = await rpc.call('host.ping', {});
      if (!ping.frame.ok) errors.push(`host.ping error frame: ${ping.frame.error?.code} ${ping.frame.error?.message}`);
      else if (i >= WARMUP_ORDERS) pings.push(ping.ms);
      await paced();
      const buy = i % 2 === 0;
      const ticket = {
        instrumentId,
        side: buy ? 'BUY' : 'SELL',
        quantity: 1,
        orderType: 'LIMIT',
        timeInForce: 'DAY',
        limitPrice: buy ? mid - OFFSET_MICROS : mid + OFFSET_MICROS,
      };
      const { frame, ms } = await rpc.call('orders.submit', ticket);
      if (i < WARMUP_ORDERS) continue;
      const order = frame.ok ? (frame.result as OrderResult).order : undefined;
      if (order && (order.status === 'ACCEPTED' || order.status === 'FILLED')) {
        samples.push(ms);
        if (order.status === 'FILLED') filled++;
      } else if (order) {
        errors.push(`order ${order.clientOrderId} ${ticket.side} @${ticket.limitPrice}: ${order.status}${order.reason ? ` (${order.reason.code}: ${order.reason.message})` : ''}`);
      } else {
        errors.push(`error frame: ${frame.error?.code} ${frame.error?.message}`);
      }
    }
    return { samples, pings, errors, filled };
  } finally {
    rpc?.close();
    await serve.stop();
  }
}

function isTmpfs(dir: string): boolean {
  try {
    return statfsSync(dir).type === TMPFS_MAGIC;
  } catch {
    return false;
  }
}

function reportRun(name: string, run: RunResult): void {
  for (const error of run.errors.slice(0, 10)) console.log(`  ${name} error: ${error}`);
  if (run.errors.length > 10) console.log(`  ${name}: ... and ${run.errors.length - 10} more errors`);
  if (run.samples.length === 0) {
    console.log(`BENCH ${name} ERROR no order was acknowledged ACCEPTED/FILLED (${run.errors.length} errors)`);
    return;
  }
  reportPercentiles(name, run.samples, 'ms');
  // Every order rests, so the venue's working-order count grows through the run; show whether latency grows with it.
  if (run.samples.length >= 200) {
    const first = percentile(run.samples.slice(0, 100), 50);
    const last = percentile(run.samples.slice(-100), 50);
    console.log(
      `  ${name}: p50 of the first 100 timed orders ${first.toFixed(3)} ms (${WARMUP_ORDERS} already working), ` +
        `of the last 100 ${last.toFixed(3)} ms (${WARMUP_ORDERS + run.samples.length - 100} working)`,
    );
  }
  if (run.filled > 0) console.log(`  ${name}: ${run.filled} of the timed orders filled at once (expected to rest)`);
}

export default async function (): Promise<void> {
  const diskDir = mkdtempSync(path.join(os.tmpdir(), 'floor-bench-ticket-'));
  let disk: RunResult;
  try {
    disk = await runOrders(diskDir);
  } finally {
    removeDataDir(diskDir);
  }
  reportRun('ticket_rpc_to_paper_ack', disk);
  if (disk.pings.length > 0) {
    reportPercentiles('trivial_rpc_roundtrip', disk.pings, 'ms');
    if (disk.samples.length > 0) reportValue('ticket_vs_trivial_rpc_p99_ratio', percentile(disk.samples, 99) / percentile(disk.pings, 99), 'x (issue 10 target <= 1.5)');
  }
  // An integer count; report.ts formats values below 1 with three significant digits ("0.00").
  console.log(`BENCH ticket_rpc_errors value=${disk.errors.length} orders not ACCEPTED/FILLED of ${TIMED_ORDERS}`);

  const shm = '/dev/shm';
  if (!isTmpfs(shm)) {
    console.log('  ticket_rpc: /dev/shm is not a tmpfs here; the ledger fsync share is not measured');
    return;
  }
  const tmpfsDir = mkdtempSync(path.join(shm, 'floor-bench-ticket-'));
  let tmpfs: RunResult;
  try {
    tmpfs = await runOrders(tmpfsDir);
  } finally {
    removeDataDir(tmpfsDir);
  }
  reportRun('ticket_rpc_to_paper_ack_ledger_on_tmpfs', tmpfs);
  if (disk.samples.length > 0 && tmpfs.samples.length > 0) {
    const diskP50 = percentile(disk.samples, 50);
    const tmpfsP50 = percentile(tmpfs.samples, 50);
    reportValue('ticket_rpc_fsync_share', Math.max(0, (diskP50 - tmpfsP50) / diskP50) * 100, '% of p50 (disk vs tmpfs ledger)');
  }
}
