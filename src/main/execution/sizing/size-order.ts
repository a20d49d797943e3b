import { assertSafeInteger } from '../../../shared';
import { sizeFixed } from './fixed-sizer';
import { sizeByKelly } from './kelly-sizer';
import { sizeByRisk } from './risk-sizer';
import type { SizingInput, SizingResult } from './sizing-types';

/**
 * Sizes one order by `input.method` (FIXED, RISK or KELLY; see sizeFixed, sizeByRisk, sizeByKelly for
 * each formula and its source). Pure: same input, same answer. Business conditions that leave no trade
 * (no stop, no edge, a budget too small for one share ...) come back as NO_TRADE with a reason; only
 * malformed numbers throw.
 *
 * @throws RangeError / FixedPointError when `entry` or `stop` is not a positive safe integer of
 *   micro-dollars, `capital` / `availableCash` are not safe integers, or the method is unknown.
 */
export function sizeOrder(input: SizingInput): SizingResult {
  assertSafeInteger(input.entry, 'entry price (micro-dollars)');
  if (input.entry <= 0) throw new RangeError(`entry price must be above $0, got ${input.entry} micro-dollars`);
  if (input.stop !== undefined) {
    assertSafeInteger(input.stop, 'stop price (micro-dollars)');
    if (input.stop <= 0) throw new RangeError(`stop price must be above $0, got ${input.stop} micro-dollars`);
  }
  assertSafeInteger(input.capital, 'capital (micro-dollars)');
  assertSafeInteger(input.availableCash, 'available cash (micro-dollars)');
  switch (input.method) {
    case 'FIXED':
      return sizeFixed(input);
    case 'RISK':
      return sizeByRisk(input);
    case 'KELLY':
      return sizeByKelly(input);
    default:
      throw new RangeError(`unknown sizing method ${JSON.stringify(input.method as string)}; expected FIXED, RISK or KELLY`);
  }
}
