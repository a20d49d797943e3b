import { wallClock, type GatewaySettings, type KeyStoreKind, type TerminalStatus } from '../../shared';
import type { RiskProfileStore } from '../execution';
import { RpcError, type RpcHandlers } from '../host';
import type { AlertRepository, ApiKeyRepository, Ledger } from '../ledger';
import { DailyBarsCsvError, type DailyBarsStore } from '../marketdata/bars';
import type { Interlock } from '../security/interlock';
import { createApiKeyHandlers } from './api-key-handlers';
import { createGatewaySettingsHandlers } from './gateway-settings-handlers';
import type { GatewaySettingsStore } from './gateway-settings-store';
import { automationArmUntil } from './automation-span';
import { createInterlockHandlers } from './interlock-handlers';
import { createReplayHandlers } from './replay-handlers';
import { asRpcError } from './rpc-errors';
import type { LedgerHealthMonitor } from './ledger-health';
import { createModeHandlers } from './mode-handlers';
import type { TradingCore } from './trading-core';
import type { TradingModeController } from './trading-mode';

/** What the RPC methods act on. */
export interface RpcContext {
  /**
   * The trading core in force: venue, market feed, order core, breaker, recent trades (replaced
   * when saved gateway settings change the venue or the connection, so always read through this).
   */
  readonly core: () => TradingCore;
  /** The trader's risk profile (sizing, limits, approval per source). */
  readonly profile: RiskProfileStore;
  /** The alerts table (newest first). */
  readonly alerts: AlertRepository;
  /** Daily bars for the correlation cap (shared with the risk engine, so an import counts at once). */
  readonly bars: DailyBarsStore;
  /** The WebAuthn interlock (an accessor: it needs the host's origin, known once the host is bound). */
  readonly interlock: () => Interlock;
  /** The automation API keys the signed `/api/v1/` routes accept (the same table their verifier reads). */
  readonly apiKeys: ApiKeyRepository;
  /** The ledger: API key rows and their signed security events share its transactions. */
  readonly ledger: Ledger;
  /** The signed ledger's verification state (header badge). */
  readonly ledgerHealth: LedgerHealthMonitor;
  /** Where orders go (venue, gateways, disconnected policy); changed only with the interlock (order-gate.ts). */
  readonly gatewaySettings: GatewaySettingsStore;
  /** Saves gateway settings and applies them at once (TradingCores.apply). */
  readonly applyGatewaySettings: (settings: GatewaySettings) => Promise<GatewaySettings>;
  /** Paper or live, and the switch. */
  readonly modes: TradingModeController;
  /** Where the terminal's signing key lives (header badge "Keys: file"). */
  readonly keyStore: KeyStoreKind;
}

/** The terminal's status line: mode (with the live account and any notice), venue connection (with the IB gateway's detail), trading state, replay clock, key store. */
export function terminalStatus(context: Pick<RpcContext, 'core' | 'modes' | 'keyStore'>): TerminalStatus {
  const { engine, trading } = context.core();
  return {
    mode: context.modes.mode(),
    liveAccount: context.modes.liveAccount(),
    modeNotice: context.modes.notice(),
    otherModeOrders: [...engine.orders.open(), ...engine.orders.staged()].filter((order) => order.mode !== context.modes.mode()).length,
    connection: trading.venue.connectionState(),
    tradingState: engine.risk.tradingState(),
    venue: trading.venue.venueId,
    replay: trading.feed.status(),
    gateway: trading.gatewayStatus(),
    keyStore: context.keyStore,
    badTicks: context.core().guard.summary(),
  };
}

function guarded<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw asRpcError(error);
  }
}

/** The handlers of every method in src/shared/rpc/contract.ts, over the trading core in force. */
export function createRpcHandlers(context: RpcContext): RpcHandlers {
  const engine = () => context.core().engine;
  const feed = () => context.core().trading.feed;
  return {
    ...createInterlockHandlers(context.interlock, () => automationArmUntil(wallClock.now(), context.profile.get())),
    ...createApiKeyHandlers(context.apiKeys, wallClock, context.ledger),
    ...createGatewaySettingsHandlers(context.gatewaySettings, context.applyGatewaySettings),
    ...createModeHandlers(context.modes, () => terminalStatus(context)),
    'host.ping': () => ({ serverTime: wallClock.now() }),
    'session.describe': () => ({
      instrument: feed().instrument,
      status: terminalStatus(context),
      startingCash: engine().portfolio.startingCash,
    }),
    'orders.submit': (ticket) => guarded(() => ({ order: engine().submit(ticket, 'TICKET') })),
    'orders.cancel': ({ clientOrderId }) => guarded(() => ({ order: engine().cancel(clientOrderId) })),
    // The mode in force only: paper and live orders, fills and positions are never listed together.
    'orders.list': () => ({ orders: engine().orders.list().filter((order) => order.mode === context.modes.mode()) }),
    'risk.profile.get': () => context.profile.get(),
    'risk.profile.set': (profile) => guarded(() => context.profile.set(profile)),
    'approvals.approve': ({ clientOrderId }) => guarded(() => ({ order: engine().approve(clientOrderId) })),
    'approvals.reject': ({ clientOrderId }) => guarded(() => ({ order: engine().reject(clientOrderId) })),
    'risk.killSwitch': () => {
      context.core().breaker.killSwitch();
      return terminalStatus(context);
    },
    'risk.resume': () =>
      guarded(() => {
        context.core().breaker.resume();
        return terminalStatus(context);
      }),
    'alerts.list': () => ({ alerts: context.alerts.list() }),
    'ledger.health': () => context.ledgerHealth.health(),
    'ledger.verify': () => context.ledgerHealth.verify(),
    'bars.import': ({ instrumentId, csv }) => {
      try {
        return context.bars.importDailyBarsCsv(instrumentId, csv);
      } catch (error) {
        if (error instanceof DailyBarsCsvError) {
          throw new RpcError(
            'BAD_REQUEST',
            error.message,
            error.problems.map((problem) => ({ path: `csv line ${problem.line}`, message: problem.message })),
          );
        }
        throw error;
      }
    },
    'fills.list': () => ({ fills: engine().orders.fills().filter((fill) => engine().orders.get(fill.clientOrderId)?.mode === context.modes.mode()) }),
    'positions.list': () => ({ positions: engine().portfolio.positions(), account: engine().portfolio.account() }),
    'market.book': ({ depth }) => {
      const market = feed();
      return market.book.snapshot(depth ?? 10, market.toUnixMicros(market.status().marketTime));
    },
    'market.trades': ({ limit }) => ({ trades: context.core().trades.latest(limit ?? 5_000) }),
    ...createReplayHandlers(feed),
  };
}
