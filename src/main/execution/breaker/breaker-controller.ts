import { messageOf, type Disposable, type Event, type MoneyMicros, type RiskProfile, type TradeTick, type TradingState, type UnixMicros } from '../../../shared';
import type { HaltReport, MarketView, TerminalBus } from '../../bus';
import type { UnbookedFill } from '../engine/venue-intake';
import { breakerTrippedAlert, dailyLossAlert, fillNotBookedAlert, killSwitchAlert, resumedAlert } from './alerts';
import { CircuitBreaker, type BreakerTrigger } from './circuit-breaker';
import { NothingToResumeError, UnbookedFillsError } from './errors';
import type { HaltableEngine, HaltController } from './halt-controller';

/** How the breaker controller is built. */
export interface BreakerControllerOptions {
  readonly bus: TerminalBus;
  readonly halt: HaltController;
  /** The execution engine: its orders, its RiskEngine (the TradingState), the day's P&L, and the fills the ledger could not book. */
  readonly engine: HaltableEngine & {
    readonly portfolio: { dailyPnl(): MoneyMicros };
    readonly intake: { readonly onDidFailToBook: Event<UnbookedFill>; retry(): number; readonly failure: string | null };
  };
  /** The trader's risk profile (RiskProfileStore, in memory): the breaker settings are re-applied when it changes. */
  readonly profile: { get(): RiskProfile; readonly onDidChange: Event<RiskProfile> };
  /** Floor's clock (market clock on a replay), Unix µs: stamps kill-switch, resume and daily-loss alerts. */
  readonly clock: { now(): UnixMicros };
}

/**
 * Floor's safety layer on the event bus: the per-instrument price CircuitBreaker, the daily loss
 * limit, the kill switch and the explicit resume. Subscribes to market.trade (breaker), market.reset
 * (a seek restarts that instrument's window) and portfolio.account (daily loss); publishes
 * risk.breakerTripped, risk.dailyLossBreached and risk.alert (which the alerts writer records and the
 * host pushes).
 *
 * - Breaker trip: HALTED + cancel every open order (HaltController), CRITICAL BREAKER_TRIPPED.
 * - Daily loss (P&L since session start <= -dailyLossLimit, on the crossing): action HALT does the same
 *   with CRITICAL DAILY_LOSS_BREACH; action REDUCING sets REDUCING with a WARNING. A trader who resumes
 *   while still past the limit has overridden it for now; it fires again after P&L recovers above the
 *   limit and crosses it again.
 * - Kill switch: the same halt by hand, CRITICAL KILL_SWITCH.
 * - Resume: ACTIVE again, breaker re-armed with fresh windows, INFO TRADING_RESUMED; CONFLICT when
 *   trading is already ACTIVE.
 * While HALTED the breaker does not evaluate ticks (nothing is left to pull); resume starts it afresh.
 */
export class BreakerController implements Disposable {
  readonly breaker: CircuitBreaker;
  private readonly bus: TerminalBus;
  private readonly halt: HaltController;
  private readonly engine: BreakerControllerOptions['engine'];
  private readonly profiles: BreakerControllerOptions['profile'];
  private readonly clock: { now(): UnixMicros };
  private pastLossLimit = false;
  private readonly subscriptions: Disposable[];

  /** @throws when the profile cannot be read or its breaker settings are out of range. */
  constructor(options: BreakerControllerOptions) {
    this.bus = options.bus;
    this.halt = options.halt;
    this.engine = options.engine;
    this.profiles = options.profile;
    this.clock = options.clock;
    this.breaker = new CircuitBreaker(this.profiles.get().breaker);
    this.subscriptions = [
      this.bus.subscribe('market.trade', (tick) => this.onTrade(tick)),
      this.bus.subscribe('market.reset', (market: MarketView) => this.breaker.resetInstrument(market.instrument.instrumentId)),
      this.bus.subscribe('portfolio.account', () => this.onAccount()),
      this.profiles.onDidChange((profile) => this.breaker.configure(profile.breaker)),
      this.engine.intake.onDidFailToBook((unbooked) => this.onUnbookedFill(unbooked)),
    ];
  }

  /**
   * The kill switch: HALTED and every open order canceled, by hand; records a CRITICAL KILL_SWITCH
   * alert. Works in any state (pressing it again while halted pulls anything still working).
   */
  killSwitch(): HaltReport {
    const receivedAt = this.halt.stopwatch();
    const report = this.halt.haltAndCancelAll({ cause: 'KILL_SWITCH', instrumentId: null, tsEvent: this.clock.now(), receivedAt });
    this.bus.publish('risk.alert', killSwitchAlert(report));
    return report;
  }

  /**
   * The trader's explicit resume: first every fill the ledger could not book is booked (the account
   * must be whole again), then ACTIVE, the breaker re-armed with fresh windows, and an INFO
   * TRADING_RESUMED alert recorded.
   * @returns the state that was ended (HALTED or REDUCING).
   * @throws NothingToResumeError (code CONFLICT) when trading is already ACTIVE; UnbookedFillsError
   *   (CONFLICT) while a fill still cannot be booked.
   */
  resume(): TradingState {
    const previous = this.engine.risk.tradingState();
    if (previous === 'ACTIVE') throw new NothingToResumeError(previous);
    const remaining = this.engine.intake.retry();
    if (remaining > 0) throw new UnbookedFillsError(remaining, this.engine.intake.failure);
    this.engine.risk.setTradingState('ACTIVE', 'RESUME');
    this.breaker.rearm();
    this.bus.publish('risk.alert', resumedAlert(previous, this.clock.now()));
    return previous;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.subscriptions.length = 0;
  }

  /** A fill the ledger refused: HALTED (in memory only, when the ledger refuses that too) and a CRITICAL alert. */
  private onUnbookedFill({ event, order, error }: UnbookedFill): void {
    try {
      this.engine.risk.setTradingState('HALTED', 'FILL_NOT_BOOKED');
    } catch (haltError) {
      this.engine.risk.haltInMemory(`a fill could not be booked and neither could the halt: ${messageOf(haltError)}`);
    }
    this.bus.publish('risk.alert', fillNotBookedAlert({ ...event, instrumentId: order.instrumentId }, error));
  }

  private onTrade(tick: TradeTick): void {
    const receivedAt = this.halt.stopwatch();
    if (this.engine.risk.tradingState() === 'HALTED') return;
    const trigger = this.breaker.onTrade(tick.instrumentId, tick.price, tick.tsEvent);
    if (trigger !== null) this.trip(trigger, receivedAt);
  }

  private trip(trigger: BreakerTrigger, receivedAt: number): void {
    const report = this.halt.haltAndCancelAll({ cause: 'BREAKER', instrumentId: trigger.instrumentId, tsEvent: trigger.tsEvent, receivedAt });
    const tripped = { ...trigger, report };
    this.bus.publish('risk.breakerTripped', tripped);
    this.bus.publish('risk.alert', breakerTrippedAlert(tripped));
  }

  private onAccount(): void {
    const receivedAt = this.halt.stopwatch();
    const profile = this.profiles.get();
    const limit = profile.dailyLossLimit;
    const dailyPnl = this.engine.portfolio.dailyPnl();
    const past = dailyPnl <= -limit;
    const crossed = past && !this.pastLossLimit;
    this.pastLossLimit = past;
    if (!crossed) return;

    const state = this.engine.risk.tradingState();
    const tsEvent = this.clock.now();
    if (profile.dailyLossAction === 'HALT') {
      if (state === 'HALTED') return;
      const report = this.halt.haltAndCancelAll({ cause: 'DAILY_LOSS', instrumentId: null, tsEvent, receivedAt });
      this.bus.publish('risk.dailyLossBreached', { dailyPnl, limit, action: 'HALT', tsEvent });
      this.bus.publish('risk.alert', dailyLossAlert({ dailyPnl, limit, tsEvent }, { action: 'HALT', report }));
    } else {
      if (state !== 'ACTIVE') return;
      this.engine.risk.setTradingState('REDUCING', 'DAILY_LOSS');
      this.bus.publish('risk.dailyLossBreached', { dailyPnl, limit, action: 'REDUCING', tsEvent });
      this.bus.publish('risk.alert', dailyLossAlert({ dailyPnl, limit, tsEvent }, { action: 'REDUCING' }));
    }
  }
}
