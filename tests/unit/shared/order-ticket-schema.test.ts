import { describe, expect, it } from 'vitest';
import { orderTicketSchema, rpcMethods } from '../../../src/shared/rpc';

const limitBuy = { instrumentId: 'GOOG', side: 'BUY', quantity: 100, orderType: 'LIMIT', timeInForce: 'DAY', limitPrice: 585_330_000 };

function messages(input: unknown): string[] {
  const result = orderTicketSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('order ticket validation at the RPC boundary', () => {
  it('accepts a well-formed limit buy', () => {
    expect(messages(limitBuy)).toEqual([]);
  });

  it('requires a limit price on a LIMIT order and refuses one on a MARKET order', () => {
    expect(messages({ ...limitBuy, limitPrice: undefined })).toEqual(['limitPrice: a LIMIT order needs a limit price']);
    expect(messages({ ...limitBuy, orderType: 'MARKET' })).toEqual(['limitPrice: a MARKET order takes no limit price']);
  });

  it('explains bad quantities in trader terms', () => {
    expect(messages({ ...limitBuy, quantity: 0 })).toEqual(['quantity: quantity must be at least 1 share']);
    expect(messages({ ...limitBuy, quantity: 1.5 })).toEqual(['quantity: quantity must be a whole number of shares']);
    expect(messages({ ...limitBuy, quantity: Number.NaN })[0]).toMatch(/^quantity: /);
  });

  it('rejects unknown fields and malformed tickers', () => {
    expect(messages({ ...limitBuy, account: 'U123' })[0]).toMatch(/account/);
    expect(messages({ ...limitBuy, instrumentId: 'goog; drop' })[0]).toMatch(/instrument must be a ticker/);
  });

  it('bounds replay speed to 0.1..1000 in the replay.control method', () => {
    const schema = rpcMethods['replay.control'].request;
    expect(schema.safeParse({ action: 'speed', speed: 10 }).success).toBe(true);
    expect(schema.safeParse({ action: 'speed', speed: 0 }).success).toBe(false);
    expect(schema.safeParse({ action: 'rewind' }).success).toBe(false);
  });
});
