import { z } from 'zod';
import { riskProfileSchema } from '../risk/profile';
import {
  accountViewSchema,
  alertSchema,
  bookSnapshotSchema,
  clientOrderIdSchema,
  fillViewSchema,
  instrumentSchema,
  orderTicketSchema,
  orderSchema,
  positionViewSchema,
  replayStatusSchema,
  terminalStatusSchema,
  tradeTickSchema,
} from './schemas';
import {
  authenticationOptionsSchema,
  authenticationResponseSchema,
  credentialIdSchema,
  credentialLabelSchema,
  interlockCredentialSchema,
  interlockStatusSchema,
  registrationOptionsSchema,
  registrationResponseSchema,
} from './interlock';
import { apiKeyIdSchema, apiKeyRegistrationSchema, apiKeySchema } from './api-keys';
import { ledgerHealthSchema } from './ledger-health';
import { gatewaySettingsSchema } from '../venues/gateway-settings';
import { accountIdSchema, liveCheckSchema, modeSwitchRequestSchema } from './trading-mode';

/**
 * The typed RPC contract between the renderer and the host: every method with its zod request and
 * response schema. The host validates every request against `request` before a handler runs, and
 * every response against `response` in tests. Units as in src/shared/money.ts.
 */
export const rpcMethods = {
  /** A no-op round trip: the client's liveness and latency probe (and the benchmarks' baseline). Answers the host's wall clock, Unix µs. */
  'host.ping': {
    request: z.object({}).strict(),
    response: z.object({ serverTime: z.number().int().nonnegative() }),
  },
  /** Everything the UI needs on connect: instrument, status, and current state. */
  'session.describe': {
    request: z.object({}).strict(),
    response: z.object({
      instrument: instrumentSchema,
      status: terminalStatusSchema,
      startingCash: z.number().int(),
    }),
  },
  /** Submit an order ticket. Resolves with the order as it stands after sizing/risk/submission (may be DENIED). */
  'orders.submit': {
    request: orderTicketSchema,
    response: z.object({ order: orderSchema }),
  },
  /** Request cancellation of a working order. Resolves once the cancel is handed to the venue. */
  'orders.cancel': {
    request: z.object({ clientOrderId: clientOrderIdSchema }).strict(),
    response: z.object({ order: orderSchema }),
  },
  /** All orders, newest first. */
  'orders.list': {
    request: z.object({}).strict(),
    response: z.object({ orders: z.array(orderSchema) }),
  },
  /** All fills of our orders, oldest first. */
  'fills.list': {
    request: z.object({}).strict(),
    response: z.object({ fills: z.array(fillViewSchema) }),
  },
  /** Positions and account totals. */
  'positions.list': {
    request: z.object({}).strict(),
    response: z.object({ positions: z.array(positionViewSchema), account: accountViewSchema }),
  },
  /** Current top-N book. `depth` levels per side (1..50, default 10). */
  'market.book': {
    request: z.object({ depth: z.number().int().min(1).max(50).optional() }).strict(),
    response: bookSnapshotSchema,
  },
  /** Recent market trades, oldest first (at most `limit`, 1..20000, default 5000), for the chart. */
  'market.trades': {
    request: z.object({ limit: z.number().int().min(1).max(20_000).optional() }).strict(),
    response: z.object({ trades: z.array(tradeTickSchema) }),
  },
  /** The trader's risk profile. */
  'risk.profile.get': {
    request: z.object({}).strict(),
    response: riskProfileSchema,
  },
  /** Replace the risk profile (validated; every field explained on BAD_REQUEST). Applies to the next order. */
  'risk.profile.set': {
    request: riskProfileSchema,
    response: riskProfileSchema,
  },
  /** Approve a STAGED order: it is checked again against the risk profile, then sent (or denied). */
  'approvals.approve': {
    request: z.object({ clientOrderId: clientOrderIdSchema }).strict(),
    response: z.object({ order: orderSchema }),
  },
  /** Reject a STAGED order: it is canceled without being sent. */
  'approvals.reject': {
    request: z.object({ clientOrderId: clientOrderIdSchema }).strict(),
    response: z.object({ order: orderSchema }),
  },
  /** Kill switch: HALT trading and cancel every open order (venue cancel-all plus per-order cancels). */
  'risk.killSwitch': {
    request: z.object({}).strict(),
    response: terminalStatusSchema,
  },
  /** Resume trading after a HALT or REDUCING state: an explicit trader action, recorded. */
  'risk.resume': {
    request: z.object({}).strict(),
    response: terminalStatusSchema,
  },
  /** Alerts, newest first. */
  'alerts.list': {
    request: z.object({}).strict(),
    response: z.object({ alerts: z.array(alertSchema) }),
  },
  /**
   * Import daily bars for the correlation cap from CSV text with the header
   * `Date,Open,High,Low,Close,Adj Close,Volume` (Yahoo Finance layout, at most 5 MB).
   */
  'bars.import': {
    request: z
      .object({
        instrumentId: z.string().regex(/^[A-Z][A-Z0-9.]{0,11}$/, 'instrument must be a ticker like GOOG'),
        csv: z.string().min(1, 'the CSV is empty').max(5_000_000, 'the CSV is larger than 5 MB'),
      })
      .strict(),
    response: z.object({ instrumentId: z.string(), days: z.number().int(), firstDate: z.string(), lastDate: z.string() }),
  },
  /** The WebAuthn interlock: authenticators registered, whether a session is live and until when (Unix µs). */
  'interlock.status': {
    request: z.object({}).strict(),
    response: interlockStatusSchema,
  },
  /**
   * Options for `startRegistration` (user verification required, any attachment). Open on first run
   * (no authenticator yet); afterwards only while an interlock session is live (FORBIDDEN otherwise).
   */
  'interlock.registration.options': {
    request: z.object({}).strict(),
    response: registrationOptionsSchema,
  },
  /** Verify `startRegistration`'s RegistrationResponseJSON and store the authenticator as `label`. FORBIDDEN when it does not verify. */
  'interlock.registration.verify': {
    request: z.object({ response: registrationResponseSchema, label: credentialLabelSchema }).strict(),
    response: z.object({ credential: interlockCredentialSchema, status: interlockStatusSchema }),
  },
  /** Options for `startAuthentication` (user verification required). CONFLICT when nothing is registered. */
  'interlock.authentication.options': {
    request: z.object({}).strict(),
    response: authenticationOptionsSchema,
  },
  /** Verify `startAuthentication`'s AuthenticationResponseJSON; on success an interlock session opens. FORBIDDEN otherwise. */
  'interlock.authentication.verify': {
    request: z.object({ response: authenticationResponseSchema }).strict(),
    response: interlockStatusSchema,
  },
  /**
   * Arm automation: verify an assertion (options from `interlock.authentication.options`) and let
   * API and algo orders through without a live session until the risk profile's span ends (the
   * session close by default). FORBIDDEN when it does not verify; CONFLICT when the span is over already.
   */
  'interlock.automation.arm': {
    request: z.object({ response: authenticationResponseSchema }).strict(),
    response: interlockStatusSchema,
  },
  /** Disarm automation at once (no check needed: it only reduces risk; the kill switch does it too). */
  'interlock.automation.disarm': {
    request: z.object({}).strict(),
    response: interlockStatusSchema,
  },
  /** Registered authenticators, oldest first. */
  'interlock.credentials.list': {
    request: z.object({}).strict(),
    response: z.object({ credentials: z.array(interlockCredentialSchema) }),
  },
  /**
   * Remove an authenticator: needs a verification in the last 60 s (FORBIDDEN), never the last one
   * (CONFLICT), NOT_FOUND for an unknown id.
   */
  'interlock.credentials.remove': {
    request: z.object({ credentialId: credentialIdSchema }).strict(),
    response: z.object({ credentials: z.array(interlockCredentialSchema), status: interlockStatusSchema }),
  },
  /** Automation API keys allowed to sign `/api/v1/` requests, oldest first, revoked ones included. */
  'apikeys.list': {
    request: z.object({}).strict(),
    response: z.object({ keys: z.array(apiKeySchema) }),
  },
  /**
   * Register an Ed25519 public key for the signed automation API (key id derived from the key).
   * Needs a live interlock session (FORBIDDEN otherwise): a key can send orders. CONFLICT when the
   * key is registered already, or was and is revoked.
   */
  'apikeys.register': {
    request: apiKeyRegistrationSchema,
    response: z.object({ key: apiKeySchema }),
  },
  /**
   * Revoke a key: requests signed with it get 403 from the next one on. Open without an interlock
   * session (it only takes a way to send orders away). Revoking a revoked key answers it unchanged;
   * NOT_FOUND for an unknown id.
   */
  'apikeys.revoke': {
    request: z.object({ keyId: apiKeyIdSchema }).strict(),
    response: z.object({ key: apiKeySchema }),
  },
  /** Where orders go: venue, primary and standby gateway, paper/live ports, allowed hosts, disconnected policy, heartbeat. */
  'gateway.settings.get': {
    request: z.object({}).strict(),
    response: gatewaySettingsSchema,
  },
  /**
   * Replace the gateway settings (validated; every field explained on BAD_REQUEST; missing fields take
   * their defaults). Needs a live interlock session (FORBIDDEN otherwise): it changes where orders go.
   */
  'gateway.settings.set': {
    request: gatewaySettingsSchema,
    response: gatewaySettingsSchema,
  },
  /**
   * Whether Floor may switch to live now: the gateway's live account and every reason it may not
   * (keys in a file, venue, gateway, ports and accounts, the typed account id when given, paper orders
   * working). Sends nothing, changes nothing.
   */
  'mode.liveCheck': {
    request: z.object({ accountId: accountIdSchema.optional() }).strict(),
    response: liveCheckSchema,
  },
  /**
   * Switch between paper and live. To LIVE: every guard of `mode.liveCheck` (refused CONFLICT with the
   * first problem's sentence) and a fresh WebAuthn check (FORBIDDEN when it does not verify), then the
   * ledger goes synchronous=FULL, a signed mode.switch entry records who confirmed and the account,
   * and the gateway is reconnected live. To PAPER: always allowed, cancels nothing at the broker.
   */
  'mode.switch': {
    request: modeSwitchRequestSchema,
    response: terminalStatusSchema,
  },
  /** The signed ledger's health as last verified, with the chain's length now. */
  'ledger.health': {
    request: z.object({}).strict(),
    response: ledgerHealthSchema,
  },
  /**
   * Verify the whole signed chain now (every hash and link, the signed head and the signature
   * digest) and answer the new health. Takes about 8 s per million entries on the reference VM.
   */
  'ledger.verify': {
    request: z.object({}).strict(),
    response: ledgerHealthSchema,
  },
  /** Replay clock controls. `speed` 0.1..1000 x real time; `marketTime` ns after midnight for seek. */
  'replay.control': {
    request: z.discriminatedUnion('action', [
      z.object({ action: z.literal('pause') }).strict(),
      z.object({ action: z.literal('resume') }).strict(),
      z.object({ action: z.literal('speed'), speed: z.number().min(0.1).max(1000) }).strict(),
      z.object({ action: z.literal('seek'), marketTime: z.number().int().nonnegative() }).strict(),
    ]),
    response: replayStatusSchema,
  },
  /**
   * The LOBSTER days of the replayed stock in the replayed file's folder (message files named as
   * LOBSTER names them), the current one marked: what `replay.open` can switch to. BAD_REQUEST when
   * the market is not a LOBSTER replay.
   */
  'replay.files': {
    request: z.object({}).strict(),
    response: z.object({
      files: z.array(z.object({ file: z.string(), sessionDate: z.string(), levels: z.number().int().positive(), current: z.boolean() })),
    }),
  },
  /**
   * Replay another day of `replay.files`: checked and seeded first (a file that cannot start leaves the
   * replay as it is, BAD_REQUEST with the reason), then PAUSED at its session start; working orders
   * re-queue as after a seek.
   */
  'replay.open': {
    request: z.object({ file: z.string().min(1).max(4096) }).strict(),
    response: replayStatusSchema,
  },
} as const;

export type RpcMethods = typeof rpcMethods;
export type RpcMethodName = keyof RpcMethods;
export type RpcRequest<M extends RpcMethodName> = z.input<RpcMethods[M]['request']>;
export type RpcParams<M extends RpcMethodName> = z.output<RpcMethods[M]['request']>;
export type RpcResult<M extends RpcMethodName> = z.output<RpcMethods[M]['response']>;

/** Push topics and their payload schemas. At most one message per topic per animation frame. */
export const pushTopics = {
  /** Latest top-N book; `stampedAt` is the host's wall clock (ms, performance.timeOrigin + now()) when the update arrived. */
  book: bookSnapshotSchema.extend({ stampedAt: z.number() }),
  /** Market trades since the previous message, oldest first. */
  trades: z.array(tradeTickSchema),
  /** Orders that changed since the previous message (latest state of each). */
  orders: z.array(orderSchema),
  /** Fills since the previous message, oldest first. */
  fills: z.array(fillViewSchema),
  /** All positions. */
  positions: z.array(positionViewSchema),
  /** Account totals. */
  account: accountViewSchema,
  /** Mode, connection, trading state and replay clock. */
  status: terminalStatusSchema,
  /** New alerts since the previous message, oldest first. */
  alerts: z.array(alertSchema),
  /** The interlock's status after every registration, unlock, revocation, removal and expiry. */
  interlock: interlockStatusSchema,
  /**
   * The session changed under the renderer (the trading mode switched, or saved gateway settings
   * changed the venue or reconnected it): load everything again (`session.describe` and the lists).
   */
  session: z.object({ reason: z.string() }),
} as const;

export type PushTopics = typeof pushTopics;
export type PushTopic = keyof PushTopics;
export type PushPayload<T extends PushTopic> = z.infer<PushTopics[T]>;

/** Error codes of an RPC error response. FORBIDDEN: the action needs a live interlock session (or a fresh check) and there is none. */
export const RPC_ERROR_CODES = ['BAD_REQUEST', 'UNKNOWN_METHOD', 'NOT_FOUND', 'CONFLICT', 'INTERNAL', 'FORBIDDEN'] as const;
export type RpcErrorCode = (typeof RPC_ERROR_CODES)[number];

/** Client -> host frame. `id` correlates the response. */
export const rpcRequestFrameSchema = z.object({
  id: z.number().int().nonnegative(),
  method: z.string().max(64),
  params: z.unknown(),
});
export type RpcRequestFrame = z.infer<typeof rpcRequestFrameSchema>;

export const rpcErrorSchema = z.object({
  code: z.enum(RPC_ERROR_CODES),
  message: z.string(),
  /** Per-field problems for BAD_REQUEST: path (dot-joined) and message. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type RpcError = z.infer<typeof rpcErrorSchema>;

/** Host -> client frames: a response to a request, or a push on a topic. */
export type HostFrame =
  | { readonly kind: 'response'; readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly kind: 'response'; readonly id: number; readonly ok: false; readonly error: RpcError }
  | { readonly kind: 'push'; readonly topic: PushTopic; readonly data: unknown };
