import { messageOf, Emitter, type Event, type GatewayHandshake } from '../../../shared';
import { reconnectDelayMs } from './backoff';
import { assertGatewayHostAllowed } from './gateway-host';
import type { HeartbeatOptions } from './heartbeat';
import { endpointName, IbSession, type GatewayEndpoint, type SessionCode, type SessionCloseReason, type SessionReady } from './ib-session';
import { checkModeAgreement, DEFAULT_GATEWAY_PORTS, type GatewayPorts, type TradingMode } from './mode-agreement';
import type { IbTimers } from './timers';

/**
 * Where the connection stands.
 * - STOPPED: not started, or stopped.
 * - CONNECTING: a session is opening (socket, handshake).
 * - RECONCILING: the session is up; open orders, executions and positions are being merged. No orders yet.
 * - CONNECTED: reconciled; orders may be sent.
 * - UPSTREAM_LOST: the socket is up but the gateway lost IB (1100, 2110); no orders until 1101 / 1102.
 * - RECONNECTING: the last session ended; the next attempt is scheduled (or the standby is being tried).
 * - REFUSED: Floor will not trade through this gateway until the settings change (mode, port or
 *   account disagreement; a host not allowed) or the gateway is updated (a server version below
 *   MIN_IB_SERVER_VERSION). Says why in `reason`.
 */
export type IbConnectionPhase = 'STOPPED' | 'CONNECTING' | 'RECONCILING' | 'CONNECTED' | 'UPSTREAM_LOST' | 'RECONNECTING' | 'REFUSED';

/** Which configured gateway a session is on. */
export type GatewayRole = 'PRIMARY' | 'STANDBY';

/** The connection's status, as the header and the logs show it. */
export interface IbConnectionStatus {
  readonly phase: IbConnectionPhase;
  /** "host:port" of the gateway in use or being tried; null when stopped. */
  readonly gateway: string | null;
  readonly role: GatewayRole | null;
  /** Consecutive failed attempts since the last CONNECTED (0 when connected). */
  readonly attempt: number;
  /** Data farms reported broken (2103 / 2105 / 2157), by name; orders are unaffected. */
  readonly brokenFarms: readonly string[];
  /** Why the phase is what it is (the last close reason, a refusal, an upstream loss), or null. */
  readonly reason: string | null;
  /** Managed accounts of the session in use, [] when none. */
  readonly accounts: readonly string[];
  /**
   * The last completed handshake (gateway, port, managed accounts), also after its session was
   * refused for a mode disagreement: a live gateway seen in paper mode stays known, so the switch to
   * live can check it. Null until a gateway answered.
   */
  readonly handshake: GatewayHandshake | null;
}

/** Options of IbConnection. */
export interface IbConnectionOptions {
  readonly primary: GatewayEndpoint;
  /** A hot standby gateway (another IB Gateway / TWS logged in to the same account), or null. */
  readonly standby: GatewayEndpoint | null;
  /** The trading mode the trader chose (Floor starts in PAPER). */
  readonly mode: () => TradingMode;
  readonly ports?: GatewayPorts;
  /** IP addresses allowed besides loopback. */
  readonly allowedHosts?: readonly string[];
  readonly heartbeat: HeartbeatOptions;
  /** Handshake timeout, ms (default the heartbeat timeout). */
  readonly handshakeTimeoutMs?: number;
  readonly timers: IbTimers;
  readonly isOrderId: (id: number) => boolean;
  /**
   * Merges the gateway's view into Floor's after a (re)connect (open orders, completed orders,
   * executions since the last one known, positions) and resubscribes market data. The connection is
   * CONNECTED only once it resolves; a rejection closes the session and reconnects.
   */
  readonly reconcile: (session: IbSession, ready: SessionReady, endpoint: GatewayEndpoint) => Promise<void>;
  /** Called with each new session before it connects, so the venue can listen to its events. */
  readonly onSession?: (session: IbSession, endpoint: GatewayEndpoint) => void;
  /** Every classified code of every session (orders, depth, farms: the venue routes them). */
  readonly onCode?: (code: SessionCode, session: IbSession) => void;
  readonly random?: () => number;
}

const FARM_BROKEN: Readonly<Record<number, string>> = { 2103: 'market data', 2105: 'historical data', 2157: 'security definition' };
const FARM_OK: Readonly<Record<number, string>> = { 2104: 'market data', 2106: 'historical data', 2158: 'security definition' };

/**
 * Keeps Floor connected to IB: one session at a time, on the primary or the standby gateway.
 *
 * - Loss (socket closed, hang, handshake timeout, port reset, 326): the session is closed and orders
 *   stop at once (phase RECONNECTING). With a standby configured the other gateway is tried
 *   immediately, then the two alternate with backoff (reconnectDelayMs: at once, then 250 ms
 *   doubling to 2 s); without one the same gateway is retried with that backoff.
 * - Failback rule: Floor stays on whichever gateway works. It never leaves a working standby for a
 *   recovered primary on its own (a switch is a reconnect and a reconciliation, and two gateways
 *   flapping would do it in a loop); when the standby is lost, the primary is tried first.
 * - Every session, before any order: the gateway's server version must be at least
 *   MIN_IB_SERVER_VERSION (otherwise REFUSED, naming it, before any other message is read), and
 *   mode, port and managed accounts must agree (checkModeAgreement), otherwise REFUSED; then
 *   `reconcile`; then CONNECTED.
 * - 1100 / 2110 -> UPSTREAM_LOST (orders gated); 1102 -> CONNECTED; 1101 -> RECONCILING again
 *   (data was lost: reconcile and resubscribe), then CONNECTED.
 */
export class IbConnection {
  private current: { readonly session: IbSession; readonly role: GatewayRole; readonly endpoint: GatewayEndpoint; ready?: SessionReady } | undefined;
  private retryTimer: unknown;
  private status: IbConnectionStatus = { phase: 'STOPPED', gateway: null, role: null, attempt: 0, brokenFarms: [], reason: null, accounts: [], handshake: null };
  private readonly statusEmitter = new Emitter<IbConnectionStatus>();
  private readonly farms = new Set<string>();
  private reconciliation = 0;

  private readonly sessionEmitter = new Emitter<{ readonly session: IbSession; readonly endpoint: GatewayEndpoint }>();

  /** Fires on every status change. */
  readonly onDidChangeStatus: Event<IbConnectionStatus> = this.statusEmitter.event;
  /**
   * Fires with each new session before it connects (after `options.onSession`), so other
   * components on the same socket (the market-data feed) can listen to its events.
   */
  readonly onDidOpenSession: Event<{ readonly session: IbSession; readonly endpoint: GatewayEndpoint }> = this.sessionEmitter.event;

  /** @throws GatewayHostRefusedError / TypeError when a configured host is not allowed (nothing is opened). */
  constructor(private readonly options: IbConnectionOptions) {
    assertGatewayHostAllowed(options.primary.host, options.allowedHosts);
    if (options.standby !== null) assertGatewayHostAllowed(options.standby.host, options.allowedHosts);
  }

  /** The status now. */
  connectionStatus(): IbConnectionStatus {
    return this.status;
  }

  /** True only when CONNECTED: reconciled, upstream up, mode agreed. */
  acceptsOrders(): boolean {
    return this.status.phase === 'CONNECTED';
  }

  /** The session in use (open, past its handshake), or undefined. */
  get session(): IbSession | undefined {
    return this.current?.session.open ? this.current.session : undefined;
  }

  /** The gateway of the session in use, or undefined. */
  get endpoint(): GatewayEndpoint | undefined {
    return this.current?.endpoint;
  }

  /** Connects to the primary gateway. Idempotent while running. */
  start(): void {
    if (this.status.phase !== 'STOPPED' && this.status.phase !== 'REFUSED') return;
    this.open('PRIMARY', 0);
  }

  /** Closes the session and cancels any retry. */
  stop(): void {
    this.options.timers.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const current = this.current;
    this.current = undefined;
    current?.session.close('STOPPED');
    this.update({ phase: 'STOPPED', gateway: null, role: null, attempt: 0, reason: null, accounts: [] });
  }

  private endpointOf(role: GatewayRole): GatewayEndpoint {
    return role === 'PRIMARY' || this.options.standby === null ? this.options.primary : this.options.standby;
  }

  private open(role: GatewayRole, attempt: number): void {
    const endpoint = this.endpointOf(role);
    const session = new IbSession({
      endpoint,
      heartbeat: this.options.heartbeat,
      handshakeTimeoutMs: this.options.handshakeTimeoutMs ?? this.options.heartbeat.timeoutMs,
      isOrderId: this.options.isOrderId,
      timers: this.options.timers,
    });
    this.current = { session, role, endpoint };
    this.farms.clear();
    this.update({ phase: 'CONNECTING', gateway: endpointName(endpoint), role, attempt, accounts: [] });
    session.onReady((ready) => this.onReady(session, ready, endpoint));
    session.onClosed(({ reason, message }) => this.onClosed(session, reason, message));
    session.onCode((code) => this.onCode(session, code));
    this.options.onSession?.(session, endpoint);
    this.sessionEmitter.fire({ session, endpoint });
    session.connect();
  }

  private onReady(session: IbSession, ready: SessionReady, endpoint: GatewayEndpoint): void {
    if (this.current?.session !== session) return;
    this.update({ handshake: { gateway: endpointName(endpoint), port: endpoint.port, accounts: [...ready.accounts] } });
    const agreement = checkModeAgreement(this.options.mode(), endpoint.port, ready.accounts, this.options.ports ?? DEFAULT_GATEWAY_PORTS);
    if (!agreement.ok) {
      this.refuse(agreement.reason);
      return;
    }
    this.current.ready = ready;
    this.update({ accounts: ready.accounts });
    this.runReconciliation(session, ready, endpoint);
  }

  private runReconciliation(session: IbSession, ready: SessionReady, endpoint: GatewayEndpoint): void {
    const run = (this.reconciliation += 1);
    this.update({ phase: 'RECONCILING', reason: null });
    this.options.reconcile(session, ready, endpoint).then(
      () => {
        if (this.current?.session !== session || run !== this.reconciliation || !session.open) return;
        this.update({ phase: 'CONNECTED', attempt: 0, reason: null });
      },
      (error: unknown) => {
        if (this.current?.session !== session) return;
        session.close('STOPPED', `reconciliation failed: ${messageOf(error)}`);
      },
    );
  }

  private refuse(reason: string): void {
    const current = this.current;
    this.current = undefined;
    this.options.timers.clearTimeout(this.retryTimer);
    current?.session.close('STOPPED', reason);
    this.update({ phase: 'REFUSED', reason, accounts: [] });
  }

  private onClosed(session: IbSession, reason: SessionCloseReason, message: string): void {
    if (this.current?.session !== session) return;
    if (reason === 'UNSUPPORTED_SERVER_VERSION') return this.refuse(message);
    const lost = this.current;
    this.current = undefined;
    if (reason === 'STOPPED' && this.status.phase === 'STOPPED') return;
    const attempt = this.status.attempt + 1;
    const hasStandby = this.options.standby !== null;
    // A session that was up (or a first failure) moves to the other gateway at once when there is one.
    const other: GatewayRole = lost.role === 'PRIMARY' ? 'STANDBY' : 'PRIMARY';
    const next: GatewayRole = hasStandby ? other : 'PRIMARY';
    const delay = reconnectDelayMs(attempt, this.options.random);
    this.update({ phase: 'RECONNECTING', attempt, reason: message, accounts: [] });
    this.retryTimer = this.options.timers.setTimeout(() => {
      this.retryTimer = undefined;
      if (this.status.phase === 'RECONNECTING') this.open(next, attempt);
    }, delay);
  }

  private onCode(session: IbSession, code: SessionCode): void {
    this.options.onCode?.(code, session);
    if (this.current?.session !== session) return;
    const { action, code: number } = code.info;
    if (action === 'FARM_STATUS') {
      const farm = `${FARM_BROKEN[number] ?? FARM_OK[number] ?? 'farm'}${farmSuffix(code.message)}`;
      if (FARM_BROKEN[number] !== undefined) this.farms.add(farm);
      else if (FARM_OK[number] !== undefined) this.farms.delete(farm);
      else return;
      this.update({});
    } else if (action === 'UPSTREAM_LOST' && this.status.phase !== 'CONNECTING') {
      this.update({ phase: 'UPSTREAM_LOST', reason: `IB ${number}: ${code.info.meaning}` });
    } else if (action === 'UPSTREAM_RESTORED' && this.status.phase === 'UPSTREAM_LOST') {
      this.update({ phase: 'CONNECTED', reason: null });
    } else if (action === 'UPSTREAM_RESTORED_DATA_LOST' && (this.status.phase === 'UPSTREAM_LOST' || this.status.phase === 'CONNECTED')) {
      const { ready, endpoint } = this.current;
      if (ready !== undefined) this.runReconciliation(session, ready, endpoint);
    }
  }

  private update(change: Partial<IbConnectionStatus>): void {
    this.status = { ...this.status, ...change, brokenFarms: [...this.farms].sort() };
    this.statusEmitter.fire(this.status);
  }
}

/** ":usfarm" from "Market data farm connection is broken:usfarm", else "". */
function farmSuffix(message: string): string {
  const at = message.lastIndexOf(':');
  return at < 0 ? '' : `:${message.slice(at + 1).trim()}`;
}
