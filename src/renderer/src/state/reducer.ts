import { TERMINAL_ORDER_STATUSES, type Alert, type ClientOrderId, type FillView, type Order } from '../../../shared';
import {
  MAX_ALERTS,
  MAX_FILLS,
  MAX_RECENT_TRADES,
  RECENT_TRADE_WINDOW_MS,
  type RecentTrade,
  type TerminalAction,
  type TerminalState,
} from './terminal-state';

/**
 * Which of two versions of the same order is the newer. Pushes and RPC answers can arrive in either
 * order, so the later `updatedAt` (Unix µs) wins; on a tie a terminal status beats a working one, then
 * more filled shares beat fewer (the state machine only moves forward), else the incoming one.
 */
export function newerOrder(current: Order, incoming: Order): Order {
  if (incoming.updatedAt !== current.updatedAt) return incoming.updatedAt > current.updatedAt ? incoming : current;
  const currentTerminal = TERMINAL_ORDER_STATUSES.has(current.status);
  const incomingTerminal = TERMINAL_ORDER_STATUSES.has(incoming.status);
  if (currentTerminal !== incomingTerminal) return currentTerminal ? current : incoming;
  if (incoming.filledQty !== current.filledQty) return incoming.filledQty > current.filledQty ? incoming : current;
  return incoming;
}

/** Merges order versions into the map, keeping the newer of each; returns the same map when nothing changed. */
export function mergeOrders(
  orders: ReadonlyMap<ClientOrderId, Order>,
  incoming: readonly Order[],
): ReadonlyMap<ClientOrderId, Order> {
  let next: Map<ClientOrderId, Order> | null = null;
  for (const order of incoming) {
    const existing = (next ?? orders).get(order.clientOrderId);
    const winner = existing ? newerOrder(existing, order) : order;
    if (winner === existing) continue;
    next ??= new Map(orders);
    next.set(order.clientOrderId, winner);
  }
  return next ?? orders;
}

/**
 * The order map after a (re)load: the host's list is the truth (orders it does not list are dropped),
 * except where a push that raced the load already brought a newer version of an order.
 */
export function ordersFromSnapshot(
  current: ReadonlyMap<ClientOrderId, Order>,
  listed: readonly Order[],
): ReadonlyMap<ClientOrderId, Order> {
  const next = new Map<ClientOrderId, Order>();
  for (const order of listed) {
    const existing = current.get(order.clientOrderId);
    next.set(order.clientOrderId, existing ? newerOrder(order, existing) : order);
  }
  return next;
}

/** Appends fills not seen before (by tradeId), oldest first, keeping at most MAX_FILLS. */
export function mergeFills(fills: readonly FillView[], incoming: readonly FillView[]): readonly FillView[] {
  const seen = new Set(fills.map((fill) => fill.tradeId));
  const fresh = incoming.filter((fill) => {
    if (seen.has(fill.tradeId)) return false;
    seen.add(fill.tradeId);
    return true;
  });
  if (fresh.length === 0) return fills;
  const merged = [...fills, ...fresh].sort((a, b) => a.tsEvent - b.tsEvent);
  return merged.length > MAX_FILLS ? merged.slice(merged.length - MAX_FILLS) : merged;
}

/**
 * Merges alerts into the list (newest first by tsEvent, Unix µs; ties by alertId so the order is
 * stable), ignoring ids already known (an alert is an immutable fact), keeping at most MAX_ALERTS.
 * Returns the same array when nothing is new.
 */
export function mergeAlerts(alerts: readonly Alert[], incoming: readonly Alert[]): readonly Alert[] {
  const seen = new Set(alerts.map((alert) => alert.alertId));
  const fresh = incoming.filter((alert) => {
    if (seen.has(alert.alertId)) return false;
    seen.add(alert.alertId);
    return true;
  });
  if (fresh.length === 0) return alerts;
  const merged = [...alerts, ...fresh].sort((a, b) => b.tsEvent - a.tsEvent || (a.alertId < b.alertId ? -1 : a.alertId > b.alertId ? 1 : 0));
  return merged.length > MAX_ALERTS ? merged.slice(0, MAX_ALERTS) : merged;
}

/** Adds acknowledged alert ids; returns the same set when all were already acknowledged. */
export function acknowledgeAlerts(acknowledged: ReadonlySet<string>, alertIds: readonly string[]): ReadonlySet<string> {
  const fresh = alertIds.filter((id) => !acknowledged.has(id));
  if (fresh.length === 0) return acknowledged;
  const next = new Set(acknowledged);
  for (const id of fresh) next.add(id);
  return next;
}

/** Drops trades older than RECENT_TRADE_WINDOW_MS before `nowMs`; returns the same array when none expire. */
export function expireRecentTrades(trades: readonly RecentTrade[], nowMs: number): readonly RecentTrade[] {
  const cutoff = nowMs - RECENT_TRADE_WINDOW_MS;
  let first = 0;
  while (first < trades.length && trades[first]!.receivedAtMs <= cutoff) first += 1;
  return first === 0 ? trades : trades.slice(first);
}

/**
 * The one place TerminalState changes: a pure function of the previous state and an action.
 * Slices an action does not touch keep their identity.
 */
export function reduceTerminal(state: TerminalState, action: TerminalAction): TerminalState {
  switch (action.type) {
    case 'connection':
      if (action.connection === state.connection) return state;
      // A dropped connection means the state may be stale: it is reloaded on the next connect.
      return { ...state, connection: action.connection, loaded: action.connection === 'connected' ? state.loaded : false };
    case 'snapshot': {
      const { snapshot } = action;
      return {
        ...state,
        session: snapshot.session,
        status: snapshot.status,
        book: snapshot.book,
        orders: ordersFromSnapshot(state.orders, snapshot.orders),
        fills: mergeFills([], snapshot.fills),
        positions: snapshot.positions,
        account: snapshot.account,
        loaded: true,
        loadError: null,
      };
    }
    case 'loadFailed':
      return { ...state, loadError: action.message };
    case 'status':
      return { ...state, status: action.status };
    case 'replay':
      return state.status ? { ...state, status: { ...state.status, replay: action.replay } } : state;
    case 'book':
      return { ...state, book: action.book };
    case 'orders': {
      const orders = mergeOrders(state.orders, action.orders);
      return orders === state.orders ? state : { ...state, orders };
    }
    case 'fills': {
      const fills = mergeFills(state.fills, action.fills);
      return fills === state.fills ? state : { ...state, fills };
    }
    case 'positions':
      return { ...state, positions: action.positions };
    case 'account':
      return { ...state, account: action.account };
    case 'trades': {
      if (action.trades.length === 0) return state;
      const arrived: RecentTrade[] = action.trades.map((trade) => ({
        price: trade.price,
        size: trade.size,
        aggressorSide: trade.aggressorSide,
        receivedAtMs: action.receivedAtMs,
      }));
      const kept = expireRecentTrades(state.recentTrades, action.receivedAtMs).concat(arrived);
      const recentTrades = kept.length > MAX_RECENT_TRADES ? kept.slice(kept.length - MAX_RECENT_TRADES) : kept;
      return { ...state, recentTrades };
    }
    case 'alerts': {
      const alerts = mergeAlerts(state.alerts, action.alerts);
      return alerts === state.alerts ? state : { ...state, alerts };
    }
    case 'acknowledgeAlerts': {
      const acknowledgedAlertIds = acknowledgeAlerts(state.acknowledgedAlertIds, action.alertIds);
      return acknowledgedAlertIds === state.acknowledgedAlertIds ? state : { ...state, acknowledgedAlertIds };
    }
    case 'expireTrades': {
      const recentTrades = expireRecentTrades(state.recentTrades, action.nowMs);
      return recentTrades === state.recentTrades ? state : { ...state, recentTrades };
    }
  }
}
