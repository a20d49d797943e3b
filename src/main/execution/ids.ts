import { randomInt, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { wallClock, type ClientOrderId, type Clock } from '../../shared';
import type { OrderRepository, SettingsRepository } from '../ledger';

/** Where the engine gets new identifiers. */
export interface IdGenerator {
  /** A ClientOrderId never used before in this ledger: short ASCII, usable as IB `orderRef`. */
  nextClientOrderId(): ClientOrderId;
  /** A unique event id (UUID v4). */
  nextEventId(): string;
}

/** Settings key of the ClientOrderId sequence. */
export const CLIENT_ORDER_ID_SETTING = 'execution.clientOrderIds';

const sequenceSchema = z.object({
  prefix: z.string().regex(/^[0-9A-Z]{4}$/),
  next: z.number().int().positive().refine(Number.isSafeInteger),
});

// Crockford base32 without I, L, O, U: unambiguous when read aloud or typed into TWS.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * ClientOrderIds of the form `F<PPPP>-<n>`, e.g. "F7K2Q-1": a 4-character prefix drawn at random
 * once per ledger (so two data folders on one IB account do not collide) and kept in `settings`, and
 * a counter, so ids stay unique across restarts. At most 22 ASCII characters: fits IB's orderRef.
 *
 * The counter is not written per order: the orders table already records every number used, since an
 * order's row commits in the same transaction as its id (writing the counter too cost a statement and
 * a page per order). At construction the generator takes the prefix from `settings` (drawing and
 * storing it, outside any order's transaction, on a new ledger) and continues one past the highest
 * number the orders hold, or past the stored counter of a ledger written before this rule, whichever
 * is higher. From then on it counts in memory, so it must be the ledger's only id generator. A number
 * whose order was rolled back is skipped in this run (memory only moves forward) and may come back
 * after a restart, which is harmless: no venue and no record ever saw it.
 */
export class LedgerIdGenerator implements IdGenerator {
  private readonly prefix: string;
  private next: number;

  /**
   * Reads (or creates) the prefix and finds the next free number.
   * @throws LedgerRowError when the stored sequence setting is malformed.
   */
  constructor(ledger: { readonly settings: SettingsRepository; readonly orders: Pick<OrderRepository, 'highestNumber'> }, clock: Clock = wallClock) {
    let stored = ledger.settings.get(CLIENT_ORDER_ID_SETTING, sequenceSchema);
    if (stored === undefined) {
      stored = { prefix: Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''), next: 1 };
      ledger.settings.set(CLIENT_ORDER_ID_SETTING, stored, clock.now());
    }
    this.prefix = stored.prefix;
    this.next = Math.max(stored.next, ledger.orders.highestNumber(`F${stored.prefix}-`) + 1);
  }

  nextClientOrderId(): ClientOrderId {
    return `F${this.prefix}-${this.next++}`;
  }

  nextEventId(): string {
    return randomUUID();
  }
}
