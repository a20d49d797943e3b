import { z } from 'zod';
import { addMicros, type MoneyMicros, type TradingMode, type UnixMicros } from '../../shared';
import { TransactionalCell, type SettingsRepository, type UnitOfWork } from '../ledger';
import { SessionCalendar, US_EQUITY_TIME_ZONE, localDate } from '../marketdata';

/** Settings key of the paper book's start-of-session equity: `{ sessionDate: "YYYY-MM-DD", equity: micro-dollars }`. */
export const SESSION_START_EQUITY_SETTING = 'execution.sessionStartEquity';
/** The same for the live book (its daily loss is measured on live fills only). */
export const LIVE_SESSION_START_EQUITY_SETTING = 'execution.sessionStartEquity.live';

const sessionStartSchema = z
  .object({
    sessionDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    equity: z.number().int().refine(Number.isSafeInteger, 'equity must be a safe integer of micro-dollars'),
  })
  .strict();

const DAY_NANOS = 86_400_000_000_000;

/** The start-of-session equity (micro-dollars) and the session's bounds (Unix µs). */
interface Baseline {
  readonly sessionDate: string;
  readonly equity: MoneyMicros;
  readonly start: UnixMicros;
  readonly end: UnixMicros;
}

/**
 * Daily P&L for the daily loss limit: realized + unrealized since the start of today's session,
 * measured as equity now minus equity when the session began (equity = cash + positions at their
 * marks, so commissions count, as they do on IB's daily P&L). The session is the exchange-local
 * calendar date (America/New_York) of Floor's clock, the market clock on a replay.
 *
 * The start-of-session equity is the first equity observed on a new session date; it is persisted,
 * so a restart in the middle of the day keeps the day's losses. Observe often (every mark and fill)
 * so the baseline is taken before anything moves it.
 */
export class SessionPnl {
  /** The baseline in force; follows the unit of work, so a baseline written in a rolled-back transaction is forgotten with it. */
  private readonly baseline: TransactionalCell<Baseline | undefined>;

  private readonly key: string;

  /**
   * @param uow the ledger's unit of work (Ledger.unitOfWork).
   * @param mode whose book's baseline (a setting per mode).
   */
  constructor(
    private readonly settings: SettingsRepository,
    uow: UnitOfWork,
    private readonly timeZone: string = US_EQUITY_TIME_ZONE,
    mode: TradingMode = 'PAPER',
  ) {
    this.key = mode === 'LIVE' ? LIVE_SESSION_START_EQUITY_SETTING : SESSION_START_EQUITY_SETTING;
    const stored = settings.get(this.key, sessionStartSchema);
    this.baseline = new TransactionalCell<Baseline | undefined>(uow, stored === undefined ? undefined : { ...stored, ...this.bounds(stored.sessionDate) });
  }

  /**
   * Records `equity` (micro-dollars) as the start-of-session equity when `now` (Unix µs) falls in a
   * session other than the current one. Cheap when it does not: two integer comparisons.
   * @returns the start-of-session equity in force at `now`, micro-dollars.
   * @throws SqliteError when a new baseline cannot be written.
   */
  observe(now: UnixMicros, equity: MoneyMicros): MoneyMicros {
    const session = this.baseline.get();
    if (session !== undefined && now >= session.start && now < session.end) return session.equity;
    const sessionDate = localDate(Math.floor(now / 1000), this.timeZone);
    if (session !== undefined && session.sessionDate === sessionDate) return session.equity;
    this.settings.set(this.key, { sessionDate, equity }, now);
    this.baseline.set({ sessionDate, equity, ...this.bounds(sessionDate) });
    return equity;
  }

  /** Equity now minus equity at the session's start, micro-dollars (negative = loss). Observes first. */
  dailyPnl(now: UnixMicros, equity: MoneyMicros): MoneyMicros {
    return addMicros(equity, -this.observe(now, equity));
  }

  /** The session date the baseline belongs to, or undefined before the first observation. */
  sessionDate(): string | undefined {
    return this.baseline.get()?.sessionDate;
  }

  private bounds(sessionDate: string): { start: UnixMicros; end: UnixMicros } {
    const calendar = new SessionCalendar(sessionDate, this.timeZone);
    return { start: calendar.toUnixMicros(0), end: calendar.toUnixMicros(DAY_NANOS) };
  }
}
