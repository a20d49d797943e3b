import type { ClientOrderId, MoneyMicros, Order, PriceMicros, Signal, UnixMicros } from '../../../../shared';

/**
 * The approval queue: orders STAGED because their source's approval mode is MANUAL, waiting for the
 * trader. Pure helpers for ordering, the expiry countdown and the risk figures the queue shows.
 */

/**
 * Queue order: the signal's score, highest first (orders without a score after every scored one),
 * then the oldest first (createdAt, Unix µs), then by ClientOrderId so the order is total and stable.
 */
export function compareApprovalPriority(a: Order, b: Order): number {
  const scoreA = a.signal?.score;
  const scoreB = b.signal?.score;
  if (scoreA !== undefined && scoreB !== undefined && scoreA !== scoreB) return scoreB - scoreA;
  if (scoreA !== undefined && scoreB === undefined) return -1;
  if (scoreA === undefined && scoreB !== undefined) return 1;
  if (a.createdAt !== b.createdAt) return a.createdAt - b.createdAt;
  return a.clientOrderId < b.clientOrderId ? -1 : a.clientOrderId > b.clientOrderId ? 1 : 0;
}

/** The STAGED orders among `orders`, in queue order (compareApprovalPriority). */
export function stagedOrders(orders: Iterable<Order>): Order[] {
  const staged: Order[] = [];
  for (const order of orders) if (order.status === 'STAGED') staged.push(order);
  return staged.sort(compareApprovalPriority);
}

/** How many orders wait for approval. */
export function countStaged(orders: ReadonlyMap<ClientOrderId, Order>): number {
  let count = 0;
  for (const order of orders.values()) if (order.status === 'STAGED') count += 1;
  return count;
}

/** Below this much market time left, the countdown turns urgent. */
export const EXPIRY_WARNING_MICROS = 30_000_000;

/** The countdown shown for a staged order. */
export interface ExpiryCountdown {
  /** none: no expiry, or no market clock yet; ok / soon: time left; expired: due (the host expires it). */
  readonly tone: 'none' | 'ok' | 'soon' | 'expired';
  /** "4:59", "0:07", "1:02:03", "expired", or "—". */
  readonly text: string;
  /** Market time left, µs (0 when due); null with tone none. */
  readonly remainingMicros: number | null;
}

function pad2(value: number): string {
  return value.toString().padStart(2, '0');
}

/**
 * The countdown from market time `nowMicros` to `expiresAt` (both Unix µs). Seconds are rounded up,
 * so "0:01" shows until the deadline and "expired" from the deadline on (a clock that never shows
 * 0:00 while the order can still be approved).
 */
export function expiryCountdown(expiresAt: UnixMicros | null, nowMicros: UnixMicros | null): ExpiryCountdown {
  if (expiresAt === null || nowMicros === null) return { tone: 'none', text: '—', remainingMicros: null };
  const remaining = expiresAt - nowMicros;
  if (remaining <= 0) return { tone: 'expired', text: 'expired', remainingMicros: 0 };
  const totalSeconds = Math.ceil(remaining / 1_000_000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const text = hours > 0 ? `${hours}:${pad2(minutes)}:${pad2(seconds)}` : `${minutes}:${pad2(seconds)}`;
  return { tone: remaining <= EXPIRY_WARNING_MICROS ? 'soon' : 'ok', text, remainingMicros: remaining };
}

/**
 * The market clock the countdown runs on, Unix µs: the event time of the latest book update the
 * renderer holds. Expiry is in market time (a paused or slowed replay slows the clock too), and the
 * book's tsEvent is the freshest market time the renderer has in Unix µs; null before the first book.
 */
export function marketNowMicros(book: { readonly tsEvent: UnixMicros } | null): UnixMicros | null {
  return book ? book.tsEvent : null;
}

/**
 * The entry price the host sizes against: the signal's entry, else the limit price; null for a
 * market order without one (the host then uses the mid). Micro-dollars.
 */
export function effectiveEntry(order: Pick<Order, 'limitPrice'>, signal: Signal | null): PriceMicros | null {
  return signal?.entry ?? order.limitPrice ?? null;
}

/**
 * Dollar risk to the stop: |entry - stop| x shares, micro-dollars, exact. Null without an entry or a
 * stop. The quantity is the staged (already sized) one.
 */
export function riskToStop(quantity: number, entry: PriceMicros | null, stop: PriceMicros | undefined): MoneyMicros | null {
  if (entry === null || stop === undefined) return null;
  const risk = Math.abs(entry - stop) * quantity;
  return Number.isSafeInteger(risk) ? risk : null;
}
