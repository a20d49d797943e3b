import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { wallClock, OPEN_ORDER_STATUSES, type Disposable, type GatewaySettings, type Order } from '../../shared';
import { createTerminalBus } from '../bus';
import { RiskProfileStore, type ExecutionEngine } from '../execution';
import { recordAlerts } from '../execution/breaker';
import { createApiRoutes, createHost, writeEndpointFile, type Host } from '../host';
import { Ledger } from '../ledger';
import { alertSecurityEvents, fanOutSecurityEvents, ledgerApiKeys, RequestVerifier } from '../security/api-auth';
import type { MarketFeed } from '../marketdata';
import { DailyBarsStore } from '../marketdata/bars';
import { createRpcHandlers, terminalStatus } from './rpc-handlers';
import { GatewaySettingsStore } from './gateway-settings-store';
import { openConfiguredVenue, type TradingVenue } from './trading-venue';
import { InterlockGate } from '../security/interlock';
import { createTerminalInterlock, InterlockSlot } from './interlock-wiring';
import { gateOrderSending } from './order-gate';
import { interlockAuthority } from './order-authority';
import { LedgerHealthMonitor } from './ledger-health';
import { recordInterlockSessions } from './interlock-sessions-ledger';
import { signLedgerWithTerminalKey, type LedgerSigning } from './ledger-signing';
import { chainSecurityEvents } from '../security';
import type { CredentialStore } from '../security';
import { createTradingCore, type TradingCore, type TradingCoreOptions } from './trading-core';
import { TradingCores } from './trading-cores';
import { TradingModeController } from './trading-mode';

/** How `floor serve` and the Electron shell start the terminal. */
export interface TerminalOptions {
  /** TCP port on 127.0.0.1; undefined or 0 = a random free port. */
  port?: number;
  /** Folder of the SQLite database (floor.sqlite) and settings; created when missing. */
  dataDir: string;
  /** A LOBSTER message file to replay; undefined = the synthetic market. */
  replay?: string;
  /** Replay speed, 0.1..1000 x real time (default 1). */
  speed?: number;
  /** Bad-tick band around the quote, basis points 1..10,000 (default 500 = 5%, see BadTickGuard). */
  badTickBandBps?: number;
  /** The US stock to trade when the venue is Interactive Brokers (Settings > Gateway), e.g. "AAPL". */
  symbol?: string;
  /** The built renderer (index.html + assets) the host serves. */
  rendererDir: string;
  /**
   * The OS keychain the terminal's signing key goes in (KeyringCredentialStore unless a test passes
   * its own); without an answering keychain a new ledger's key goes in the data folder's key file.
   */
  keychain?: CredentialStore;
}

/**
 * A running terminal. `engine` and `feed` are those of the trading core in force (saved gateway
 * settings can replace it). `close()` stops the feed, the host and the engine, then closes the database.
 */
export interface RunningTerminal {
  readonly host: Host;
  readonly engine: ExecutionEngine;
  readonly feed: MarketFeed;
  close(): Promise<void>;
}

export { COMMISSION_SETTING } from './trading-venue';

/** How the start-up line names the market. */
const MARKET_NAMES = { LOBSTER: 'replay', SYNTHETIC: 'synthetic market', IB: 'through Interactive Brokers (paper mode)' } as const;

/** Name of the database file inside the data folder. */
export const DATABASE_FILE = 'floor.sqlite';

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Says on stderr where the signing key lives; the key file with what it does not protect. */
function logKeyStore(signing: LedgerSigning): void {
  if (signing.keyStore.kind === 'KEYCHAIN') {
    log(`floor: signing key in ${signing.keyStore.location}`);
    return;
  }
  const why = signing.fallbackReason === null ? '' : ` because no OS keychain answered (${signing.fallbackReason})`;
  log(
    `floor: Keys: file. The signing key is in ${signing.keyStore.location}${why}. The file is private to this user, but ` +
      'anything that can read your files can sign as this terminal; paper trading only (live trading needs an OS keychain: ' +
      'install and unlock one, then run `floor keys migrate`).',
  );
}

/**
 * Starts the whole terminal under plain Node: ledger (signed, verified) -> the trading mode (PAPER;
 * a last run that ended live is recorded and said) -> the venue the gateway settings name (market
 * feed: LOBSTER replay continued at its bookmark, synthetic, or IB's) -> the order core restored
 * from the ledger (working orders handed to the venue) -> host, interlock and pushes; then starts
 * the feed and the venue. Resolves once the host accepts connections.
 * @throws the ledger's, the feed's or the host's start-up errors (after releasing what was opened).
 */
export async function startTerminal(options: TerminalOptions): Promise<RunningTerminal> {
  mkdirSync(options.dataDir, { recursive: true });
  // Paper trading: the simulated venue is rebuilt from the ledger, so NORMAL durability (atomic,
  // crash-safe, no fsync per commit) loses nothing that matters; the switch to live sets FULL.
  // Checkpoints run on a background thread: inline, every ~60th order paid 3-8 ms of fsyncs.
  const ledger = Ledger.open(path.join(options.dataDir, DATABASE_FILE), {
    durability: 'NORMAL',
    backgroundCheckpoints: { onError: (error) => log(`floor: ${error.message}; the ledger checkpoints inline again`) },
  });
  const cleanups: (() => void | Promise<void>)[] = [() => ledger.close()];
  const cleanup = async (): Promise<void> => {
    for (const step of cleanups.reverse()) {
      try {
        await step();
      } catch (error) {
        log(`floor: error while shutting down: ${String(error)}`);
      }
    }
    cleanups.length = 0;
  };

  try {
    // The ledger is signed before anything is written: every order event, risk verdict, approval,
    // trading-state or mode switch and security event from here on is a signed chain entry.
    const signing = signLedgerWithTerminalKey(ledger, { dataDir: options.dataDir, clock: wallClock, ...(options.keychain === undefined ? {} : { keychain: options.keychain }) });
    logKeyStore(signing);
    const ledgerHealth = new LedgerHealthMonitor(ledger.chain, signing.key, wallClock, () => ledger.durability());
    const health = ledgerHealth.verify();
    log(
      health.status === 'VERIFIED'
        ? `floor: ledger verified: ${health.entries} signed entries, key ${health.keyFingerprint}${signing.created ? ' (created now)' : ''}`
        : `floor: LEDGER BROKEN at seq ${health.failure?.seq}: ${health.failure?.reason}`,
    );
    const keyStore = signing.keyStore.kind;
    // Where orders go (Settings > Gateway): the simulated exchange over a replay or the synthetic
    // market, or Interactive Brokers with its live market. A saved change applies at once (TradingCores).
    const gatewaySettings = new GatewaySettingsStore(ledger.settings, wallClock);
    cleanups.push(() => gatewaySettings.dispose());
    // The interlock guards the order path itself: the engine asks it for every order that would be
    // sent. Its relying party needs the host's origin, so it is reached through a slot filled once bound.
    const interlockSlot = new InterlockSlot();
    // The trading core in force, replaced when saved gateway settings change the venue or the
    // connection; built and installed once the host exists (its pushes go there).
    const cores: TradingCores = new TradingCores({
      open: (settings: GatewaySettings) => openConfiguredVenue(options, settings, venueContext),
      build: (trading, settings) => createTradingCore(trading, settings, coreOptions),
      save: (settings) => gatewaySettings.set(settings),
      mode: () => modes.mode(),
      onDidReplace: (reason) => reload(reason),
      log,
    });
    const core = (): TradingCore => cores.current();
    const modes: TradingModeController = new TradingModeController({
      ledger,
      interlock: () => interlockSlot.get(),
      state: () => ({
        keyStore,
        settings: gatewaySettings.get(),
        gateway: core().trading.gatewayStatus(),
        paperOrders: ordersOf(core().engine.orders, 'PAPER'),
      }),
      liveOrders: () => ordersOf(core().engine.orders, 'LIVE'),
      reconnect: () => core().trading.reconnect(),
      clock: wallClock,
      log,
    });
    cleanups.push(() => modes.dispose());
    const venueContext = { ledger, clock: wallClock, log, mode: () => modes.mode(), whileDisconnected: () => gatewaySettings.get().whileDisconnected };
    const firstVenue: TradingVenue = await openConfiguredVenue(options, gatewaySettings.get(), venueContext);
    let firstVenueOwned = true;
    cleanups.push(() => {
      if (firstVenueOwned) firstVenue.dispose();
    });

    // The clock of settings changes (risk profile stamps) is the core's: the market clock on a replay.
    const profile = new RiskProfileStore(ledger.settings, { now: () => (cores.installed ? core().clock.now() : wallClock.now()) });
    cleanups.push(() => profile.dispose());
    // Daily bars for the correlation cap: one store (and one cache) shared by the risk engine and
    // the bars.import RPC, so an import is seen by the next order.
    const bars = new DailyBarsStore(ledger.bars);

    // The event bus outlives the cores: each core publishes its engine's and feed's events on it;
    // the host pushes, the alerts writer and each core's circuit breaker subscribe to it.
    const bus = createTerminalBus((error, topic) => log(`floor: a subscriber of ${topic} failed: ${String(error)}`));
    cleanups.push(() => bus.dispose());
    const alertsWriter = recordAlerts(bus, ledger.alerts, (error, alert) => log(`floor: could not record alert ${alert.code}: ${String(error)}`));
    cleanups.push(() => alertsWriter.dispose());

    // The signed automation API: API orders take the ticket's path (sizing, risk, approval per source).
    // Every refused request is a signed `security.event` chain entry (the evidence) and, throttled,
    // a CRITICAL alert (wall-clock time: when it happened, not the replay's).
    const securityEvents = fanOutSecurityEvents(
      [chainSecurityEvents(ledger, wallClock), alertSecurityEvents((alert) => bus.publish('risk.alert', alert), wallClock)],
      (error) => log(`floor: could not record a security event: ${String(error)}`),
    );
    // One table of keys: the apikeys.* RPCs register and revoke in it, the verifier reads it per request.
    const apiKeys = ledger.apiKeys;
    const api = createApiRoutes({
      verifier: new RequestVerifier({ keys: ledgerApiKeys(apiKeys) }),
      security: securityEvents,
      submit: (ticket) => core().engine.submit(ticket, 'API'),
      log,
    });
    // Order-sending RPCs also need a live WebAuthn session at the host (order-gate.ts): defence in depth.
    const interlockGate = new InterlockGate({
      status: () => interlockSlot.get().status(),
      needsCheckToResume: () => interlockSlot.get().needsCheckToResume(),
    });
    const statusContext = { core, modes, keyStore };
    const host = await createHost({
      port: options.port,
      staticDir: options.rendererDir,
      rpc: gateOrderSending(
        createRpcHandlers({
          ...statusContext,
          profile,
          alerts: ledger.alerts,
          bars,
          interlock: () => interlockSlot.get(),
          apiKeys,
          ledger,
          ledgerHealth,
          gatewaySettings,
          applyGatewaySettings: (settings) => cores.apply(settings),
        }),
        interlockGate,
      ),
      log,
      api,
    });
    cleanups.push(() => host.close());
    const interlock = createTerminalInterlock({
      ledger,
      origin: host.origin,
      mode: () => modes.mode(),
      publishAlert: (alert) => host.publish('alerts', [alert]),
    });
    interlockSlot.set(interlock);
    cleanups.push(() => interlock.dispose());
    // How `floor order` finds this terminal; removed first on shutdown (cleanups run in reverse).
    cleanups.push(writeEndpointFile(options.dataDir, { port: host.port, pid: process.pid, origin: host.origin, startedAt: Date.now() }));

    const publishStatus = (): void => host.publish('status', terminalStatus(statusContext));
    const coreOptions: TradingCoreOptions = {
      ledger,
      profile,
      bars,
      bus,
      host,
      authority: interlockAuthority(() => interlockSlot.get()),
      mode: () => modes.mode(),
      liveAccountId: () => modes.liveAccount(),
      interlock: () => interlockSlot.get(),
      ...(options.badTickBandBps === undefined ? {} : { badTickBandBps: options.badTickBandBps }),
      publishStatus,
      log,
    };
    const reload = (reason: string): void => {
      publishStatus();
      host.publish('session', { reason });
    };
    const first = createTradingCore(firstVenue, gatewaySettings.get(), coreOptions);
    firstVenueOwned = false;
    cleanups.push(() => (cores.installed ? cores.dispose() : first.dispose()));

    const subscriptions: Disposable[] = [
      interlock.onDidChangeStatus((status) => host.publish('interlock', status)),
      recordInterlockSessions(interlock, ledger, wallClock, (error) => log(`floor: could not record an interlock session in the ledger: ${String(error)}`)),
      bus.subscribe('risk.alert', (alert) => host.publish('alerts', [alert])),
      // Another mode is another book: the renderer loads positions, account and orders again.
      modes.onDidChange((mode) => reload(`the trading mode is now ${mode}`)),
    ];
    cleanups.push(() => subscriptions.forEach((subscription) => subscription.dispose()));

    cores.install(first);
    const feed = first.trading.feed;
    log(`floor: ${feed.instrument.instrumentId} ${MARKET_NAMES[feed.status().source.kind]}, data in ${options.dataDir}`);
    return {
      host,
      get engine() {
        return core().engine;
      },
      get feed() {
        return core().trading.feed;
      },
      close: cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** The orders of `mode` working at a venue or staged for approval, oldest first. */
function ordersOf(orders: { open(): Order[]; staged(): Order[] }, mode: Order['mode']): Order[] {
  return [...orders.open(), ...orders.staged()].filter((o) => o.mode === mode && (OPEN_ORDER_STATUSES.has(o.status) || o.status === 'STAGED'));
}
