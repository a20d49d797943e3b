import { describe, expect, it } from 'vitest';
import { FixedCommissionModel, TieredCommissionModel, createCommissionModel, type CommissionExecution } from '../../../src/main/venues/paper';
import { usd } from './paper-venue-fixtures';

function buy(quantity: number, price: string, liquiditySide: 'MAKER' | 'TAKER' = 'TAKER'): CommissionExecution {
  return { side: 'BUY', quantity, price: usd(price), liquiditySide };
}
function sell(quantity: number, price: string, liquiditySide: 'MAKER' | 'TAKER' = 'TAKER'): CommissionExecution {
  return { side: 'SELL', quantity, price: usd(price), liquiditySide };
}

describe('IB Fixed commission', () => {
  const fixed = new FixedCommissionModel();

  it("matches IB's published examples: 100 @ $25 = $1.00, 1,000 @ $25 = $5.00, 1,000 @ $0.25 = $2.50 (1% cap)", () => {
    expect(fixed.openOrder().charge(buy(100, '25'))).toBe(1_000_000);
    expect(fixed.openOrder().charge(buy(1000, '25'))).toBe(5_000_000);
    expect(fixed.openOrder().charge(buy(1000, '0.25'))).toBe(2_500_000);
  });

  it('applies the $1.00 minimum once per order, across its executions', () => {
    const order = fixed.openOrder();
    expect(order.charge(buy(100, '25'))).toBe(1_000_000); // $0.50 raised to the $1.00 minimum
    expect(order.charge(buy(100, '25'))).toBe(0); // 200 x $0.005 = $1.00: nothing more
    expect(order.charge(buy(100, '25'))).toBe(500_000); // 300 x $0.005 = $1.50
    expect(order.charged).toBe(1_500_000);
  });

  it('caps a tiny order at 1% of its value, even below the minimum', () => {
    expect(fixed.openOrder().charge(buy(10, '5'))).toBe(500_000); // 1% of $50 = $0.50 < $1.00 minimum
  });

  it('passes the SEC transaction fee and FINRA TAF through on sales only', () => {
    // 100 @ $580: $1.00 + SEC 0.0000278 x $58,000 = $1.6124 + TAF 100 x $0.000166 = $0.0166.
    expect(fixed.openOrder().charge(sell(100, '580'))).toBe(1_000_000 + 1_612_400 + 16_600);
    expect(fixed.openOrder().charge(buy(100, '580'))).toBe(1_000_000);
  });

  it('caps the FINRA TAF at $8.30 per order', () => {
    // 100,000 @ $10: IB $500 (under 1% of $1,000,000); SEC $27.80; TAF 100,000 x 0.000166 = $16.60 capped at $8.30.
    expect(fixed.openOrder().charge(sell(100_000, '10'))).toBe(500_000_000 + 27_800_000 + 8_300_000);
  });
});

describe('IB Tiered commission', () => {
  it('adds the Nasdaq remove fee, clearing and pass-through fees to the IB commission for a taker', () => {
    // IB 100 x 0.0035 = 0.35; Nasdaq 100 x 0.003 = 0.30; clearing 100 x 0.0002 = 0.02;
    // NYSE pass-through 0.35 x 0.000175 = 0.00006125 -> 61 micro; FINRA 0.35 x 0.000565 = 0.00019775 -> 198 micro.
    expect(new TieredCommissionModel().openOrder().charge(buy(100, '580'))).toBe(670_259);
  });

  it('credits the Nasdaq add-liquidity rebate for a maker and still applies the $0.35 minimum to the IB part', () => {
    // IB 10 x 0.0035 = 0.035 -> 0.35 minimum; rebate 10 x 0.0021 = -0.021; clearing 0.002; pass-through 259 micro.
    expect(new TieredCommissionModel().openOrder().charge(buy(10, '580', 'MAKER'))).toBe(350_000 - 21_000 + 2_000 + 259);
  });

  it('caps the IB part at 1% of trade value and charges the sub-dollar Nasdaq fee as 0.30% of value', () => {
    // 1,000 @ $0.25: IB 3.50 capped at 2.50; Nasdaq 0.003 x 250 = 0.75; clearing 0.20; pass-through 438 + 1,413 micro.
    expect(new TieredCommissionModel().openOrder().charge(buy(1000, '0.25'))).toBe(2_500_000 + 750_000 + 200_000 + 438 + 1_413);
  });

  it('moves to the next volume tier after 300,000 shares in the month, keeping one tier per order', () => {
    const tiered = new TieredCommissionModel({ monthlyVolumeShares: 299_900 });
    expect(tiered.currentPerShare()).toBe(3_500);
    const order = tiered.openOrder();
    order.charge(buy(100, '50'));
    expect(tiered.monthlyVolumeShares).toBe(300_000);
    expect(tiered.currentPerShare()).toBe(3_500); // <= 300,000 is still the first tier
    order.charge(buy(1, '50')); // same order: stays on the tier it started on
    expect(tiered.currentPerShare()).toBe(2_000);
    // A new order of 1,000 @ $50 at USD 0.0020: IB 2.00 + Nasdaq 3.00 + clearing 0.20 + pass-through 350 + 1,130 micro.
    expect(tiered.openOrder().charge(buy(1000, '50'))).toBe(2_000_000 + 3_000_000 + 200_000 + 350 + 1_130);
  });

  it('never charges a negative amount: a rebate is netted against the order’s later executions', () => {
    const order = new TieredCommissionModel().openOrder();
    const charges = [
      order.charge(buy(10, '580')), // taker at the minimum: 0.35 + 0.03 + 0.002 + 259 micro
      order.charge(buy(50, '580', 'MAKER')), // IB part still at the minimum, rebate makes the total fall
      order.charge(buy(1000, '580')),
    ];
    expect(charges[0]).toBe(382_259);
    expect(charges[1]).toBe(0);
    // Order total for 1,060 taker/maker shares: IB 3.71 + Nasdaq 3.03 - 0.105 + clearing 0.212 + pass-through 649 + 2,096 micro.
    expect(charges.reduce((a, b) => a + b, 0)).toBe(3_710_000 + 3_030_000 - 105_000 + 212_000 + 649 + 2_096);
    expect(charges.every((c) => c >= 0)).toBe(true);
  });

  it('builds either schedule by name and refuses unknown names', () => {
    expect(createCommissionModel('IBKR_FIXED').name).toBe('IBKR_FIXED');
    expect(createCommissionModel('IBKR_TIERED', { monthlyVolumeShares: 5 }).name).toBe('IBKR_TIERED');
    expect(() => createCommissionModel('ZERO' as never)).toThrow(/expected one of IBKR_FIXED, IBKR_TIERED/);
    expect(() => new TieredCommissionModel({ monthlyVolumeShares: -1 })).toThrow(/non-negative/);
  });
});
