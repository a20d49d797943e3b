import type { Disposable } from '../../../../shared';
import type { TerminalStore } from '../../state';

/**
 * Acknowledged alerts survive a reload of the window: their ids are kept in the browser's
 * localStorage (per origin, so per host port), so a CRITICAL banner the trader dismissed does not
 * come back on the next start. Only ids are stored; the alerts themselves come from the host.
 */

/** The localStorage key. */
export const ALERT_ACK_STORAGE_KEY = 'floor.acknowledgedAlerts';
/** Most ids kept (the most recently acknowledged); older ones belong to alerts long out of view. */
export const MAX_STORED_ALERT_ACKS = 500;

/** The part of the Web Storage API used here. */
export type AckStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** Reads stored ids; anything unreadable (absent, corrupt, wrong shape) reads as none. */
export function parseStoredAcknowledgements(text: string | null): string[] {
  if (text === null) return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string').slice(-MAX_STORED_ALERT_ACKS) : [];
  } catch {
    return [];
  }
}

/** The ids to store: the last MAX_STORED_ALERT_ACKS in acknowledgement order (a Set keeps insertion order). */
export function serializeAcknowledgements(ids: ReadonlySet<string>): string {
  const all = [...ids];
  return JSON.stringify(all.slice(Math.max(0, all.length - MAX_STORED_ALERT_ACKS)));
}

/**
 * Seeds the store with the stored acknowledgements, then writes them back whenever they change.
 * Storage failures (quota, disabled storage) only lose persistence, never the in-memory state.
 */
export function persistAlertAcknowledgements(store: TerminalStore, storage: AckStorage): Disposable {
  let stored: string[] = [];
  try {
    stored = parseStoredAcknowledgements(storage.getItem(ALERT_ACK_STORAGE_KEY));
  } catch (error) {
    console.warn('Floor: acknowledged alerts could not be read from storage', error);
  }
  if (stored.length > 0) store.dispatch({ type: 'acknowledgeAlerts', alertIds: stored });
  let last = store.getState().acknowledgedAlertIds;
  const unsubscribe = store.subscribe(() => {
    const current = store.getState().acknowledgedAlertIds;
    if (current === last) return;
    last = current;
    try {
      storage.setItem(ALERT_ACK_STORAGE_KEY, serializeAcknowledgements(current));
    } catch (error) {
      console.warn('Floor: acknowledged alerts could not be saved to storage', error);
    }
  });
  return { dispose: unsubscribe };
}
