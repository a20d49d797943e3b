import { describe, expect, it } from 'vitest';
import { createRpcHandlers, type RpcContext } from '../../../src/main/app/rpc-handlers';
import { RpcError } from '../../../src/main/host';
import { IbMarketFeed } from '../../../src/main/venues/ib/ib-market-feed';

// A live IB feed refuses replay controls; the RPC must answer BAD_REQUEST with the feed's sentence,
// not a masked INTERNAL. The feed is never started: the controls do not touch the connection.
const feed = new IbMarketFeed({ connection: {} as never, instrumentId: 'GOOG' });
const handlers = createRpcHandlers({ core: () => ({ trading: { feed } }) } as unknown as RpcContext);

describe('replay.control on a live IB feed', () => {
  it.each([
    [{ action: 'pause' as const }, /cannot be paused/],
    [{ action: 'speed' as const, speed: 10 }, /cannot run at 10x/],
    [{ action: 'seek' as const, marketTime: 36_000 * 1e9 }, /cannot seek/],
  ])('answers BAD_REQUEST for %o', async (request, message) => {
    const error = await Promise.resolve(handlers['replay.control'](request as never)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcError);
    expect((error as RpcError).code).toBe('BAD_REQUEST');
    expect((error as RpcError).message).toMatch(message);
  });
});
