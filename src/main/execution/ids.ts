import { randomInt, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ClientOrderId, UnixMicros } from '../../shared';
import type { SettingsRepository } from '../ledger';

/** Where the engine gets new identifiers. */
export interface IdGenerator {
  /** A ClientOrderId never used before in this ledger: short ASCII, usable as IB `orderRef`. */
  nextClientOrderId(): ClientOrderId;
  /** A unique event id (UUID v4). */
  nextEventId(): string;
}

/** The clock the engine stamps events with (tsInit), Unix epoch microseconds. */
export interface Clock {
  now(): UnixMicros;
}

/** Wall-clock time (millisecond resolution, expressed in µs). */
export const systemClock: Clock = { now: () => Date.now() * 1000 };

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
 * once per ledger (so two data folders on one IB account do not collide) and a counter persisted in
 * `settings`, so ids stay unique across restarts. At most 22 ASCII characters: fits IB's orderRef.
 * Call inside the engine's transaction so the counter advances in the same commit as the order.
 */
export class LedgerIdGenerator implements IdGenerator {
  constructor(
    private readonly settings: SettingsRepository,
    private readonly clock: Clock = systemClock,
  ) {}

  nextClientOrderId(): ClientOrderId {
    const sequence = this.settings.get(CLIENT_ORDER_ID_SETTING, sequenceSchema) ?? {
      prefix: Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
      next: 1,
    };
    this.settings.set(CLIENT_ORDER_ID_SETTING, { prefix: sequence.prefix, next: sequence.next + 1 }, this.clock.now());
    return `F${sequence.prefix}-${sequence.next}`;
  }

  nextEventId(): string {
    return randomUUID();
  }
}
