import { EventName, IBApi } from '@stoqey/ib';
import { Emitter, type Event } from '../../../shared';
import { Heartbeat, type HeartbeatOptions } from './heartbeat';
import { classifyIbCode, type IbCodeInfo } from './ib-codes';
import { gatewayUtcOffsetMinutes } from './ib-time';
import { MessageThrottle } from './message-throttle';
import { serverVersionRefusal } from './server-version';
import type { IbTimers } from './timers';

/** One gateway Floor can connect to. */
export interface GatewayEndpoint {
  readonly host: string;
  /** TCP port of the gateway's API socket. */
  readonly port: number;
  /** Floor's fixed API client id (never random: orders are bound to the client id that placed them). */
  readonly clientId: number;
}

/** "host:port", how a gateway is named in logs and the order id map. */
export function endpointName(endpoint: Pick<GatewayEndpoint, 'host' | 'port'>): string {
  return `${endpoint.host}:${endpoint.port}`;
}

/** Why a session ended. */
export type SessionCloseReason =
  /** The gateway closed the socket (or it broke). */
  | 'SOCKET_CLOSED'
  /** Nothing was heard for the heartbeat timeout while the socket stayed open. */
  | 'HUNG'
  /** The TCP connection could not be made (error 502). */
  | 'CONNECT_FAILED'
  /** No nextValidId and managedAccounts within the handshake timeout. */
  | 'HANDSHAKE_TIMEOUT'
  /** Another API client holds our client id (326). */
  | 'CLIENT_ID_IN_USE'
  /** The gateway reset its API port (1300). */
  | 'PORT_RESET'
  /** The gateway's server version is below MIN_IB_SERVER_VERSION: Floor refuses it (server-version.ts). */
  | 'UNSUPPORTED_SERVER_VERSION'
  /** Floor closed it. */
  | 'STOPPED';

/** What the gateway said when the session became ready. */
export interface SessionReady {
  readonly nextValidId: number;
  /** managedAccounts, split on commas. */
  readonly accounts: readonly string[];
  readonly serverVersion: number;
}

/** A message code from the gateway (error / info), classified. */
export interface SessionCode {
  readonly info: IbCodeInfo;
  /** The request or order id it is about; -1 for none. */
  readonly id: number;
  readonly message: string;
  /** IB's advancedOrderRejectJson, parsed (order rejects at server version >= 166), else undefined. */
  readonly advancedOrderReject: unknown;
}

/** Options of IbSession. */
export interface IbSessionOptions {
  readonly endpoint: GatewayEndpoint;
  readonly heartbeat: HeartbeatOptions;
  /** How long to wait for nextValidId and managedAccounts after connecting, ms. */
  readonly handshakeTimeoutMs: number;
  /** True when `id` is one of Floor's order ids (so an unknown code about it is an order warning). */
  readonly isOrderId: (id: number) => boolean;
  readonly timers: IbTimers;
  /** Messages per rolling second to the gateway (default MessageThrottle's 44). */
  readonly messagesPerSecond?: number;
}

/**
 * One connection to a gateway, over @stoqey/ib's low-level IBApi (not IBApiNext, which neither
 * reconnects nor keeps order ids apart from request ids). A new IBApi per session, so nothing the
 * client queued while the socket was down (it queues silently and would send stale order ids) can
 * reach the next session. Every outgoing message goes through Floor's throttle (44/s, below IB's
 * 50); the client's own limiter is set out of the way (1000/s) so it never queues.
 *
 * Lifecycle: connect -> `onReady` once nextValidId and managedAccounts both arrived -> heartbeat
 * (reqCurrentTime every interval; any message is a sign of life) -> `onClosed` exactly once, with
 * the reason. After close, every late event of the old client is ignored.
 */
export class IbSession {
  readonly api: IBApi;
  private readonly throttle: MessageThrottle;
  private readonly readyEmitter = new Emitter<SessionReady>();
  private readonly closedEmitter = new Emitter<{ readonly reason: SessionCloseReason; readonly message: string }>();
  private readonly codeEmitter = new Emitter<SessionCode>();
  private heartbeat: Heartbeat | undefined;
  private handshakeTimer: unknown;
  private nextValidId: number | undefined;
  private accounts: readonly string[] | undefined;
  private readySent = false;
  private closed = false;
  private utcOffsetMinutes: number | undefined;

  /** Fires once when the session can be used. */
  readonly onReady: Event<SessionReady> = this.readyEmitter.event;
  /** Fires once when the session ended, for whatever reason. */
  readonly onClosed: Event<{ readonly reason: SessionCloseReason; readonly message: string }> = this.closedEmitter.event;
  /** Every error / info message the gateway sent, classified (IB_CODE table). */
  readonly onCode: Event<SessionCode> = this.codeEmitter.event;

  constructor(private readonly options: IbSessionOptions) {
    const { endpoint, timers } = options;
    this.api = new IBApi({ host: endpoint.host, port: endpoint.port, maxReqPerSec: 1_000 });
    this.throttle = new MessageThrottle(options.messagesPerSecond, 1_000, timers);
    const on = (event: EventName, listener: (...args: never[]) => void): void => this.on(event, listener);
    // Only what the gateway sends is a sign of life (`all` also fires for our own sent messages).
    on(EventName.received, () => this.heartbeat?.heard());
    on(EventName.disconnected, () => this.close('SOCKET_CLOSED', `the gateway at ${endpointName(endpoint)} closed the connection`));
    // The handshake's answer, before any other message is decoded: a version whose messages the client misreads ends the session here.
    on(EventName.server, (serverVersion: number, connectionTime: string) => {
      this.utcOffsetMinutes = gatewayUtcOffsetMinutes(String(connectionTime ?? ''), Date.now());
      const refusal = serverVersionRefusal(serverVersion, endpointName(endpoint));
      if (refusal !== undefined) this.close('UNSUPPORTED_SERVER_VERSION', refusal);
    });
    on(EventName.nextValidId, (id: number) => {
      this.nextValidId = id;
      this.maybeReady();
    });
    on(EventName.managedAccounts, (accounts: string) => {
      this.accounts = accounts.split(',').map((a) => a.trim()).filter((a) => a.length > 0);
      this.maybeReady();
    });
    on(EventName.error, (error: Error, code: number, id: number, advancedOrderReject: unknown) => this.onMessageCode(code, id, error.message, advancedOrderReject));
    on(EventName.info, (message: string, code: number) => this.onMessageCode(code, -1, message, undefined));
  }

  /**
   * Listens to one of the client's events for as long as the session is open; events of a closed
   * session (a late message on a dropped socket) never reach `listener`.
   */
  on(event: EventName, listener: (...args: never[]) => void): void {
    // IBApi's `on` is typed per event name; the guard is the same for all of them.
    (this.api as unknown as { on(name: string, l: (...args: never[]) => void): void }).on(event, (...args: never[]) => {
      if (!this.closed) listener(...args);
    });
  }

  /** Opens the socket and starts the handshake timer. */
  connect(): void {
    this.handshakeTimer = this.options.timers.setTimeout(
      () => this.close('HANDSHAKE_TIMEOUT', `the gateway at ${endpointName(this.options.endpoint)} did not complete the API handshake within ${this.options.handshakeTimeoutMs} ms`),
      this.options.handshakeTimeoutMs,
    );
    this.api.connect(this.options.endpoint.clientId);
  }

  /**
   * The gateway's offset from UTC, minutes, read from its handshake connection time against the
   * wall clock (ib-time.ts): how IB times without a zone are read. Undefined before the handshake.
   */
  get gatewayUtcOffsetMinutes(): number | undefined {
    return this.utcOffsetMinutes;
  }

  /** True until closed. */
  get open(): boolean {
    return !this.closed;
  }

  /**
   * Sends one message through the throttle (immediately when within budget).
   * @returns false when the session is closed (nothing sent), true otherwise.
   */
  send(message: (api: IBApi) => void): boolean {
    if (this.closed) return false;
    this.throttle.send(() => {
      if (!this.closed) message(this.api);
    });
    return true;
  }

  /** Closes the session (idempotent): stops the heartbeat, drops queued messages, disconnects. */
  close(reason: SessionCloseReason = 'STOPPED', message = 'closed by Floor'): void {
    if (this.closed) return;
    this.closed = true;
    this.options.timers.clearTimeout(this.handshakeTimer);
    this.heartbeat?.stop();
    this.throttle.dispose();
    try {
      this.api.disconnect();
    } catch {
      // The socket may already be gone; the session is closed either way.
    }
    this.closedEmitter.fire({ reason, message });
  }

  private maybeReady(): void {
    if (this.readySent || this.nextValidId === undefined || this.accounts === undefined) return;
    this.readySent = true;
    this.options.timers.clearTimeout(this.handshakeTimer);
    const { timers, heartbeat } = this.options;
    this.heartbeat = new Heartbeat(
      heartbeat,
      () => this.send((api) => api.reqCurrentTime()),
      (silentMs) => this.close('HUNG', `the gateway at ${endpointName(this.options.endpoint)} sent nothing for ${Math.round(silentMs)} ms (heartbeat timeout ${heartbeat.timeoutMs} ms)`),
      timers,
    );
    this.readyEmitter.fire({ nextValidId: this.nextValidId, accounts: this.accounts, serverVersion: this.api.serverVersion });
  }

  private onMessageCode(code: number, id: number, message: string, advancedOrderReject: unknown): void {
    const info = classifyIbCode(code, id >= 0 && this.options.isOrderId(id));
    this.codeEmitter.fire({ info, id, message, advancedOrderReject });
    if (info.action === 'CLIENT_ID_IN_USE') this.close('CLIENT_ID_IN_USE', `client id ${this.options.endpoint.clientId} is already in use at ${endpointName(this.options.endpoint)} (IB 326): ${message}`);
    else if (info.action === 'CONNECT_FAILED') this.close('CONNECT_FAILED', `could not connect to the gateway at ${endpointName(this.options.endpoint)}: ${message}`);
    else if (info.action === 'RECONNECT') this.close('PORT_RESET', `the gateway at ${endpointName(this.options.endpoint)} reset its API port (IB 1300)`);
  }
}
