import { randomBytes } from 'node:crypto';
import type { TradeId, VenueOrderId } from '../../../shared';

/**
 * Mints the paper venue's VenueOrderIds and TradeIds: `PAPER-<runId>-<n>` and `PAPER-<runId>-T<n>`.
 * `runId` is 48 random bits per venue instance (12 hex digits), so ids minted after a restart never
 * collide with ids stored in the ledger from an earlier run (fills are de-duplicated by TradeId);
 * `n` counts up from 1 within the run.
 */
export class PaperIds {
  private orders = 0;
  private trades = 0;

  /**
   * @param runId distinguishes this run; default 12 random hex digits.
   * @throws RangeError when runId is empty or contains characters other than letters, digits and '_'.
   */
  constructor(readonly runId: string = randomBytes(6).toString('hex')) {
    if (!/^[A-Za-z0-9_]+$/.test(runId)) throw new RangeError(`runId must be letters, digits or '_', got ${JSON.stringify(runId)}`);
  }

  nextVenueOrderId(): VenueOrderId {
    return `PAPER-${this.runId}-${++this.orders}`;
  }

  nextTradeId(): TradeId {
    return `PAPER-${this.runId}-T${++this.trades}`;
  }
}
