import type { Shares } from '../../../shared';
import type { RiskVerdict } from './risk-types';

/** The shared ALLOW verdict (no note). */
export const ALLOW: RiskVerdict = { kind: 'ALLOW' };

/** ALLOW with a note for the trader and the log. */
export function allowWithNote(note: string): RiskVerdict {
  return { kind: 'ALLOW', note };
}

/** DENY with reason `code` and a sentence with the numbers. */
export function deny(code: string, message: string): RiskVerdict {
  return { kind: 'DENY', reason: { code, message } };
}

/**
 * REDUCE to `quantity` (the largest that passes), or DENY with the same reason when not even one share
 * passes (a REDUCE always names at least 1 share).
 */
export function reduceOrDeny(quantity: Shares, code: string, message: string): RiskVerdict {
  return quantity > 0 ? { kind: 'REDUCE', quantity, reason: { code, message } } : deny(code, message);
}
