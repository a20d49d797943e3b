import { FixedPointError, assertSafeInteger, type MicroDollars } from '../../../shared';

/** Basis points in one whole (100%): 1 bp = 0.01%. */
export const BPS_PER_UNIT = 10_000;

/**
 * `amount x bps / 10,000`, rounded down, exactly: the amount is split into whole multiples of
 * 10,000 and a remainder so no intermediate product leaves the safe-integer range unless the result
 * itself does. Used for every percentage rule of the risk profile (max risk %, max position %, collar).
 *
 * @param amount micro-dollars (or any non-negative safe integer), >= 0.
 * @param bps basis points, a non-negative safe integer (may exceed 10,000, e.g. a 250% position cap).
 * @returns floor(amount x bps / 10,000), in the unit of `amount`.
 * @throws FixedPointError when an input is negative or not a safe integer, or the result overflows.
 */
export function applyBpsFloor(amount: MicroDollars, bps: number): number {
  assertSafeInteger(amount, 'amount');
  assertSafeInteger(bps, 'basis points');
  if (amount < 0 || bps < 0) {
    throw new FixedPointError(`applyBpsFloor expects a non-negative amount and basis points, got ${amount} x ${bps} bp`);
  }
  const wholes = Math.floor(amount / BPS_PER_UNIT);
  const remainder = amount - wholes * BPS_PER_UNIT;
  return assertSafeInteger(
    wholes * bps + Math.floor((remainder * bps) / BPS_PER_UNIT),
    `${amount} x ${bps} bp`,
  );
}
