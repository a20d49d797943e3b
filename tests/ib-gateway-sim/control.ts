import type { Event } from '../../src/shared';
import type { InjectedReject } from './broker';
import type { GatewaySim } from './server';
import { CODE } from './protocol';

/** Gateway notices a test can raise on every connection (sent as error messages with id -1). */
export const NOTICES = {
  /** Connectivity between IB and the gateway lost. */
  connectivityLost: { code: CODE.CONNECTIVITY_LOST, message: 'Connectivity between IB and Trader Workstation has been lost.' },
  /** Restored; market data lost: resubscribe. */
  restoredDataLost: { code: CODE.RESTORED_DATA_LOST, message: 'Connectivity between IB and Trader Workstation has been restored - data lost.' },
  /** Restored; data kept. */
  restoredDataKept: { code: CODE.RESTORED_DATA_KEPT, message: 'Connectivity between IB and Trader Workstation has been restored - data maintained.' },
  /** Gateway <-> IB server broken; restores itself. */
  serverBroken: { code: CODE.GATEWAY_SERVER_BROKEN, message: 'Connectivity between Trader Workstation and server is broken. It will be restored automatically.' },
} as const;

export type NoticeName = keyof typeof NOTICES;

/**
 * Fault injection for tests (in-process; the CLI exposes it on stdin and --control-port, see commands.ts):
 * drop or hang connections, restart with nextValidId rolled back, raise 1100/1101/1102/2110,
 * reject the next order with 201 and an advancedOrderRejectJson, reset depth (317).
 * Client id in use (326) needs no injection: a second connection with a taken client id gets it.
 */
export class GatewayControl {
  constructor(private readonly sim: GatewaySim) {}

  /** Destroys every TCP connection at once (a crashed or killed gateway). */
  dropConnections(): void {
    for (const s of this.sim.sessions()) s.drop();
  }

  /**
   * Stops (true) or resumes (false) answering on every open connection; TCP stays up. Requests that
   * arrive meanwhile are held (each fires onDidHoldRequest) and served in order on resume.
   */
  hang(hung: boolean): void {
    for (const s of this.sim.sessions()) s.setHung(hung);
  }

  /** Fires each time a hung connection holds a request: the request reached the gateway and waits. */
  get onDidHoldRequest(): Event<void> {
    return this.sim.onDidHoldRequest;
  }

  /**
   * A nightly restart: drops every connection, refuses new ones until `downUntil` settles (a test
   * deciding when the gateway is back) or for `downMs` (default 0), and the next session's
   * nextValidId is `nextValidId` (default 1: IB's id memory lost), so a careless client reuses old
   * ids. Resolves once the simulator accepts connections again.
   */
  async restart(options: { readonly nextValidId?: number; readonly downMs?: number; readonly downUntil?: Promise<void> } = {}): Promise<void> {
    this.dropConnections();
    this.sim.broker.rollBackNextValidId(options.nextValidId ?? 1);
    if (options.downUntil !== undefined) await this.sim.pauseListening(options.downUntil);
    else if ((options.downMs ?? 0) > 0) await this.sim.pauseListening(new Promise((resolve) => setTimeout(resolve, options.downMs)));
  }

  /**
   * Sends a gateway notice (1100/1101/1102/2110) to every ready connection, with its effect: 1100
   * stops market data and depth, 1102 resumes them, 1101 cancels market-data, depth and account
   * subscriptions (see ClientSession.applyConnectivityNotice).
   */
  notice(name: NoticeName): void {
    const { code, message } = NOTICES[name];
    for (const s of this.sim.sessions()) {
      if (s.phase !== 'ready') continue;
      s.sendError(-1, code, message);
      s.applyConnectivityNotice(code);
    }
  }

  /**
   * The next placeOrder (from any client) is rejected with error 201 (or `code`) and, at server
   * version >= 166, `advancedOrderRejectJson` (IB sends it for e.g. price-cap rejects).
   */
  rejectNextOrder(reject: Partial<InjectedReject> & { readonly reason?: string } = {}): void {
    this.sim.broker.rejectNextOrder({
      code: reject.code ?? CODE.ORDER_REJECTED,
      message: reject.message ?? `Order rejected - reason:${reject.reason ?? 'Simulated rejection.'}`,
      ...(reject.advancedOrderRejectJson !== undefined ? { advancedOrderRejectJson: reject.advancedOrderRejectJson } : {}),
    });
  }

  /** Error 317 on every depth subscription, then the book again from scratch. */
  resetDepth(): void {
    for (const s of this.sim.sessions()) if (s.phase === 'ready') s.resetDepth();
  }
}
