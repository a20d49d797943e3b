import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TICKET_FORM,
  issuesToTicketErrors,
  midPriceForSide,
  parseLimitPriceText,
  parseQuantityText,
  validateTicketForm,
} from '../../../src/renderer/src/features/ticket/ticket-form';
import { describeOrderOutcome } from '../../../src/renderer/src/features/ticket/order-outcome';
import { orderView } from './fixtures';

const CENT = 10_000;

describe('ticket price entry', () => {
  it('parses dollars exactly into micro-dollars', () => {
    expect(parseLimitPriceText('585.33', CENT)).toEqual({ ok: true, value: 585_330_000 });
    expect(parseLimitPriceText('$1,200.10', CENT)).toEqual({ ok: true, value: 1_200_100_000 });
  });

  it('rejects sub-penny prices at or above $1 with a readable message', () => {
    const result = parseLimitPriceText('585.333', CENT);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/at most 2 decimals/);
  });

  it('allows four decimals below $1 but not five', () => {
    expect(parseLimitPriceText('0.5123', CENT)).toEqual({ ok: true, value: 512_300 });
    expect(parseLimitPriceText('0.51234', CENT).ok).toBe(false);
  });

  it('rejects empty, zero and non-numeric prices, saying what is expected', () => {
    for (const text of ['', '0', 'abc', '12.']) {
      const result = parseLimitPriceText(text, CENT);
      expect(result.ok, text).toBe(false);
    }
    const result = parseLimitPriceText('abc', CENT);
    if (!result.ok) expect(result.message).toMatch(/dollars like 585.33/);
  });

  it('rejects a price off the instrument tick', () => {
    const result = parseLimitPriceText('585.33', 50_000);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/multiple of the tick/);
  });
});

describe('ticket quantity entry', () => {
  it('accepts whole shares with separators and refuses fractions and zero', () => {
    expect(parseQuantityText('1,000')).toEqual({ ok: true, value: 1000 });
    expect(parseQuantityText('10.5').ok).toBe(false);
    expect(parseQuantityText('0').ok).toBe(false);
    expect(parseQuantityText('').ok).toBe(false);
  });
});

describe('ticket validation', () => {
  it('builds a limit ticket in micro-dollars for a valid form', () => {
    const result = validateTicketForm({ ...DEFAULT_TICKET_FORM, limitPrice: '585.33' }, 'GOOG', CENT);
    expect(result).toEqual({
      ok: true,
      ticket: { instrumentId: 'GOOG', side: 'BUY', quantity: 100, orderType: 'LIMIT', timeInForce: 'DAY', limitPrice: 585_330_000 },
    });
  });

  it('sends no limit price on a market order even if one was typed', () => {
    const result = validateTicketForm({ ...DEFAULT_TICKET_FORM, orderType: 'MARKET', limitPrice: '585.33' }, 'GOOG', CENT);
    expect(result.ok && result.ticket.limitPrice).toBe(undefined);
  });

  it('reports one message per invalid field', () => {
    const result = validateTicketForm({ ...DEFAULT_TICKET_FORM, quantity: 'ten', limitPrice: '1.001' }, 'GOOG', CENT);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.quantity).toMatch(/whole number/);
      expect(result.errors.limitPrice).toMatch(/2 decimals/);
    }
  });

  it('refuses a GTC market order', () => {
    const result = validateTicketForm({ ...DEFAULT_TICKET_FORM, orderType: 'MARKET', timeInForce: 'GTC' }, 'GOOG', CENT);
    expect(!result.ok && result.errors.timeInForce).toMatch(/DAY or IOC/);
  });

  it('lets the shared schema have the last word (quantity above the contract maximum)', () => {
    const result = validateTicketForm({ ...DEFAULT_TICKET_FORM, quantity: '20000000', limitPrice: '1.00' }, 'GOOG', CENT);
    expect(!result.ok && result.errors.quantity).toMatch(/at most/);
  });

  it('maps host issues onto fields, unknown paths onto the form', () => {
    expect(issuesToTicketErrors([{ path: 'limitPrice', message: 'too far from the market' }, { path: 'x.y', message: 'odd' }])).toEqual({
      limitPrice: 'too far from the market',
      form: 'odd',
    });
  });
});

describe('mid price button', () => {
  it('rounds a half-tick mid down for a buy and up for a sell', () => {
    expect(midPriceForSide(585_330_000, 585_340_000, CENT, 'BUY')).toBe(585_330_000);
    expect(midPriceForSide(585_330_000, 585_340_000, CENT, 'SELL')).toBe(585_340_000);
  });

  it('uses the exact mid when it is on the tick, and needs both sides', () => {
    expect(midPriceForSide(585_330_000, 585_350_000, CENT, 'SELL')).toBe(585_340_000);
    expect(midPriceForSide(null, 585_350_000, CENT, 'BUY')).toBeNull();
  });
});

describe('order outcome message', () => {
  it('shows a denial with its reason as an error', () => {
    const message = describeOrderOutcome(orderView({ status: 'DENIED', reason: { code: 'MAX_NOTIONAL', message: 'notional $58,533 exceeds $50,000' } }));
    expect(message.kind).toBe('error');
    expect(message.text).toMatch(/Denied by risk check: notional \$58,533 exceeds \$50,000/);
  });

  it('shows a fill with its average price', () => {
    const message = describeOrderOutcome(orderView({ status: 'FILLED', filledQty: 100, avgFillPrice: 585_330_000 }));
    expect(message).toEqual({ kind: 'success', text: 'BUY 100 GOOG LMT 585.33 DAY: Filled 100 @ 585.33' });
  });

  it('shows a working order as pending with progress', () => {
    expect(describeOrderOutcome(orderView({ status: 'PARTIALLY_FILLED', filledQty: 30 })).text).toMatch(/Pending \(30\/100\)$/);
  });

  it('says an order held while the IB gateway is away is held, and when it will go out', () => {
    expect(describeOrderOutcome(orderView({ status: 'SUBMITTED' }), true).text).toMatch(/: Held: the IB gateway is not connected; Floor sends it once it has reconnected and reconciled$/);
    expect(describeOrderOutcome(orderView({ status: 'SUBMITTED' })).text).toMatch(/Pending \(0\/100\)$/);
  });
});
