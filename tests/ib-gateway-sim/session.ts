import type { Socket } from 'node:net';
import type { Disposable } from '../../src/shared';
import type { BrokerEvent } from './broker';
import { ClientStreamDecoder, encodeFrame, type Field } from './framing';
import { negotiateVersion, PACE_API_OPTION, parseVersionRange } from './handshake';
import * as req from './messages/in-requests';
import { errorMessage, managedAccounts, nextValidId } from './messages/out-basic';
import type { DepthRowStats } from './market-data';
import { PacingGate } from './pacing';
import { CODE, REQ } from './protocol';
import { AccountRequests } from './requests/account';
import { MarketRequests } from './requests/market';
import { OrderRequests } from './requests/orders';
import { ReferenceRequests } from './requests/reference';
import { UnservedRequests } from './requests/unserved';
import type { RequestHandler, SessionHost, SessionIo } from './session-io';
import { formatConnectionTime } from './time-format';

export type { SessionHost } from './session-io';

/** Connection phases: waiting for "API\0"+versions, for START_API, then serving requests. */
export type SessionPhase = 'hello' | 'start' | 'ready' | 'closed';

/**
 * One client connection: the handshake (with its timeout and connect options), pacing, and request
 * dispatch to the request groups (orders, account, market data, reference data, and the refusals
 * of what the simulator does not serve), which answer through this session.
 */
export class ClientSession implements SessionIo {
  phase: SessionPhase = 'hello';
  /** Negotiated server version (0 before the handshake). */
  serverVersion = 0;
  /** The client id from START_API (-1 before). */
  clientId = -1;
  /** The connect options the client sent with its version range (e.g. "+PACEAPI"). */
  connectOptions: readonly string[] = [];
  /** Why the simulator closed the connection itself, if it did (also logged). */
  closeReason: string | undefined;
  /** While true the session neither reads nor writes (a hung gateway); inbound frames wait. */
  private hung = false;
  private readonly held: string[][] = [];
  private readonly decoder = new ClientStreamDecoder();
  private readonly disposables: Disposable[] = [];
  private readonly handshakeTimer: ReturnType<typeof setTimeout>;
  private pacing: PacingGate | undefined;
  private orders: OrderRequests | undefined;
  private account: AccountRequests | undefined;
  private market: MarketRequests | undefined;
  private handlers: readonly RequestHandler[] = [];

  constructor(
    readonly socket: Socket,
    readonly host: SessionHost,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('close', () => this.onClosed());
    socket.on('error', () => socket.destroy());
    this.handshakeTimer = setTimeout(() => this.refuse(`no API handshake ("API\\0" and a version range) within ${host.handshakeTimeoutMs} ms`), host.handshakeTimeoutMs);
    this.disposables.push(host.broker.onEvent((event) => this.onBrokerEvent(event)));
  }

  /** Sends one message unless hung or closed. */
  send(fields: readonly Field[]): void {
    if (this.hung || this.phase === 'closed' || this.socket.destroyed) return;
    this.socket.write(encodeFrame(fields));
  }

  /** Sends an error/notice message (id -1 = not tied to a request: the client emits `info`). */
  sendError(id: number, code: number, message: string, advancedOrderRejectJson = ''): void {
    this.send(errorMessage(id, code, message, this.serverVersion, advancedOrderRejectJson));
  }

  /**
   * IB connectivity notices change what flows: after 1100 (IB <-> gateway lost) market data and
   * depth stop; 1102 (restored, data maintained) resumes them from the current book; 1101
   * (restored, data lost) cancels every market-data, depth and account subscription, which the
   * client must request again (IB's documented meaning of 1101).
   */
  applyConnectivityNotice(code: number): void {
    if (code === CODE.CONNECTIVITY_LOST) this.market?.pause(true);
    if (code === CODE.RESTORED_DATA_KEPT) this.market?.pause(false);
    if (code === CODE.RESTORED_DATA_LOST) {
      this.market?.dataLost();
      this.account?.dataLost();
    }
  }

  /** Stops (true) or resumes (false) answering; held requests are served on resume. */
  setHung(hung: boolean): void {
    this.hung = hung;
    if (!hung) for (const fields of this.held.splice(0)) this.handle(fields);
  }

  /** Drops the TCP connection at once (no FIN handshake niceties). */
  drop(): void {
    this.socket.destroy();
  }

  /** Depth rows sent on this session so far (undefined before START_API). */
  depthRowsSent(): Readonly<DepthRowStats> | undefined {
    return this.market?.depthStats;
  }

  /** Sends error 317 for every depth subscription, then the book again from scratch. */
  resetDepth(): void {
    this.market?.resetDepth();
  }

  /** Closes the connection on the simulator's own initiative, logging why. */
  private refuse(reason: string): void {
    if (this.phase === 'closed' || this.socket.destroyed) return;
    this.closeReason = reason;
    const peer = `${this.socket.remoteAddress ?? '?'}:${this.socket.remotePort ?? '?'}`;
    this.host.log(`closed the connection from ${peer}: ${reason}`);
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    let units;
    try {
      units = this.decoder.push(chunk);
    } catch (error) {
      this.refuse((error as Error).message);
      return;
    }
    for (const unit of units) {
      if (unit.kind === 'hello') this.onHello(unit.versionText);
      else if (this.hung) {
        this.held.push(unit.fields);
        this.host.requestHeld();
      } else this.handle(unit.fields);
    }
  }

  private onHello(versionText: string): void {
    clearTimeout(this.handshakeTimer);
    const range = parseVersionRange(versionText);
    const version = range && negotiateVersion(range, this.host.serverVersion);
    if (version === undefined) {
      this.refuse(range ? `the client's versions ${range.min}..${range.max} and the simulator's (up to ${this.host.serverVersion}) do not meet` : `unreadable version range ${JSON.stringify(versionText)}`);
      return;
    }
    this.serverVersion = version;
    this.connectOptions = range!.options;
    this.pacing = new PacingGate(this.host.pacingLimitPerSecond, () => this.host.now(), this.connectOptions.includes(PACE_API_OPTION));
    this.phase = 'start';
    this.socket.write(encodeFrame([version, formatConnectionTime(new Date(this.host.now()))]));
  }

  private handle(fields: string[]): void {
    if (this.phase === 'closed') return;
    const id = req.requestId(fields);
    if (this.phase === 'start') {
      if (id === REQ.START_API) this.onStartApi(fields);
      return;
    }
    if (this.phase !== 'ready') return;
    const served = this.pacing!.admit(() => this.dispatch(id, fields));
    if (!served) {
      this.sendError(-1, CODE.PACING, `Max rate of messages per second has been exceeded:max=${this.host.pacingLimitPerSecond} rec=${this.pacing!.inWindow + 1} (1)`);
    }
  }

  private onStartApi(fields: string[]): void {
    const { clientId } = req.parseStartApi(fields);
    const id = clientId ?? 0;
    if (this.host.clientIdInUse(id, this)) {
      this.sendError(-1, CODE.CLIENT_ID_IN_USE, 'Unable to connect as the client id is already in use. Retry with a unique client id.');
      this.socket.end();
      return;
    }
    this.clientId = id;
    this.phase = 'ready';
    this.orders = new OrderRequests(this);
    this.account = new AccountRequests(this);
    this.market = new MarketRequests(this);
    this.disposables.push(this.market);
    this.handlers = [this.orders, this.account, this.market, new ReferenceRequests(this), new UnservedRequests(this, (line) => this.host.log(line))];
    const broker = this.host.broker;
    this.send(managedAccounts(broker.accounts));
    this.send(nextValidId(broker.nextValidId()));
    this.sendError(-1, CODE.MARKET_DATA_FARM_OK, 'Market data farm connection is OK:usfarm');
    this.sendError(-1, CODE.HMDS_FARM_OK, 'HMDS data farm connection is OK:ushmds');
    this.sendError(-1, CODE.SEC_DEF_FARM_OK, 'Sec-def data farm connection is OK:secdefnj');
  }

  private dispatch(id: number, fields: string[]): void {
    if (this.phase !== 'ready') return;
    try {
      for (const handler of this.handlers) if (handler.handle(id, fields)) return;
    } catch (error) {
      // A malformed request: a real gateway logs and ignores it; say so on the wire for tests.
      this.sendError(-1, CODE.READ_REQUEST, `Error reading request: ${(error as Error).message}`);
    }
  }

  private onBrokerEvent(event: BrokerEvent): void {
    if (this.phase !== 'ready') return;
    if (event.kind === 'position') this.account?.onPositionChanged(event.account);
    else this.orders?.onBrokerEvent(event);
  }

  private onClosed(): void {
    if (this.phase === 'closed') return;
    this.phase = 'closed';
    clearTimeout(this.handshakeTimer);
    this.pacing?.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.host.sessionClosed(this);
  }
}
