import net from 'node:net';
import type { MarketFeed } from '../../src/main/marketdata';
import { Emitter, type Event } from '../../src/shared';
import type { CommissionModel } from '../../src/main/venues/paper';
import { GatewayBroker, type GatewayMode } from './broker';
import { GatewayControl } from './control';
import { checkServerVersion, MAX_SIM_SERVER_VERSION } from './handshake';
import { ClientSession, type SessionHost } from './session';
import type { ExecutionTimeForm } from './time-format';

/** How to start the simulated gateway. */
export interface GatewaySimOptions {
  /** The replayed market (the simulator subscribes to it; the caller starts, seeks and disposes it). */
  readonly feed: MarketFeed;
  /** TCP port; 0 (default) picks a free one. */
  readonly port?: number;
  /** Bind address; default 127.0.0.1 (a real gateway also listens on localhost only by default). */
  readonly host?: string;
  /** Highest server version to announce, 100..193; default 193. */
  readonly serverVersion?: number;
  /** "paper" (accounts DU...) or "live" (accounts U...); default paper. */
  readonly mode?: GatewayMode;
  readonly accounts?: readonly string[];
  readonly commission?: CommissionModel;
  /** First nextValidId; default 1. */
  readonly firstOrderId?: number;
  /** Requests per second per connection before error 100 (or pacing, with +PACEAPI); default 50 (IB's limit). */
  readonly pacingLimitPerSecond?: number;
  /** How long a new connection may take to send "API\0" and its version range before it is closed, ms; default 5,000. */
  readonly handshakeTimeoutMs?: number;
  /** Where the simulator says why it closed a connection itself; default nowhere (the CLI prints it). */
  readonly log?: (line: string) => void;
  /** The gateway's clock, epoch ms (currentTime, execution and completion times, pacing); default Date.now. */
  readonly now?: () => number;
  /** How execution times are written: 'zoned' (default, current gateways) or 'classic' (older ones, no zone). */
  readonly executionTimes?: ExecutionTimeForm;
}

/**
 * A TWS-protocol server over the project's paper exchange: the test stand-in for IB Gateway.
 * One GatewayBroker (orders, executions, ids) outlives connections and simulated restarts.
 */
export class GatewaySim {
  readonly broker: GatewayBroker;
  readonly control: GatewayControl;
  readonly serverVersion: number;
  private readonly server: net.Server;
  private readonly sessionSet = new Set<ClientSession>();
  private readonly host: SessionHost;
  private readonly heldEmitter = new Emitter<void>();
  /** Fires each time a hung connection holds a request (see GatewayControl.hang). */
  readonly onDidHoldRequest: Event<void> = this.heldEmitter.event;
  private boundPort = 0;
  private boundHost = '127.0.0.1';

  private constructor(options: GatewaySimOptions) {
    this.serverVersion = checkServerVersion(options.serverVersion ?? MAX_SIM_SERVER_VERSION);
    this.broker = new GatewayBroker({
      feed: options.feed,
      ...(options.mode !== undefined ? { mode: options.mode } : {}),
      ...(options.accounts !== undefined ? { accounts: options.accounts } : {}),
      ...(options.commission !== undefined ? { commission: options.commission } : {}),
      ...(options.firstOrderId !== undefined ? { firstOrderId: options.firstOrderId } : {}),
      ...(options.now !== undefined ? { now: options.now } : {}),
      ...(options.executionTimes !== undefined ? { executionTimes: options.executionTimes } : {}),
    });
    const sessions = this.sessionSet;
    this.host = {
      broker: this.broker,
      serverVersion: this.serverVersion,
      pacingLimitPerSecond: options.pacingLimitPerSecond ?? 50,
      handshakeTimeoutMs: options.handshakeTimeoutMs ?? 5_000,
      now: options.now ?? Date.now,
      log: options.log ?? (() => {}),
      clientIdInUse: (clientId, asker) => [...sessions].some((s) => s !== asker && s.phase === 'ready' && s.clientId === clientId),
      sessionClosed: (session) => sessions.delete(session as ClientSession),
      requestHeld: () => this.heldEmitter.fire(),
    };
    this.server = net.createServer((socket) => this.sessionSet.add(new ClientSession(socket, this.host)));
    this.control = new GatewayControl(this);
  }

  /**
   * Starts listening. Resolves once the port is bound.
   * @throws the listen error (e.g. EADDRINUSE) as a rejected promise; RangeError for a bad server version.
   */
  static async start(options: GatewaySimOptions): Promise<GatewaySim> {
    const sim = new GatewaySim(options);
    await sim.listen(options.port ?? 0, options.host ?? '127.0.0.1');
    return sim;
  }

  /** The bound port (kept while the listener is down during a simulated restart). */
  get port(): number {
    return this.boundPort;
  }

  /**
   * Stops accepting connections until `until` settles (clients get ECONNREFUSED, as while a real
   * gateway restarts), then listens again on the same port. Resolves once listening again.
   */
  async pauseListening(until: Promise<void>): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await until;
    await this.listen(this.boundPort, this.boundHost);
  }

  private async listen(port: number, host: string): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.boundPort = (this.server.address() as net.AddressInfo).port;
    this.boundHost = host;
  }

  /** Live connections (any phase). */
  sessions(): ClientSession[] {
    return [...this.sessionSet];
  }

  /** Closes every connection and the listener; disposes the broker (not the feed). */
  async close(): Promise<void> {
    for (const s of this.sessionSet) s.drop();
    if (this.server.listening) await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.broker.dispose();
    this.heldEmitter.dispose();
  }
}
