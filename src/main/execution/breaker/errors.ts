import type { TradingState } from '../../../shared';

/** `risk.resume` while trading is ACTIVE: there is nothing to resume (RPC code CONFLICT). */
export class NothingToResumeError extends Error {
  override readonly name = 'NothingToResumeError';
  readonly code = 'CONFLICT';
  constructor(readonly tradingState: TradingState) {
    super(`trading is ${tradingState}, not halted or reducing: there is nothing to resume`);
  }
}

/** `risk.resume` while fills are still not booked: the account cannot be trusted yet (RPC code CONFLICT). */
export class UnbookedFillsError extends Error {
  override readonly name = 'UnbookedFillsError';
  readonly code = 'CONFLICT';
  constructor(readonly remaining: number, readonly failure: string | null) {
    super(`${remaining} fill(s) are still not booked${failure === null ? '' : ` (${failure})`}: trading stays halted until the ledger takes them`);
  }
}
