import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  backoffDelay,
  hostSocketUrl,
  parseHostFrame,
  RpcCallError,
  RpcClient,
  type ClientConnectionState,
  type RpcTransportFactory,
  type RpcTransportHandlers,
} from '../../../src/renderer/src/rpc';
import { orderView } from './fixtures';

/** A transport the test drives by hand: it records what the client sent and opens/closes on command. */
class FakeHost {
  readonly connections: { handlers: RpcTransportHandlers; sent: unknown[]; closed: boolean }[] = [];

  readonly factory: RpcTransportFactory = (_url, handlers) => {
    const connection = { handlers, sent: [] as unknown[], closed: false };
    this.connections.push(connection);
    return {
      send: (text) => connection.sent.push(JSON.parse(text)),
      close: () => {
        connection.closed = true;
      },
    };
  };

  get current() {
    const connection = this.connections.at(-1);
    if (!connection) throw new Error('no connection attempted');
    return connection;
  }

  lastRequest(): { id: number; method: string; params: unknown } {
    return this.current.sent.at(-1) as { id: number; method: string; params: unknown };
  }

  reply(frame: unknown): void {
    this.current.handlers.onMessage(JSON.stringify(frame));
  }
}

function setup(timeoutMs = 1000) {
  const host = new FakeHost();
  const errors: Error[] = [];
  const client = new RpcClient({
    url: 'ws://localhost:1/ws',
    transport: host.factory,
    requestTimeoutMs: timeoutMs,
    backoff: { baseMs: 100, maxMs: 1000 },
    random: () => 0.5,
    onProtocolError: (error) => errors.push(error),
  });
  const states: ClientConnectionState[] = [];
  client.onDidChangeState((state) => states.push(state));
  client.start();
  return { host, client, states, errors };
}

describe('RpcClient', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('correlates a response to its call and returns the typed, validated result', async () => {
    const { host, client } = setup();
    host.current.handlers.onOpen();
    const pending = client.call('orders.list', {});
    const request = host.lastRequest();
    expect(request).toMatchObject({ method: 'orders.list', params: {} });
    host.reply({ kind: 'response', id: request.id, ok: true, result: { orders: [orderView()] } });
    await expect(pending).resolves.toEqual({ orders: [orderView()] });
  });

  it('rejects with the host error code, message and per-field issues', async () => {
    const { host, client } = setup();
    host.current.handlers.onOpen();
    const pending = client.call('orders.cancel', { clientOrderId: 'X' });
    host.reply({
      kind: 'response',
      id: host.lastRequest().id,
      ok: false,
      error: { code: 'NOT_FOUND', message: 'no order X', issues: [{ path: 'clientOrderId', message: 'unknown' }] },
    });
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcCallError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: 'no order X', issues: [{ path: 'clientOrderId', message: 'unknown' }] });
  });

  it('refuses invalid params locally with BAD_REQUEST issues, without sending', async () => {
    const { host, client } = setup();
    host.current.handlers.onOpen();
    const error = await client.call('market.book', { depth: 0 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'BAD_REQUEST' });
    expect((error as RpcCallError).issues[0]?.path).toBe('depth');
    expect(host.current.sent).toHaveLength(0);
  });

  it('rejects a result that does not match the response schema as BAD_RESPONSE', async () => {
    const { host, client } = setup();
    host.current.handlers.onOpen();
    const pending = client.call('orders.list', {});
    host.reply({ kind: 'response', id: host.lastRequest().id, ok: true, result: { orders: 'nope' } });
    await expect(pending).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
  });

  it('times out a call the host never answers', async () => {
    const { host, client } = setup(500);
    host.current.handlers.onOpen();
    const pending = client.call('fills.list', {}).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(500);
    expect(await pending).toMatchObject({ code: 'TIMEOUT' });
  });

  it('fails at once when not connected instead of queueing an order', async () => {
    const { client } = setup();
    await expect(
      client.call('orders.submit', { instrumentId: 'GOOG', side: 'BUY', quantity: 1, orderType: 'MARKET', timeInForce: 'DAY' }),
    ).rejects.toMatchObject({ code: 'DISCONNECTED' });
  });

  it('fails calls in flight when the connection drops, then reconnects with backoff', async () => {
    const { host, client, states } = setup();
    let connects = 0;
    client.onDidConnect(() => (connects += 1));
    host.current.handlers.onOpen();
    const pending = client.call('fills.list', {}).catch((e: unknown) => e);
    host.current.handlers.onClose('code 1006');
    expect(await pending).toMatchObject({ code: 'DISCONNECTED' });
    expect(client.state).toBe('disconnected');
    expect(host.connections).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(backoffDelay(0, { baseMs: 100, maxMs: 1000 }, () => 0.5));
    expect(host.connections).toHaveLength(2);
    host.current.handlers.onOpen();
    expect(connects).toBe(2);
    expect(states).toEqual(['connecting', 'connected', 'disconnected', 'connecting', 'connected']);
  });

  it('delivers validated pushes to topic subscribers and drops malformed ones', () => {
    const { host, client, errors } = setup();
    host.current.handlers.onOpen();
    const received: unknown[] = [];
    const subscription = client.subscribe('orders', (orders) => received.push(orders));
    host.reply({ kind: 'push', topic: 'orders', data: [orderView()] });
    host.reply({ kind: 'push', topic: 'orders', data: [{ clientOrderId: 1 }] });
    host.current.handlers.onMessage('not json');
    subscription.dispose();
    host.reply({ kind: 'push', topic: 'orders', data: [orderView()] });
    expect(received).toEqual([[orderView()]]);
    expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/push orders/), expect.stringMatching(/not JSON/)]);
  });

  it('stops reconnecting once disposed', async () => {
    const { host, client } = setup();
    host.current.handlers.onOpen();
    client.dispose();
    expect(host.current.closed).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(host.connections).toHaveLength(1);
  });
});

describe('transport helpers', () => {
  it('grows the reconnect delay exponentially up to the cap, with jitter between half and full', () => {
    const policy = { baseMs: 250, maxMs: 5000 };
    expect(backoffDelay(0, policy, () => 0)).toBe(125);
    expect(backoffDelay(0, policy, () => 0.999999)).toBe(250);
    expect(backoffDelay(3, policy, () => 0.999999)).toBe(2000);
    expect(backoffDelay(20, policy, () => 0.999999)).toBe(5000);
    expect(() => backoffDelay(-1, policy)).toThrow(/non-negative/);
  });

  it('derives the WebSocket URL from the page origin', () => {
    expect(hostSocketUrl({ protocol: 'http:', host: 'localhost:4711' })).toBe('ws://localhost:4711/ws');
    expect(hostSocketUrl({ protocol: 'https:', host: 'localhost:4711' })).toBe('wss://localhost:4711/ws');
  });

  it('refuses host frames of an unknown shape', () => {
    expect(() => parseHostFrame('{"kind":"push","topic":"nope","data":1}')).toThrow(/unexpected frame/);
    expect(parseHostFrame('{"kind":"response","id":3,"ok":true,"result":null}')).toEqual({ kind: 'response', id: 3, ok: true, result: null });
  });
});
