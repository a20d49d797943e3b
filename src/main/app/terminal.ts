import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { wallClock, type Disposable, type GatewaySettings, type ReplayFailure } from '../../shared';
import { createTerminalBus, publishEngineEvents, publishFeedEvents } from '../bus';
import { RiskProfileStore, StagedExpiryTimer, type ExecutionEngine } from '../execution';
import { BreakerController, HaltController, recordAlerts } from '../execution/breaker';
import { createApiRoutes, createHost, writeEndpointFile, type Host } from '../host';
import { Ledger } from '../ledger';
import { alertSecurityEvents, fanOutSecurityEvents, ledgerApiKeys, RequestVerifier } from '../security/api-auth';
import { BadTickGuard, ReplayFailedError, type MarketFeed } from '../marketdata';
import { DailyBarsStore } from '../marketdata/bars';
import { MarketPublisher, TRADE_HISTORY_CAPACITY } from './market-publisher';
import { TradeHistory } from './trade-history';
import { ReplayBookmark } from './replay-bookmark';
import { createRpcHandlers, terminalStatus } from './rpc-handlers';
import { GatewaySettingsStore } from './gateway-settings-store';
import { openIbTrading, openSimulatedVenue, type TradingVenue } from './trading-venue';
import { InterlockGate } from '../security/interlock';
import { createTerminalInterlock, InterlockSlot } from './interlock-wiring';
import { gateOrderSending } from './order-gate';
import { interlockAuthority } from './order-authority';
import { createOrderCore } from './order-core';
import { LedgerHealthMonitor } from './ledger-health';
import { recordInterlockSessions } from './interlock-sessions-ledger';
import { signLedgerWithTerminalKey, type LedgerSigning } from './ledger-signing';
import { chainSecurityEvents } from '../security';
import type { CredentialStore } from '../security';

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

/** A running terminal. `close()` stops the feed, the host and the engine, then closes the database. */
export interface RunningTerminal {
  readonly host: Host;
  readonly engine: ExecutionEngine;
  readonly feed: MarketFeed;
  close(): Promise<void>;
}

/** Settings key of the paper venue's commission schedule. */
export const COMMISSION_SETTING = 'paper.commissionSchedule';
const commissionSettingSchema = z.enum(['IBKR_FIXED', 'IBKR_TIERED']);

/** How often (market-status events, at most) the replay bookmark is written. */
const BOOKMARK_INTERVAL_MS = 1_000;

/** How the start-up line names the market. */
const MARKET_NAMES = { LOBSTER: 'replay', SYNTHETIC: 'synthetic market', IB: 'through Interactive Brokers (paper mode)' } as const;

/**
 * The venue and market of the settings. IB trades `options.symbol` on its live market, so a replay
 * file makes no sense there and is refused, as is a missing symbol.
 * @throws Error naming the conflicting option; the venue's own start-up errors.
 */
async function openTradingVenue(options: TerminalOptions, settings: GatewaySettings, ledger: Ledger): Promise<TradingVenue> {
  if (settings.venue === 'IB') {
    if (options.replay !== undefined) throw new Error('the venue is Interactive Brokers (Settings > Gateway): its market is live, so --replay cannot be used; set the venue to the simulated exchange to replay');
    if (options.symbol === undefined) throw new Error('the venue is Interactive Brokers (Settings > Gateway): name the stock to trade with --symbol, e.g. --symbol AAPL');
    return openIbTrading({ settings, symbol: options.symbol, ledger, bookedTradeIds: ledger.fills.all().map((f) => f.tradeId), clock: wallClock, log });
  }
  const commission = ledger.settings.get(COMMISSION_SETTING, commissionSettingSchema) ?? 'IBKR_FIXED';
  return openSimulatedVenue({ replay: options.replay, speed: options.speed, commission });
}

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
 * Starts the whole terminal under plain Node: ledger -> market feed (LOBSTER replay or synthetic)
 * -> paper venue -> execution engine -> host. Restores orders, fills and positions from the ledger,
 * continues the replay where the last run stopped, re-enters working orders at the paper venue, then
 * starts the feed. Resolves once the host accepts connections.
 * @throws the ledger's, the feed's or the host's start-up errors (after releasing what was opened).
 */
export async function startTerminal(options: TerminalOptions): Promise<RunningTerminal> {
  mkdirSync(options.dataDir, { recursive: true });
  // Paper trading: the simulated venue is rebuilt from the ledger, so NORMAL durability (atomic,
  // crash-safe, no fsync per commit) loses nothing that matters. Live trading will open it FULL.
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
    // trading-state switch and security event from here on is a signed chain entry.
    const signing = signLedgerWithTerminalKey(ledger, { dataDir: options.dataDir, clock: wallClock, ...(options.keychain === undefined ? {} : { keychain: options.keychain }) });
    logKeyStore(signing);
    const ledgerHealth = new LedgerHealthMonitor(ledger.chain, signing.key);
    const health = ledgerHealth.verify();
    log(
      health.status === 'VERIFIED'
        ? `floor: ledger verified: ${health.entries} signed entries, key ${health.keyFingerprint}${signing.created ? ' (created now)' : ''}`
        : `floor: LEDGER BROKEN at seq ${health.failure?.seq}: ${health.failure?.reason}`,
    );
    // Where orders go (Settings > Gateway): the simulated exchange over a replay or the synthetic
    // market, or Interactive Brokers with its live market. Read once at start-up.
    const gatewaySettings = new GatewaySettingsStore(ledger.settings, wallClock);
    cleanups.push(() => gatewaySettings.dispose());
    const trading = await openTradingVenue(options, gatewaySettings.get(), ledger);
    cleanups.push(() => trading.dispose());
    const { feed, venue } = trading;
    const bookmark = trading.replayable ? new ReplayBookmark(ledger.settings) : undefined;
    const resumeAt = bookmark?.load(feed.status().source);
    if (resumeAt !== undefined) {
      // A replay that stopped on bad data stops there again: the terminal starts anyway, the feed
      // FAILED at the last good event with the banner up, so the trader can seek back or switch days.
      await feed.seek(resumeAt).catch((error: unknown) => {
        if (!(error instanceof ReplayFailedError)) throw error;
        log(`floor: ${error.message}`);
      });
    }

    // On a replayed or simulated day the market's clock is the terminal's clock (as in a
    // NautilusTrader backtest): orders, fills, alerts and the chart then share one time line.
    const engineClock = { now: () => feed.toUnixMicros(feed.status().marketTime) };
    const profile = new RiskProfileStore(ledger.settings, engineClock);
    cleanups.push(() => profile.dispose());
    // Daily bars for the correlation cap: one store (and one cache) shared by the risk engine and
    // the bars.import RPC, so an import is seen by the next order.
    const bars = new DailyBarsStore(ledger.bars);
    // The interlock guards the order path itself: the engine asks it for every order that would be
    // sent. Its relying party needs the host's origin, so it is reached through a slot filled once bound.
    const interlockSlot = new InterlockSlot();
    const engine = createOrderCore({
      ledger,
      venue,
      clock: engineClock,
      profile,
      bars,
      authority: interlockAuthority(() => interlockSlot.get()),
      instruments: (id) => (id === feed.instrument.instrumentId ? feed.instrument : undefined),
      marks: (id) => (id === feed.instrument.instrumentId ? feed.book.mid() : null),
      logger: { warn: (m) => log(`floor: ${m}`), error: (m, e) => log(`floor: ${m}${e === undefined ? '' : `: ${String(e)}`}`) },
    });
    cleanups.push(() => engine.dispose());

    engine.restoreAtVenue();
    // Staged orders expire on the market clock; the sweep makes that visible without an approval call.
    const stagedExpiry = new StagedExpiryTimer(engine, (error) => log(`floor: staged order expiry failed: ${String(error)}`));
    cleanups.push(() => stagedExpiry.dispose());

    // The event bus: the engine's and the feed's events go onto it; the host pushes, the mark
    // updates, the alerts writer and the circuit breaker subscribe to it.
    const bus = createTerminalBus((error, topic) => log(`floor: a subscriber of ${topic} failed: ${String(error)}`));
    cleanups.push(() => bus.dispose());
    // The bad-tick guard stands between the feed's prints and everything that reacts to prices:
    // the breaker (market.trade on the bus), the tape and the chart (MarketPublisher).
    const guard = new BadTickGuard(feed, options.badTickBandBps);
    cleanups.push(() => guard.dispose());
    const bridges = [publishEngineEvents(engine, bus), publishFeedEvents(feed, bus, guard)];
    cleanups.push(() => bridges.forEach((b) => b.dispose()));
    const alertsWriter = recordAlerts(bus, ledger.alerts, (error, alert) => log(`floor: could not record alert ${alert.code}: ${String(error)}`));
    cleanups.push(() => alertsWriter.dispose());
    const breaker = new BreakerController({
      bus,
      // One ledger transaction per halt: N cancels cost one commit, not 2N (see HaltController).
      halt: new HaltController({ engine, venue, batch: (work) => ledger.transaction(work) }),
      engine,
      profile,
      clock: engineClock,
    });
    cleanups.push(() => breaker.dispose());

    const handlersContext = { engine, feed, venue, gatewayStatus: () => trading.gatewayStatus(), keyStore: signing.keyStore.kind, badTicks: () => guard.summary() } as const;
    const trades = new TradeHistory(TRADE_HISTORY_CAPACITY);
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
      submit: (ticket) => engine.submit(ticket, 'API'),
      log,
    });
    // Order-sending RPCs also need a live WebAuthn session at the host (order-gate.ts): defence in depth.
    const interlockGate = new InterlockGate({
      status: () => interlockSlot.get().status(),
      needsCheckToResume: () => interlockSlot.get().needsCheckToResume(),
    });
    const host = await createHost({
      port: options.port,
      staticDir: options.rendererDir,
      rpc: gateOrderSending(
        createRpcHandlers({ ...handlersContext, trades, profile, breaker, alerts: ledger.alerts, bars, interlock: () => interlockSlot.get(), apiKeys, ledger, ledgerHealth, gatewaySettings }),
        interlockGate,
      ),
      log,
      api,
    });
    cleanups.push(() => host.close());
    const interlock = createTerminalInterlock({
      ledger,
      origin: host.origin,
      mode: () => terminalStatus(handlersContext).mode,
      publishAlert: (alert) => host.publish('alerts', [alert]),
    });
    interlockSlot.set(interlock);
    cleanups.push(() => interlock.dispose());
    // How `floor order` finds this terminal; removed first on shutdown (cleanups run in reverse).
    cleanups.push(writeEndpointFile(options.dataDir, { port: host.port, pid: process.pid, origin: host.origin, startedAt: Date.now() }));
    const market = new MarketPublisher(feed, host, trades, guard);
    cleanups.push(() => market.dispose());

    const publishStatus = (): void => host.publish('status', terminalStatus(handlersContext));
    let lastBookmark = 0;
    let loggedFailure: ReplayFailure | null = null;
    const subscriptions: Disposable[] = [
      bus.subscribe('order.changed', (order) => host.publish('orders', [order])),
      bus.subscribe('order.filled', (fill) => host.publish('fills', [fill])),
      bus.subscribe('portfolio.position', () => host.publish('positions', engine.portfolio.positions())),
      bus.subscribe('portfolio.account', (account) => host.publish('account', account)),
      bus.subscribe('risk.tradingState', publishStatus),
      // Every gateway phase, farm warning and held order reaches the header at once.
      trading.onDidChangeConnection(publishStatus),
      // After a HALT, resuming needs an interlock session younger than the halt, and automation is disarmed.
      bus.subscribe('risk.tradingState', (state) => {
        if (state !== 'HALTED') return;
        interlock.recordHalt();
        interlock.disarmAutomation('trading was halted (kill switch, circuit breaker or loss limit)');
      }),
      interlock.onDidChangeStatus((status) => host.publish('interlock', status)),
      recordInterlockSessions(interlock, ledger, wallClock, (error) => log(`floor: could not record an interlock session in the ledger: ${String(error)}`)),
      bus.subscribe('risk.alert', (alert) => host.publish('alerts', [alert])),
      // The header's count of excluded prints.
      bus.subscribe('market.badTick', publishStatus),
      bus.subscribe('market.mid', (market) => {
        const mid = market.book.mid();
        if (mid !== null) engine.portfolio.setMark(market.instrument.instrumentId, mid);
      }),
      feed.onDidChangeStatus((status) => {
        publishStatus();
        if (status.failure !== null && status.failure !== loggedFailure) {
          const where = status.failure.file === null ? '' : `${status.failure.file}:${status.failure.line}: `;
          log(`floor: the replay stopped at the event before bad data: ${where}${status.failure.reason}`);
        }
        loggedFailure = status.failure;
        const now = Date.now();
        if (bookmark !== undefined && (now - lastBookmark >= BOOKMARK_INTERVAL_MS || status.finished || status.paused)) {
          lastBookmark = now;
          bookmark.save(status.source, status.marketTime, wallClock.now());
        }
      }),
    ];
    cleanups.push(() => {
      for (const subscription of subscriptions) subscription.dispose();
      const status = feed.status();
      bookmark?.save(status.source, status.marketTime, wallClock.now());
    });

    trading.start();
    log(`floor: ${feed.instrument.instrumentId} ${MARKET_NAMES[feed.status().source.kind]}, data in ${options.dataDir}`);
    return { host, engine, feed, close: cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
