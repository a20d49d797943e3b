import { wallClock, type BadTickSummary, type GatewayStatus, type KeyStoreKind, type TerminalStatus } from '../../shared';
import type { ExecutionEngine, RiskProfileStore } from '../execution';
import type { BreakerController } from '../execution/breaker';
import { RpcError, type RpcHandlers } from '../host';
import type { AlertRepository, ApiKeyRepository, Ledger } from '../ledger';
import type { MarketFeed } from '../marketdata';
import { DailyBarsCsvError, type DailyBarsStore } from '../marketdata/bars';
import type { Venue } from '../venues';
import type { Interlock } from '../security/interlock';
import { createApiKeyHandlers } from './api-key-handlers';
import { createGatewaySettingsHandlers } from './gateway-settings-handlers';
import type { GatewaySettingsStore } from './gateway-settings-store';
import { automationArmUntil } from './automation-span';
import { createInterlockHandlers } from './interlock-handlers';
import { createReplayHandlers } from './replay-handlers';
import { asRpcError } from './rpc-errors';
import type { LedgerHealthMonitor } from './ledger-health';
import type { TradeHistory } from './trade-history';

/** What the RPC methods act on. */
export interface RpcContext {
  readonly engine: ExecutionEngine;
  readonly feed: MarketFeed;
  readonly venue: Venue;
  /** The IB gateway connection's detail, or null on the simulated exchange. */
  readonly gatewayStatus: () => GatewayStatus | null;
  /** What the bad-tick guard excluded since the market last jumped. */
  readonly badTicks: () => BadTickSummary;
  /** Recent market trades for the chart's initial load. */
  readonly trades: TradeHistory;
  /** The trader's risk profile (sizing, limits, approval per source). */
  readonly profile: RiskProfileStore;
  /** Circuit breaker, daily-loss guard, kill switch and resume. */
  readonly breaker: BreakerController;
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
  /** Where the terminal's signing key lives (header badge "Keys: file"). */
  readonly keyStore: KeyStoreKind;
}

/** The terminal's status line: mode (always PAPER for now), venue connection (with the IB gateway's detail), trading state, replay clock, excluded prints. */
export function terminalStatus(context: Pick<RpcContext, 'engine' | 'feed' | 'venue' | 'gatewayStatus' | 'keyStore' | 'badTicks'>): TerminalStatus {
  return {
    mode: 'PAPER',
    connection: context.venue.connectionState(),
    tradingState: context.engine.risk.tradingState(),
    venue: context.venue.venueId,
    replay: context.feed.status(),
    gateway: context.gatewayStatus(),
    keyStore: context.keyStore,
    badTicks: context.badTicks(),
  };
}

function guarded<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw asRpcError(error);
  }
}

/** The handlers of every method in src/shared/rpc/contract.ts, over one engine and one feed. */
export function createRpcHandlers(context: RpcContext): RpcHandlers {
  const { engine, feed, trades } = context;
  return {
    ...createInterlockHandlers(context.interlock, () => automationArmUntil(wallClock.now(), context.profile.get())),
    ...createApiKeyHandlers(context.apiKeys, wallClock, context.ledger),
    ...createGatewaySettingsHandlers(context.gatewaySettings),
    'host.ping': () => ({ serverTime: wallClock.now() }),
    'session.describe': () => ({
      instrument: feed.instrument,
      status: terminalStatus(context),
      startingCash: engine.portfolio.startingCash,
    }),
    'orders.submit': (ticket) => guarded(() => ({ order: engine.submit(ticket, 'TICKET') })),
    'orders.cancel': ({ clientOrderId }) => guarded(() => ({ order: engine.cancel(clientOrderId) })),
    'orders.list': () => ({ orders: engine.orders.list() }),
    'risk.profile.get': () => context.profile.get(),
    'risk.profile.set': (profile) => guarded(() => context.profile.set(profile)),
    'approvals.approve': ({ clientOrderId }) => guarded(() => ({ order: engine.approve(clientOrderId) })),
    'approvals.reject': ({ clientOrderId }) => guarded(() => ({ order: engine.reject(clientOrderId) })),
    'risk.killSwitch': () => {
      context.breaker.killSwitch();
      return terminalStatus(context);
    },
    'risk.resume': () =>
      guarded(() => {
        context.breaker.resume();
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
    'fills.list': () => ({ fills: engine.orders.fills() }),
    'positions.list': () => ({ positions: engine.portfolio.positions(), account: engine.portfolio.account() }),
    'market.book': ({ depth }) => {
      const status = feed.status();
      return feed.book.snapshot(depth ?? 10, feed.toUnixMicros(status.marketTime));
    },
    'market.trades': ({ limit }) => ({ trades: trades.latest(limit ?? 5_000) }),
    ...createReplayHandlers(feed),
  };
}
