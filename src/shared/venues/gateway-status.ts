import { z } from 'zod';

/** Integer micro-dollars, or null when IB did not report a usable value. */
const micros = z.number().int().nullable();

/** One position as IB reports it (reqPositions). */
export const ibAccountPositionSchema = z.object({
  /** The stock's symbol, e.g. "GOOG". */
  symbol: z.string(),
  /** Signed shares: positive long, negative short. */
  quantity: z.number(),
  /** IB's average cost, micro-dollars per share (commissions included, as IB counts them). */
  averageCost: z.number().int(),
});
export type IbAccountPosition = z.infer<typeof ibAccountPositionSchema>;

/**
 * IB's own view of the account Floor trades (reqAccountSummary and reqPositions, refreshed
 * periodically), shown beside Floor's portfolio. Money in integer micro-dollars, each figure null
 * when IB has not reported a usable value; `asOf` is when IB last reported (Unix µs).
 */
export const ibAccountSchema = z.object({
  accountId: z.string(),
  netLiquidation: micros,
  /** TotalCashValue. */
  cash: micros,
  buyingPower: micros,
  grossPositionValue: micros,
  unrealizedPnl: micros,
  realizedPnl: micros,
  availableFunds: micros,
  /** Non-zero positions of the account. */
  positions: z.array(ibAccountPositionSchema),
  /** Unix µs of IB's last report (summary end or position update). */
  asOf: z.number().int(),
});
export type IbAccount = z.infer<typeof ibAccountSchema>;

/**
 * What a gateway said in its API handshake: "host:port", the port, and its managed accounts.
 */
export const gatewayHandshakeSchema = z.object({
  gateway: z.string(),
  port: z.number().int().min(1).max(65_535),
  accounts: z.array(z.string()),
});
export type GatewayHandshake = z.infer<typeof gatewayHandshakeSchema>;

/**
 * The IB gateway connection as the header shows it (src/main/venues/ib/ib-connection.ts,
 * IbConnectionStatus, plus the orders the venue holds):
 * - phase: STOPPED, CONNECTING, RECONCILING (connected, merging open orders, executions and
 *   positions: no orders yet), CONNECTED, UPSTREAM_LOST (the gateway lost IB: 1100 / 2110),
 *   RECONNECTING, REFUSED (mode, port or accounts disagree; `reason` says which);
 * - gateway "host:port" and role (PRIMARY or STANDBY) in use or being tried;
 * - brokenFarms: data farms reported broken (2103 / 2105 / 2157), which do not stop orders;
 * - heldOrders: ClientOrderIds entered while not connected and held for sending after reconciliation;
 * - account: IB's own view of the account (ibAccountSchema), null until the gateway first answered;
 * - handshake: what the last gateway that completed the API handshake said (its port and managed
 *   accounts), kept when the session was refused for a mode disagreement: the switch to live checks it.
 */
export const gatewayStatusSchema = z.object({
  phase: z.enum(['STOPPED', 'CONNECTING', 'RECONCILING', 'CONNECTED', 'UPSTREAM_LOST', 'RECONNECTING', 'REFUSED']),
  gateway: z.string().nullable(),
  role: z.enum(['PRIMARY', 'STANDBY']).nullable(),
  attempt: z.number().int().nonnegative(),
  brokenFarms: z.array(z.string()),
  reason: z.string().nullable(),
  accounts: z.array(z.string()),
  heldOrders: z.array(z.string()),
  account: ibAccountSchema.nullable(),
  handshake: gatewayHandshakeSchema.nullable(),
});
export type GatewayStatus = z.infer<typeof gatewayStatusSchema>;
