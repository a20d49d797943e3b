import { describe, expect, it } from 'vitest';
import {
  expireRecentTrades,
  initialTerminalState,
  mergeFills,
  newerOrder,
  ordersFromSnapshot,
  reduceTerminal,
  RECENT_TRADE_WINDOW_MS,
  TerminalStore,
  type TerminalState,
} from '../../../src/renderer/src/state';
import { diffRows } from '../../../src/renderer/src/grid/row-diff';
import { fill, orderView } from './fixtures';
import { terminalStatusFixture } from '../../support/terminal-status';

describe('order versions', () => {
  it('keeps the later update whichever arrives last', () => {
    const older = orderView({ status: 'ACCEPTED', updatedAt: 10 });
    const newer = orderView({ status: 'FILLED', filledQty: 100, updatedAt: 20 });
    expect(newerOrder(older, newer)).toBe(newer);
    expect(newerOrder(newer, older)).toBe(newer);
  });

  it('on equal timestamps prefers a terminal state, then more filled shares', () => {
    const accepted = orderView({ status: 'ACCEPTED', updatedAt: 10 });
    const filled = orderView({ status: 'FILLED', filledQty: 100, updatedAt: 10 });
    expect(newerOrder(filled, accepted)).toBe(filled);
    const partial = orderView({ status: 'PARTIALLY_FILLED', filledQty: 40, updatedAt: 10 });
    const lessPartial = orderView({ status: 'PARTIALLY_FILLED', filledQty: 20, updatedAt: 10 });
    expect(newerOrder(partial, lessPartial)).toBe(partial);
  });

  it('keeps a pushed fill that raced the orders.list answer on reload', () => {
    const pushed = orderView({ status: 'FILLED', filledQty: 100, updatedAt: 20 });
    const listed = orderView({ status: 'ACCEPTED', updatedAt: 10 });
    const gone = orderView({ clientOrderId: 'OLD' });
    const map = ordersFromSnapshot(new Map([['O-1', pushed], ['OLD', gone]]), [listed]);
    expect([...map.keys()]).toEqual(['O-1']);
    expect(map.get('O-1')).toBe(pushed);
  });
});

describe('push reducer', () => {
  it('applies an orders push without touching other slices', () => {
    const state = reduceTerminal(initialTerminalState, { type: 'orders', orders: [orderView()] });
    expect(state.orders.get('O-1')?.status).toBe('ACCEPTED');
    expect(state.fills).toBe(initialTerminalState.fills);
    expect(state.positions).toBe(initialTerminalState.positions);
  });

  it('returns the same state when a push repeats what is known', () => {
    const order = orderView();
    const state = reduceTerminal(initialTerminalState, { type: 'orders', orders: [order] });
    expect(reduceTerminal(state, { type: 'orders', orders: [order] })).toBe(state);
  });

  it('de-duplicates fills by trade id and keeps them in time order', () => {
    const fills = mergeFills([fill('T2', 20)], [fill('T1', 10), fill('T2', 20), fill('T3', 30)]);
    expect(fills.map((f) => f.tradeId)).toEqual(['T1', 'T2', 'T3']);
  });

  it('marks trades for the recent-trade window only', () => {
    let state: TerminalState = reduceTerminal(initialTerminalState, {
      type: 'trades',
      trades: [{ price: 1, size: 100, aggressorSide: 'BUY' }],
      receivedAtMs: 1000,
    });
    expect(state.recentTrades).toHaveLength(1);
    state = reduceTerminal(state, { type: 'expireTrades', nowMs: 1000 + RECENT_TRADE_WINDOW_MS - 1 });
    expect(state.recentTrades).toHaveLength(1);
    state = reduceTerminal(state, { type: 'expireTrades', nowMs: 1000 + RECENT_TRADE_WINDOW_MS });
    expect(state.recentTrades).toHaveLength(0);
    expect(expireRecentTrades(state.recentTrades, 0)).toBe(state.recentTrades);
  });

  it('marks the state as needing a reload when the connection drops', () => {
    const loaded = { ...initialTerminalState, connection: 'connected' as const, loaded: true };
    const dropped = reduceTerminal(loaded, { type: 'connection', connection: 'disconnected' });
    expect(dropped.loaded).toBe(false);
  });

  it('updates the replay clock from a replay.control answer', () => {
    const replay = {
      source: { kind: 'SYNTHETIC' as const, model: 'Cont-Stoikov-Talreja 2010' as const, seed: 1 },
      instrumentId: 'GOOG',
      paused: false,
      speed: 1,
      marketTime: 34_200_000_000_000,
      sessionStart: 34_200_000_000_000,
      sessionEnd: 57_600_000_000_000,
      finished: false,
      state: 'PLAYING' as const,
      failure: null,
      marketHalt: null,
    };
    const status = terminalStatusFixture({ replay });
    const state = reduceTerminal({ ...initialTerminalState, status }, { type: 'replay', replay: { ...replay, paused: true, speed: 10 } });
    expect(state.status?.replay).toMatchObject({ paused: true, speed: 10 });
    expect(state.status?.mode).toBe('PAPER');
  });
});

describe('store', () => {
  it('notifies subscribers only on effective changes', () => {
    const store = new TerminalStore();
    let calls = 0;
    const unsubscribe = store.subscribe(() => (calls += 1));
    store.dispatch({ type: 'connection', connection: 'connecting' });
    store.dispatch({ type: 'connection', connection: 'connecting' });
    unsubscribe();
    store.dispatch({ type: 'connection', connection: 'connected' });
    expect(calls).toBe(1);
    expect(store.getState().connection).toBe('connected');
  });
});

describe('grid transactions', () => {
  it('adds new rows, updates replaced rows and removes missing rows by key', () => {
    const a = orderView({ clientOrderId: 'A' });
    const b = orderView({ clientOrderId: 'B' });
    const b2 = { ...b, status: 'FILLED' as const };
    const c = orderView({ clientOrderId: 'C' });
    const diff = diffRows(new Map([['A', a], ['B', b]]), new Map([['B', b2], ['C', c]]));
    expect(diff).toEqual({ add: [c], update: [b2], remove: [a] });
  });
});
