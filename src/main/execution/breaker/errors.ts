import type { TradingState } from '../../../shared';

/** `risk.resume` while trading is ACTIVE: there is nothing to resume (RPC code CONFLICT). */
export class NothingToResumeError extends Error {
  override readonly name = 'NothingToResumeError';
  readonly code = 'CONFLICT';
  constructor(readonly tradingState: TradingState) {
    super(`trading is ${tradingState}, not halted or reducing: there is nothing to resume`);
  }
}
