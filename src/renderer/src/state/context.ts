import { createContext, useContext, useSyncExternalStore } from 'react';
import type { RpcClient } from '../rpc';
import type { TerminalStore } from './store';
import type { TerminalState } from './terminal-state';
import type { TradeTape } from './trade-tape';
import type { UiBus } from './ui-bus';

/** The long-lived services every feature reaches: the RPC client, the state store, the trade tape and the UI bus. */
export interface TerminalServices {
  readonly client: RpcClient;
  readonly store: TerminalStore;
  readonly tape: TradeTape;
  readonly ui: UiBus;
}

/** Provided once at the root (main.tsx). */
export const TerminalContext = createContext<TerminalServices | null>(null);

/**
 * The services from the nearest provider.
 * @throws Error when used outside <TerminalContext.Provider>, a wiring mistake.
 */
export function useServices(): TerminalServices {
  const services = useContext(TerminalContext);
  if (!services) throw new Error('useServices must be used inside <TerminalContext.Provider>');
  return services;
}

/**
 * Selects a slice of TerminalState and re-renders when that slice changes (by identity). The selector
 * must return a slice or a primitive, not a freshly built object, or the component re-renders on every change.
 * The same snapshot serves server rendering (the view tests render to static markup).
 */
export function useTerminal<T>(selector: (state: TerminalState) => T): T {
  const { store } = useServices();
  const snapshot = () => selector(store.getState());
  return useSyncExternalStore(store.subscribe, snapshot, snapshot);
}
