import { formatMoneyExact, type FillView, type TradingMode } from '../../../../shared';

import { DayTradeCounter } from '../day-trades';
import type { RiskCheck, RiskContext, RiskVerdict } from '../risk-types';
import { windowStart } from '../trading-calendar';
import { ALLOW, deny } from '../verdicts';

/** FINRA Rule 4210(f)(8)(B)(iv)(a): a pattern day trader must keep at least $25,000 equity. */
export const PDT_MIN_EQUITY = 25_000_000_000;
/** Rule 4210(f)(8)(B)(ii): four or more day trades within five business days make a pattern day trader. */
export const PDT_MAX_DAY_TRADES = 3;
export const PDT_WINDOW_BUSINESS_DAYS = 5;

/**
 * Pattern day trader rule (FINRA Rule 4210(f)(8)(B)): with pdtEnforcement on and account equity under
 * $25,000, an order that would complete a 4th day trade within 5 business days (today and the 4 trading
 * days before, New York session dates, see trading-calendar) is denied (PDT), since the broker would
 * flag the account and restrict it for 90 days. At $25,000 or more equity there is no limit.
 *
 * "Would complete a day trade": the order closes shares opened earlier today (DayTradeCounter's
 * counting rule). Day trades are counted from the fills given at construction (the ledger) and those
 * passed to `recordFill` as they arrive, per trading mode: a paper day trade never counts against the
 * live account, nor the other way.
 */
export class PdtCheck implements RiskCheck {
  readonly name = 'pdt';
  private readonly counters: Readonly<Record<TradingMode, DayTradeCounter>>;
  private windowFor = '';
  private windowFrom = '';

  /** @param fills paper fills, oldest first; `liveFills` the live ones. */
  constructor(fills: readonly FillView[] = [], liveFills: readonly FillView[] = []) {
    this.counters = { PAPER: new DayTradeCounter(fills), LIVE: new DayTradeCounter(liveFills) };
  }

  evaluate({ order, profile, account, now }: RiskContext): RiskVerdict {
    if (!profile.pdtEnforcement || account.equity >= PDT_MIN_EQUITY) return ALLOW;
    const counter = this.counters[order.mode];
    const today = counter.sessionDate(now);
    if (!counter.wouldCompleteDayTrade(order.instrumentId, order.side, order.quantity, today)) return ALLOW;
    if (this.windowFor !== today) {
      this.windowFor = today;
      this.windowFrom = windowStart(today, PDT_WINDOW_BUSINESS_DAYS);
    }
    const trades = counter.between(this.windowFrom, today);
    if (trades.length < PDT_MAX_DAY_TRADES) return ALLOW;
    return deny(
      'PDT',
      `this ${order.side} would complete a day trade in ${order.instrumentId}, the ${trades.length + 1}th in 5 business days ` +
        `(${this.windowFrom} to ${today}: ${trades.map((t) => `${t.instrumentId} ${t.date}`).join(', ')}); with equity of ${formatMoneyExact(account.equity)}, ` +
        `under FINRA Rule 4210's $25,000 pattern day trader minimum, the broker would restrict the account`,
    );
  }

  recordFill(fill: FillView, mode: TradingMode = 'PAPER'): void {
    this.counters[mode].record(fill);
  }
}
