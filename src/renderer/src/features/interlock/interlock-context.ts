import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import type { InterlockStatus } from '../../../../shared';
import type { InterlockController } from './interlock-controller';

/** Provided once at the root (InterlockProvider). */
export const InterlockContext = createContext<InterlockController | null>(null);

/** The interlock controller. @throws Error outside <InterlockProvider>. */
export function useInterlock(): InterlockController {
  const controller = useContext(InterlockContext);
  if (!controller) throw new Error('useInterlock must be used inside <InterlockProvider>');
  return controller;
}

const noStatus = (): InterlockStatus | null => null;
const noSubscription = () => () => undefined;

/** The host's interlock status (null before it answered, or outside a provider). */
export function useInterlockStatus(): InterlockStatus | null {
  const controller = useContext(InterlockContext);
  return useSyncExternalStore(controller?.subscribe ?? noSubscription, controller?.getStatus ?? noStatus, noStatus);
}

/**
 * The wall clock in Unix µs, re-read every `everyMs` while `active` (for countdowns).
 * Date.now is wall-clock ms; the host's expiresAt is wall-clock µs.
 */
export function useNowMicros(active: boolean, everyMs = 1_000): number {
  const [now, setNow] = useState(() => Date.now() * 1000);
  useEffect(() => {
    if (!active) return;
    setNow(Date.now() * 1000);
    const timer = setInterval(() => setNow(Date.now() * 1000), everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs]);
  return now;
}

/**
 * True while an interlock session is live: the host says verified and its expiry has not passed on
 * this clock. Outside a provider (view tests) the answer is false: locked is the safe default. The
 * host refuses order-sending RPCs either way; this only keeps the buttons honest.
 */
export function useInterlockVerified(): boolean {
  const status = useInterlockStatus();
  const live = status?.verified === true && status.expiresAt !== null;
  const now = useNowMicros(live);
  return live && status.expiresAt !== null && status.expiresAt > now;
}
