import { shares } from './format';
import { noTrade, type SizingInput, type SizingResult } from './sizing-types';

/**
 * FIXED sizing: the trader's own quantity, unchanged (the risk checks still apply afterwards).
 * NO_TRADE (SIZING_NO_QUANTITY) when no quantity was given.
 * @throws RangeError when the quantity is not a positive safe integer (a caller bug: tickets are validated).
 */
export function sizeFixed(input: SizingInput): SizingResult {
  const { quantity } = input;
  if (quantity === undefined) {
    return noTrade('SIZING_NO_QUANTITY', 'fixed sizing needs a quantity: enter the number of shares');
  }
  if (!Number.isSafeInteger(quantity) || quantity <= 0) {
    throw new RangeError(`fixed sizing needs a quantity of at least 1 whole share, got ${String(quantity)}`);
  }
  return { kind: 'SIZED', quantity, explanation: `fixed quantity: ${shares(quantity)} as entered` };
}
