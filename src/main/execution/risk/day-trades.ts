import type { FillView, InstrumentId, OrderSide, Shares, TradeId } from '../../../shared';
import { NewYorkSessionDates } from './trading-calendar';

/** One counted day trade: the instrument, its New York session date and the order that completed it. */
export interface DayTrade {
  readonly instrumentId: InstrumentId;
  readonly date: string;
  readonly clientOrderId: string;
}

interface InstrumentDay {
  /** Signed position after every fill seen. */
  position: number;
  /** New York session date of the last fill. */
  date: string;
  /** Shares of the current position opened on `date` (the rest were carried from earlier days). */
  openedToday: Shares;
  /** True when shares were opened on `date` since the last counted day trade in this instrument. */
  armed: boolean;
}

/**
 * Counts day trades from fills, for FINRA Rule 4210(f)(8)(B). A day trade is opening and then
 * closing a position in the same instrument on the same trading day (New York session date).
 *
 * Counting rule (one documented interpretation; brokers differ in edge cases):
 * - Positions are rebuilt from every fill (signed shares; the ledger starts flat).
 * - Shares opened earlier in the day are tracked per instrument; a position carried overnight closes
 *   first (first in, first out), so selling only yesterday's shares is not a day trade.
 * - A fill that closes shares opened today counts one day trade, then the instrument is "disarmed"
 *   until new shares are opened: buy, buy, sell, sell is 1 day trade (one opening sequence, one
 *   closing sequence); buy, sell, buy, sell is 2; the partial fills of one closing order count once.
 * - A fill that flips the position closes (maybe counting a day trade) and opens the remainder.
 * Fills are de-duplicated by TradeId and must arrive in time order per instrument.
 */
export class DayTradeCounter {
  private readonly dates = new NewYorkSessionDates();
  private readonly byInstrument = new Map<InstrumentId, InstrumentDay>();
  private readonly seen = new Set<TradeId>();
  /** Every counted day trade, oldest first. */
  private readonly trades: DayTrade[] = [];

  constructor(fills: readonly FillView[] = []) {
    const ordered = [...fills].sort((a, b) => a.tsEvent - b.tsEvent);
    for (const fill of ordered) this.record(fill);
  }

  /** Applies one fill (ignored when its TradeId was already seen). */
  record(fill: FillView): void {
    if (this.seen.has(fill.tradeId)) return;
    this.seen.add(fill.tradeId);
    const date = this.dates.dateOf(fill.tsEvent);
    let day = this.byInstrument.get(fill.instrumentId);
    if (day === undefined) {
      day = { position: 0, date, openedToday: 0, armed: false };
      this.byInstrument.set(fill.instrumentId, day);
    }
    if (day.date !== date) {
      day.date = date;
      day.openedToday = 0;
      day.armed = false;
    }
    const signed = fill.side === 'BUY' ? fill.quantity : -fill.quantity;
    const held = day.position;
    if (held === 0 || Math.sign(signed) === Math.sign(held)) {
      day.openedToday += fill.quantity;
      day.armed = true;
    } else {
      const closing = Math.min(fill.quantity, Math.abs(held));
      const closesToday = closing - (Math.abs(held) - day.openedToday);
      if (closesToday > 0) {
        day.openedToday -= closesToday;
        if (day.armed) {
          this.trades.push({ instrumentId: fill.instrumentId, date, clientOrderId: fill.clientOrderId });
          day.armed = false;
        }
      }
      const opening = fill.quantity - closing;
      if (opening > 0) {
        day.openedToday = opening;
        day.armed = true;
      }
    }
    day.position = held + signed;
  }

  /**
   * Would an order of `quantity` on `side` in `instrumentId`, filled on session date `today`, complete a
   * day trade? True when it closes (FIFO, after any overnight shares) shares opened today and the
   * instrument is armed (see the class comment). Working orders are not counted: only fills.
   */
  wouldCompleteDayTrade(instrumentId: InstrumentId, side: OrderSide, quantity: Shares, today: string): boolean {
    const day = this.byInstrument.get(instrumentId);
    if (day === undefined || day.date !== today || !day.armed || day.position === 0) return false;
    if ((side === 'BUY' ? 1 : -1) === Math.sign(day.position)) return false;
    const closing = Math.min(quantity, Math.abs(day.position));
    return closing - (Math.abs(day.position) - day.openedToday) > 0;
  }

  /** Day trades with a session date from `fromDate` to `toDate` (inclusive, ISO dates), oldest first. */
  between(fromDate: string, toDate: string): DayTrade[] {
    const out: DayTrade[] = [];
    for (let i = this.trades.length - 1; i >= 0; i -= 1) {
      const trade = this.trades[i]!;
      if (trade.date < fromDate) break;
      if (trade.date <= toDate) out.push(trade);
    }
    return out.reverse();
  }

  /** Session date in New York of Unix µs `time`. */
  sessionDate(time: number): string {
    return this.dates.dateOf(time);
  }
}
