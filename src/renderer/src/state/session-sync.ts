import type { Disposable } from '../../../shared';
import { describeError, isRpcCallError, type RpcClient } from '../rpc';
import type { TerminalStore } from './store';
import type { TradeTape } from './trade-tape';

/** Book depth loaded on connect, levels per side (the host pushes what it conflates). */
export const LOAD_BOOK_DEPTH = 20;
/** Trades loaded on connect for the chart (the contract's maximum). */
export const LOAD_TRADE_LIMIT = 20_000;

/**
 * Connects the RPC client to the store and the tape: mirrors the connection state, routes every push
 * topic, and on each (re)connect (and each `session` push) loads the whole state (`session.describe`, `orders.list`,
 * `fills.list`, `positions.list`, `market.trades`, `market.book`, then `alerts.list`) so nothing
 * missed while disconnected stays missing. Alerts load on their own: a failure there is reported
 * without holding back the book, orders and positions. Returns a Disposable that unhooks everything.
 */
export function bindSession(client: RpcClient, store: TerminalStore, tape: TradeTape): Disposable {
  const subscriptions: Disposable[] = [
    client.onDidChangeState((connection) => store.dispatch({ type: 'connection', connection })),
    client.subscribe('book', (book) => store.dispatch({ type: 'book', book })),
    client.subscribe('trades', (trades) => {
      store.dispatch({ type: 'trades', trades, receivedAtMs: Date.now() });
      tape.append(trades);
    }),
    client.subscribe('orders', (orders) => store.dispatch({ type: 'orders', orders })),
    client.subscribe('fills', (fills) => store.dispatch({ type: 'fills', fills })),
    client.subscribe('positions', (positions) => store.dispatch({ type: 'positions', positions })),
    client.subscribe('account', (account) => store.dispatch({ type: 'account', account })),
    client.subscribe('status', (status) => store.dispatch({ type: 'status', status })),
    client.subscribe('alerts', (alerts) => store.dispatch({ type: 'alerts', alerts })),
    // The mode switched or the venue changed: another book, maybe another market. Load it all again.
    client.subscribe('session', () => void load()),
    client.onDidConnect(() => void load()),
  ];
  store.dispatch({ type: 'connection', connection: client.state });

  async function load(): Promise<void> {
    tape.awaitHistory();
    const alertsRequest = client.call('alerts.list', {});
    // Settled below, after the snapshot; this only keeps an early rejection from being "unhandled".
    alertsRequest.catch(() => undefined);
    try {
      const [session, orders, fills, positions, trades, book] = await Promise.all([
        client.call('session.describe', {}),
        client.call('orders.list', {}),
        client.call('fills.list', {}),
        client.call('positions.list', {}),
        client.call('market.trades', { limit: LOAD_TRADE_LIMIT }),
        client.call('market.book', { depth: LOAD_BOOK_DEPTH }),
      ]);
      store.dispatch({
        type: 'snapshot',
        snapshot: {
          session: { instrument: session.instrument, startingCash: session.startingCash },
          status: session.status,
          orders: orders.orders,
          fills: fills.fills,
          positions: positions.positions,
          account: positions.account,
          book,
        },
      });
      tape.reset(trades.trades);
    } catch (error) {
      // A drop mid-load is retried by the next connect; anything else must be visible.
      if (isRpcCallError(error) && error.code === 'DISCONNECTED') return;
      store.dispatch({ type: 'loadFailed', message: `Could not load the terminal state: ${describeError(error)}` });
      return;
    }
    try {
      const { alerts } = await alertsRequest;
      store.dispatch({ type: 'alerts', alerts });
    } catch (error) {
      if (isRpcCallError(error) && error.code === 'DISCONNECTED') return;
      store.dispatch({ type: 'loadFailed', message: `Could not load the alerts: ${describeError(error)}` });
    }
  }

  return {
    dispose: () => {
      for (const subscription of subscriptions) subscription.dispose();
    },
  };
}
