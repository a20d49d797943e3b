import type { PriceMicros } from '../money';
import type { Flavor } from './flavor';

/** Our identifier for a tradable instrument: the ticker symbol, e.g. "GOOG". */
export type InstrumentId = Flavor<string, 'InstrumentId'>;

/** Static facts about an instrument. Prices in micro-dollars. */
export interface Instrument {
  readonly instrumentId: InstrumentId;
  /** Exchange or venue where the book comes from, e.g. "NASDAQ" or "SIM". */
  readonly venue: string;
  /** Minimum price increment in micro-dollars; $0.01 = 10_000 (Reg NMS Rule 612 for prices >= $1). */
  readonly tickSize: PriceMicros;
  readonly currency: 'USD';
}

/** Reg NMS Rule 612 minimum tick for US equities priced at or above $1.00: one cent. */
export const US_EQUITY_TICK: PriceMicros = 10_000;
