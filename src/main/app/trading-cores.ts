import { OPEN_ORDER_STATUSES, type GatewaySettings, type Order, type TradingMode } from '../../shared';
import { describeOrders } from './live-switch-guards';
import type { TradingCore } from './trading-core';
import type { TradingVenue } from './trading-venue';

/**
 * What saving new gateway settings does to the core in force:
 * - NONE: nothing to reconnect (the disconnected policy, read per order; gateway fields while the
 *   venue is the simulated exchange);
 * - RECONNECT: the venue stays Interactive Brokers but where or how Floor reaches it changed (host,
 *   port, client id, standby, port lists, allowed hosts, heartbeat): a new connection, reconciled;
 * - VENUE: the venue changed (simulated exchange <-> Interactive Brokers): a new venue and market.
 */
export type SettingsChange = 'NONE' | 'RECONNECT' | 'VENUE';

/** How `next` differs from `current` for the core (see SettingsChange). */
export function settingsChange(current: GatewaySettings, next: GatewaySettings): SettingsChange {
  if (current.venue !== next.venue) return 'VENUE';
  if (next.venue !== 'IB') return 'NONE';
  const connection = (s: GatewaySettings) => JSON.stringify([s.primary, s.standby, s.ports, s.allowedHosts, s.heartbeatIntervalMs, s.heartbeatTimeoutMs]);
  return connection(current) === connection(next) ? 'NONE' : 'RECONNECT';
}

/** Saving gateway settings was refused; nothing was saved or changed. RPC code CONFLICT. */
export class SettingsChangeRefusedError extends Error {
  override readonly name = 'SettingsChangeRefusedError';
  readonly code = 'CONFLICT';
}

/** What TradingCores works with. */
export interface TradingCoresOptions {
  /** Opens the venue `settings` name (not started). */
  readonly open: (settings: GatewaySettings) => Promise<TradingVenue>;
  /** Builds a core on an opened venue. */
  readonly build: (trading: TradingVenue, settings: GatewaySettings) => TradingCore;
  /** Persists the settings (GatewaySettingsStore.set). */
  readonly save: (settings: GatewaySettings) => GatewaySettings;
  readonly mode: () => TradingMode;
  /** After a core replaced another (the renderer reloads). */
  readonly onDidReplace: (reason: string) => void;
  readonly log: (line: string) => void;
}

/**
 * The terminal's trading core and its replacement when Settings > Gateway is saved (issue 9 point
 * 4): the settings take effect at once, without a restart. A RECONNECT or VENUE change builds a new
 * core on a new venue from the ledger, exactly as a restart would (working orders handed to the new
 * venue; IB reconciles them on its new connection before sending anything, and orders entered until
 * it is connected are held or denied by the disconnected policy), then disposes the old one.
 *
 * Refused (CONFLICT, nothing saved): a venue change while live (switch to paper first) or while
 * orders are working (named; cancel them first); any change while the core holds fills the ledger
 * could not book, or while another change is being applied.
 */
export class TradingCores {
  private core: TradingCore | undefined;
  private applying = false;

  constructor(private readonly options: TradingCoresOptions) {}

  /** Installs and starts the first core. @throws Error when one is installed already. */
  install(core: TradingCore): void {
    if (this.core !== undefined) throw new Error('a trading core is installed already');
    this.core = core;
    core.start();
  }

  /** True once a core is installed. */
  get installed(): boolean {
    return this.core !== undefined;
  }

  /** The core in force. @throws Error before `install`. */
  current(): TradingCore {
    if (this.core === undefined) throw new Error('the trading core is not ready: the terminal is still starting');
    return this.core;
  }

  /**
   * Saves `next` and applies it at once (see the class comment).
   * @returns the saved settings.
   * @throws SettingsChangeRefusedError (CONFLICT) with the reason, also when the new venue cannot be
   *   opened (no --symbol for IB, a host not allowed, a bad replay file); nothing is saved then.
   */
  async apply(next: GatewaySettings): Promise<GatewaySettings> {
    if (this.applying) throw new SettingsChangeRefusedError('gateway settings are being applied already: try again in a moment');
    const old = this.current();
    const change = settingsChange(old.settings, next);
    if (change === 'NONE') return this.options.save(next);
    this.assertMayReplace(old, change, next);
    this.applying = true;
    let trading: TradingVenue;
    try {
      trading = await this.options.open(next);
    } catch (error) {
      throw new SettingsChangeRefusedError(`the gateway settings were not saved: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.applying = false;
    }
    try {
      // Orders may have started working while the venue opened (a replay file is read first).
      this.assertMayReplace(old, change, next);
    } catch (error) {
      trading.dispose();
      throw error;
    }
    let core: TradingCore;
    try {
      // Built before the old core goes (a malformed ledger row leaves the old one working), started after
      // it went (IB takes one connection per client id).
      core = this.options.build(trading, next);
    } catch (error) {
      trading.dispose();
      throw error;
    }
    let saved: GatewaySettings;
    try {
      saved = this.options.save(next);
    } catch (error) {
      core.dispose();
      throw error;
    }
    old.dispose();
    this.core = core;
    core.start(true);
    const reason = change === 'VENUE' ? `the venue is now ${saved.venue === 'IB' ? 'Interactive Brokers' : 'the simulated exchange'}` : `reconnecting to ${saved.primary.host}:${saved.primary.port}`;
    this.options.log(`floor: gateway settings applied: ${reason}`);
    this.options.onDidReplace(reason);
    return saved;
  }

  /** Disposes the core in force. */
  dispose(): void {
    this.core?.dispose();
    this.core = undefined;
  }

  private assertMayReplace(core: TradingCore, change: SettingsChange, next: GatewaySettings): void {
    const unbooked = core.engine.intake.failure;
    if (unbooked !== null) throw new SettingsChangeRefusedError(`the gateway settings were not saved: Floor holds fills the ledger could not book (${unbooked}); resume trading once the ledger takes writes again, then save`);
    if (change !== 'VENUE') return;
    const to = next.venue === 'IB' ? 'Interactive Brokers' : 'the simulated exchange';
    if (this.options.mode() === 'LIVE') throw new SettingsChangeRefusedError(`the venue cannot change to ${to} while Floor is live: switch back to paper first`);
    const working = core.engine.orders.open().filter((o: Order) => OPEN_ORDER_STATUSES.has(o.status));
    if (working.length > 0) {
      throw new SettingsChangeRefusedError(
        `the venue cannot change to ${to} while orders are working at ${core.trading.venue.venueId} (${describeOrders(working)}): cancel them first; nothing was saved`,
      );
    }
  }
}
