import { asError, Emitter, pushTopics, rpcMethods, type Disposable, type Event, type PushPayload, type PushTopic, type RpcMethodName, type RpcRequest, type RpcResult } from '../../../shared';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { RpcCallError, type RpcIssue } from './errors';
import { parseHostFrame } from './host-frame';
import type { RpcTransport, RpcTransportFactory } from './transport';

/** Where the client's connection to the host stands, as the header shows it. */
export type ClientConnectionState = 'connecting' | 'connected' | 'disconnected';

/** Options of an RpcClient. */
export interface RpcClientOptions {
  /** ws:// URL of the host endpoint. */
  readonly url: string;
  readonly transport: RpcTransportFactory;
  /** Default per-call timeout, ms (10 s: longer than any host operation, short enough to tell the trader). */
  readonly requestTimeoutMs?: number;
  readonly backoff?: BackoffPolicy;
  /** Random source for backoff jitter, [0, 1). */
  readonly random?: () => number;
  /** Where dropped (malformed) frames are reported. */
  readonly onProtocolError?: (error: Error) => void;
}

/** Per-call options. */
export interface CallOptions {
  /** Overrides the client's default timeout, ms. */
  readonly timeoutMs?: number;
}

interface PendingCall {
  readonly method: RpcMethodName;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: RpcCallError) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

function issuesOf(error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> }): RpcIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/**
 * Typed RPC over one WebSocket to the host (frames in src/shared/rpc/contract.ts): correlated
 * requests with timeouts, push subscriptions per topic, and automatic reconnect with backoff.
 *
 * Calls made while not connected fail at once with DISCONNECTED rather than being queued: an order
 * silently sent seconds later, at a different market, is worse than a clear failure. Calls in flight
 * when the connection drops fail with DISCONNECTED too (the host may or may not have acted on them;
 * the state reloaded on reconnect tells).
 */
export class RpcClient implements Disposable {
  private readonly requestTimeoutMs: number;
  private readonly backoff: BackoffPolicy;
  private readonly random: () => number;
  private readonly onProtocolError: (error: Error) => void;
  private readonly pending = new Map<number, PendingCall>();
  private readonly pushListeners = new Map<PushTopic, Set<(data: never) => void>>();
  private readonly stateEmitter = new Emitter<ClientConnectionState>();
  private readonly connectEmitter = new Emitter<void>();
  private transport: RpcTransport | null = null;
  private connectionToken: object | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private nextId = 1;
  private attempt = 0;
  private started = false;
  private disposed = false;
  private currentState: ClientConnectionState = 'disconnected';

  /** Fires on every connection state change. */
  readonly onDidChangeState: Event<ClientConnectionState> = this.stateEmitter.event;
  /** Fires each time a connection opens (first connect and every reconnect): reload state then. */
  readonly onDidConnect: Event<void> = this.connectEmitter.event;

  constructor(private readonly options: RpcClientOptions) {
    this.requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.random = options.random ?? Math.random;
    this.onProtocolError = options.onProtocolError ?? ((error) => console.error(error));
  }

  /** The current connection state. */
  get state(): ClientConnectionState {
    return this.currentState;
  }

  /** Opens the connection; reconnects by itself from then on until disposed. Idempotent. */
  start(): void {
    if (this.started || this.disposed) return;
    this.started = true;
    this.open();
  }

  /**
   * Calls `method` with `params` and resolves with its typed result.
   * @throws RpcCallError (as a rejection): BAD_REQUEST when `params` fail the method's request schema
   * (with per-field issues) or the host refused them; the host's own code on an error response;
   * TIMEOUT, DISCONNECTED or BAD_RESPONSE as described on RpcCallErrorCode.
   */
  call<M extends RpcMethodName>(method: M, params: RpcRequest<M>, options: CallOptions = {}): Promise<RpcResult<M>> {
    const spec = rpcMethods[method];
    const checked = spec.request.safeParse(params);
    if (!checked.success) {
      return Promise.reject(new RpcCallError(method, 'BAD_REQUEST', `invalid ${method} request`, issuesOf(checked.error)));
    }
    const transport = this.transport;
    if (this.currentState !== 'connected' || transport === null) {
      return Promise.reject(new RpcCallError(method, 'DISCONNECTED', `not connected to the Floor host (${method} not sent)`));
    }
    const id = this.nextId++;
    const timeoutMs = options.timeoutMs ?? this.requestTimeoutMs;
    return new Promise<RpcResult<M>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new RpcCallError(method, 'TIMEOUT', `${method}: no answer from the host within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        method,
        resolve: (result) => {
          const parsed = spec.response.safeParse(result);
          if (parsed.success) resolve(parsed.data as RpcResult<M>);
          else reject(new RpcCallError(method, 'BAD_RESPONSE', `${method}: host answered with an unexpected shape`, issuesOf(parsed.error)));
        },
        reject,
        timer,
      });
      transport.send(JSON.stringify({ id, method, params: checked.data }));
    });
  }

  /**
   * Listens to a push topic. Payloads are validated against the topic's schema first; invalid ones are
   * dropped and reported to `onProtocolError`. Returns a Disposable that unsubscribes.
   */
  subscribe<T extends PushTopic>(topic: T, listener: (data: PushPayload<T>) => void): Disposable {
    let listeners = this.pushListeners.get(topic);
    if (!listeners) {
      listeners = new Set();
      this.pushListeners.set(topic, listeners);
    }
    const stored = listener as (data: never) => void;
    listeners.add(stored);
    return { dispose: () => listeners.delete(stored) };
  }

  /** Closes the connection for good: no reconnect; calls in flight fail with DISCONNECTED. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    const transport = this.transport;
    this.transport = null;
    this.connectionToken = null;
    transport?.close();
    this.failPending('the client was closed');
    this.setState('disconnected');
    this.stateEmitter.dispose();
    this.connectEmitter.dispose();
  }

  private open(): void {
    this.setState('connecting');
    // Each attempt gets its own token so late callbacks of a dead transport are ignored.
    const token = {};
    this.connectionToken = token;
    const isCurrent = () => !this.disposed && this.connectionToken === token;
    try {
      this.transport = this.options.transport(this.options.url, {
        onOpen: () => {
          if (!isCurrent()) return;
          this.attempt = 0;
          this.setState('connected');
          this.connectEmitter.fire();
        },
        onMessage: (text) => {
          if (isCurrent()) this.handleMessage(text);
        },
        onClose: (reason) => {
          if (!isCurrent()) return;
          this.connectionToken = null;
          this.transport = null;
          this.failPending(`connection to the Floor host lost (${reason})`);
          this.scheduleReconnect();
        },
      });
    } catch (error) {
      this.connectionToken = null;
      this.transport = null;
      this.onProtocolError(asError(error));
      this.scheduleReconnect();
    }
  }

  private scheduleReconnect(): void {
    this.setState('disconnected');
    if (this.disposed) return;
    const delay = backoffDelay(this.attempt, this.backoff, this.random);
    this.attempt += 1;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (!this.disposed) this.open();
    }, delay);
  }

  private handleMessage(text: string): void {
    let frame;
    try {
      frame = parseHostFrame(text);
    } catch (error) {
      this.onProtocolError(error as Error);
      return;
    }
    if (frame.kind === 'push') {
      const listeners = this.pushListeners.get(frame.topic);
      if (!listeners || listeners.size === 0) return;
      const parsed = pushTopics[frame.topic].safeParse(frame.data);
      if (!parsed.success) {
        this.onProtocolError(new Error(`push ${frame.topic}: unexpected payload (${parsed.error.issues[0]?.message ?? 'invalid'})`));
        return;
      }
      for (const listener of listeners) {
        try {
          (listener as (data: unknown) => void)(parsed.data);
        } catch (error) {
          this.onProtocolError(asError(error));
        }
      }
      return;
    }
    const call = this.pending.get(frame.id);
    if (!call) return; // Answer to a call that already timed out.
    this.pending.delete(frame.id);
    clearTimeout(call.timer);
    if (frame.ok) call.resolve(frame.result);
    else call.reject(new RpcCallError(call.method, frame.error.code, frame.error.message, frame.error.issues ?? []));
  }

  private failPending(reason: string): void {
    for (const [id, call] of this.pending) {
      clearTimeout(call.timer);
      call.reject(new RpcCallError(call.method, 'DISCONNECTED', `${call.method}: ${reason}`));
      this.pending.delete(id);
    }
  }

  private setState(next: ClientConnectionState): void {
    if (next === this.currentState) return;
    this.currentState = next;
    this.stateEmitter.fire(next);
  }
}
