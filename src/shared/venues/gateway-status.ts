import { z } from 'zod';

/**
 * The IB gateway connection as the header shows it (src/main/venues/ib/ib-connection.ts,
 * IbConnectionStatus, plus the orders the venue holds):
 * - phase: STOPPED, CONNECTING, RECONCILING (connected, merging open orders, executions and
 *   positions: no orders yet), CONNECTED, UPSTREAM_LOST (the gateway lost IB: 1100 / 2110),
 *   RECONNECTING, REFUSED (mode, port or accounts disagree; `reason` says which);
 * - gateway "host:port" and role (PRIMARY or STANDBY) in use or being tried;
 * - brokenFarms: data farms reported broken (2103 / 2105 / 2157), which do not stop orders;
 * - heldOrders: ClientOrderIds entered while not connected and held for sending after reconciliation.
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
});
export type GatewayStatus = z.infer<typeof gatewayStatusSchema>;
