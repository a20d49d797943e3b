import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { RpcError, type Host } from '../../../src/main/host';
import { rpcMethods } from '../../../src/shared/rpc';
import { connectWs, makeRendererBuild, rawCall, signIn, startSignedIn, testHandlers } from './helpers';
import { orderFixture } from '../../support/order-fixtures';

const build = makeRendererBuild();
const logged: string[] = [];
const submitted: unknown[] = [];
let host: Host;
let ws: WebSocket;

const order = orderFixture({ clientOrderId: 'C-1', createdAt: 1, updatedAt: 1 });

beforeAll(async () => {
  const handlers = testHandlers({
    'orders.submit': async (ticket) => {
      submitted.push(ticket);
      return { order: { ...order, quantity: ticket.quantity ?? order.quantity } };
    },
    'orders.cancel': ({ clientOrderId }) => {
      throw new RpcError('NOT_FOUND', `no working order with clientOrderId ${clientOrderId}`);
    },
    'fills.list': () => {
      throw new Error('SQLITE_CORRUPT: /home/trader/.config/Floor/floor.db');
    },
    'market.trades': () => ({ trades: [{ instrumentId: 'GOOG', tsEvent: 1, price: 1, size: 1, aggressorSide: 'BUY', hidden: false, extra: 10n } as never] }),
  });
  ({ host, ws } = await startSignedIn(handlers, build.staticDir, (line) => logged.push(line)));
});
afterAll(async () => {
  await host.close();
  build.cleanup();
});

const ticket = { instrumentId: 'GOOG', side: 'BUY', quantity: 100, orderType: 'LIMIT', timeInForce: 'DAY', limitPrice: 585_330_000 };

describe('rpc dispatch', () => {
  it('runs a valid call and answers with its id and result', async () => {
    const frame = await rawCall(ws, JSON.stringify({ id: 7, method: 'orders.submit', params: ticket }));
    expect(frame).toEqual({ kind: 'response', id: 7, ok: true, result: { order: { ...order } } });
    expect(rpcMethods['orders.submit'].response.safeParse((frame as { result: unknown }).result).success).toBe(true);
    expect(submitted).toEqual([ticket]);
  });

  it('answers BAD_REQUEST naming params when a frame omits them', async () => {
    const frame = await rawCall(ws, JSON.stringify({ id: 8, method: 'orders.list' }));
    expect(frame).toMatchObject({ id: 8, ok: false, error: { code: 'BAD_REQUEST', issues: [{ path: 'params' }] } });
  });

  it('answers BAD_REQUEST naming each bad field, without calling the handler', async () => {
    submitted.length = 0;
    const frame = await rawCall(ws, JSON.stringify({ id: 9, method: 'orders.submit', params: { ...ticket, quantity: 1.5, side: 'HOLD' } }));
    expect(submitted).toEqual([]);
    if (frame.kind !== 'response' || frame.ok) throw new Error('expected an error response');
    expect(frame.id).toBe(9);
    expect(frame.error.code).toBe('BAD_REQUEST');
    expect(frame.error.issues).toEqual(
      expect.arrayContaining([
        { path: 'quantity', message: 'quantity must be a whole number of shares' },
        expect.objectContaining({ path: 'side' }),
      ]),
    );
    expect(frame.error.message).toContain('invalid orders.submit request');
    expect(frame.error.message).toContain('quantity: quantity must be a whole number of shares');
  });

  it('answers BAD_REQUEST with the ticket rule a LIMIT order without a price breaks', async () => {
    const { limitPrice: _omitted, ...withoutPrice } = ticket;
    const frame = await rawCall(ws, JSON.stringify({ id: 20, method: 'orders.submit', params: withoutPrice }));
    expect(frame).toMatchObject({
      id: 20,
      ok: false,
      error: { code: 'BAD_REQUEST', issues: [{ path: 'limitPrice', message: 'a LIMIT order needs a limit price' }] },
    });
  });

  it('answers BAD_REQUEST for an unexpected field of a strict request', async () => {
    const frame = await rawCall(ws, JSON.stringify({ id: 10, method: 'orders.list', params: { all: true } }));
    expect(frame).toMatchObject({ id: 10, ok: false, error: { code: 'BAD_REQUEST' } });
    expect(JSON.stringify(frame)).toContain('all');
  });

  it('answers UNKNOWN_METHOD for a name outside the contract, including Object prototype names', async () => {
    for (const method of ['orders.explode', 'toString', '__proto__']) {
      const frame = await rawCall(ws, JSON.stringify({ id: 11, method, params: {} }));
      expect(frame, method).toMatchObject({ id: 11, ok: false, error: { code: 'UNKNOWN_METHOD' } });
    }
  });

  it('passes an RpcError code and message through to the client', async () => {
    const frame = await rawCall(ws, JSON.stringify({ id: 12, method: 'orders.cancel', params: { clientOrderId: 'C-404' } }));
    expect(frame).toEqual({ kind: 'response', id: 12, ok: false, error: { code: 'NOT_FOUND', message: 'no working order with clientOrderId C-404' } });
  });

  it('masks an unexpected error as INTERNAL and logs the real one', async () => {
    const frame = await rawCall(ws, JSON.stringify({ id: 13, method: 'fills.list', params: {} }));
    expect(frame).toMatchObject({ id: 13, ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(frame)).not.toContain('SQLITE_CORRUPT');
    expect(logged.join('\n')).toContain('SQLITE_CORRUPT');
  });

  it('answers INTERNAL when a result cannot be serialised', async () => {
    const frame = await rawCall(ws, JSON.stringify({ id: 14, method: 'market.trades', params: {} }));
    expect(frame).toMatchObject({ id: 14, ok: false, error: { code: 'INTERNAL' } });
  });

  it('answers a non-JSON or malformed frame with BAD_REQUEST and keeps the connection', async () => {
    expect(await rawCall(ws, 'not json{')).toMatchObject({ id: -1, ok: false, error: { code: 'BAD_REQUEST', message: 'frame is not valid JSON' } });
    expect(await rawCall(ws, JSON.stringify({ id: 15, params: {} }))).toMatchObject({ id: 15, ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await rawCall(ws, JSON.stringify([1, 2]))).toMatchObject({ id: -1, ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await rawCall(ws, JSON.stringify({ id: 16, method: 'orders.list', params: {} }))).toMatchObject({ id: 16, ok: true });
  });

  it('answers a binary frame with BAD_REQUEST', async () => {
    const reply = new Promise<unknown>((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)))));
    ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await reply).toMatchObject({ id: -1, ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('closes a client that sends a frame over 64 KiB with 1009 and keeps serving others', async () => {
    const { ws: victim } = await startSignedInOn(host);
    const closed = new Promise<number>((resolve) => victim.once('close', (code) => resolve(code)));
    victim.send(JSON.stringify({ id: 1, method: 'orders.list', params: { pad: 'x'.repeat(70 * 1024) } }));
    expect(await closed).toBe(1009);
    expect(await rawCall(ws, JSON.stringify({ id: 17, method: 'orders.list', params: {} }))).toMatchObject({ id: 17, ok: true });
  });
});

async function startSignedInOn(target: Host): Promise<{ ws: WebSocket }> {
  const cookie = await signIn(target);
  const handshake = await connectWs(target.port, { cookie, origin: target.origin });
  if (!handshake.ok) throw new Error('handshake refused');
  return { ws: handshake.ws };
}
