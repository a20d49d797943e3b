import type { ClientOrderId } from '../../../../shared';
import type { RiskCheck, RiskContext, RiskVerdict } from '../risk-types';
import { ALLOW, deny } from '../verdicts';

/** A signal id already used, and (when known) the order that used it. */
export interface KnownSignal {
  readonly signalId: string;
  readonly clientOrderId: ClientOrderId;
}

/**
 * Duplicate signal id: an order whose signal id was already used by another order is denied
 * (DUPLICATE_SIGNAL), so a strategy that re-sends the same idea (a retry, a reconnect replaying its
 * queue) cannot double the position.
 *
 * Stateful: seeded with the ids already in the ledger; an id is remembered when the RiskEngine allows
 * its order (`recordAllowed`). A re-check of the same order (a STAGED order being approved: same
 * clientOrderId in RiskOrder) is not a duplicate. Ids seeded as bare strings have no known owner, so
 * any order carrying them is a duplicate.
 */
export class DuplicateSignalCheck implements RiskCheck {
  readonly name = 'duplicate-signal';
  /** signal id -> the order that used it (null when seeded without one). */
  private readonly owners = new Map<string, ClientOrderId | null>();

  constructor(known: Iterable<string | KnownSignal> = []) {
    for (const entry of known) {
      if (typeof entry === 'string') this.owners.set(entry, null);
      else this.owners.set(entry.signalId, entry.clientOrderId);
    }
  }

  evaluate({ order }: RiskContext): RiskVerdict {
    const signalId = order.signal?.signalId;
    if (signalId === undefined || !this.owners.has(signalId)) return ALLOW;
    const owner = this.owners.get(signalId) ?? null;
    if (owner !== null && owner === order.clientOrderId) return ALLOW;
    return deny(
      'DUPLICATE_SIGNAL',
      `signal ${signalId} was already used${owner === null ? '' : ` by order ${owner}`}: a signal is traded once`,
    );
  }

  recordAllowed({ order }: RiskContext): void {
    const signalId = order.signal?.signalId;
    if (signalId !== undefined && !this.owners.has(signalId)) this.owners.set(signalId, order.clientOrderId ?? null);
  }

  /** True when `signalId` has been used. */
  has(signalId: string): boolean {
    return this.owners.has(signalId);
  }
}
