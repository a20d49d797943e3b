import type { GatewayBroker } from './broker';
import type { Field } from './framing';

/** What a session needs from the server that owns it. */
export interface SessionHost {
  readonly broker: GatewayBroker;
  /** Highest server version to announce (the client's max caps it). */
  readonly serverVersion: number;
  /** Requests per second before error 100 (IB: 50). */
  readonly pacingLimitPerSecond: number;
  /** How long a new connection may take to send "API\0" and its version range, ms. */
  readonly handshakeTimeoutMs: number;
  /** The gateway's clock, epoch ms. */
  now(): number;
  /** Where the gateway logs what it does to a connection on its own (closing it, and why). */
  log(line: string): void;
  /** True when another ready session already uses `clientId`. */
  clientIdInUse(clientId: number, asker: unknown): boolean;
  /** Called once when the session closes, for any reason. */
  sessionClosed(session: unknown): void;
  /** Called each time a hung session holds an inbound request instead of serving it. */
  requestHeld(): void;
}

/** One ready session as its request handlers see it. */
export interface SessionIo {
  readonly host: SessionHost;
  /** The negotiated server version. */
  readonly serverVersion: number;
  /** The client id from START_API. */
  readonly clientId: number;
  /** Sends one message unless the session is hung or closed. */
  send(fields: readonly Field[]): void;
  /** Sends an error / notice (id -1: not about a request, the client emits `info`). */
  sendError(id: number, code: number, message: string, advancedOrderRejectJson?: string): void;
}

/** A group of requests a session serves. */
export interface RequestHandler {
  /** Serves request `id` (its fields as on the wire), or returns false when it is not one of this group's. */
  handle(id: number, fields: string[]): boolean;
}
