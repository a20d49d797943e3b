import type { OrderReason, OrderSource } from '../../shared';
import type { OrderAuthority } from '../execution';
import type { Interlock } from '../security/interlock';

/** Automated sources: they may send while automation is armed, without the trader's own session. */
const AUTOMATED: ReadonlySet<OrderSource> = new Set(['API', 'ALGO']);

/**
 * The engine's OrderAuthority over the WebAuthn interlock: an order from the ticket or a hotkey
 * needs a live interlock session; an API or algo order a live session or armed automation (one
 * WebAuthn check for a longer span, Interlock.armAutomation). Refusals carry code INTERLOCK_LOCKED
 * and say what is missing.
 * @param interlock an accessor: the interlock is built once the host's origin is known.
 */
export function interlockAuthority(interlock: () => Interlock): OrderAuthority {
  return {
    refusal(source: OrderSource): OrderReason | null {
      const current = interlock();
      const status = current.status();
      if (status.verified) return null;
      const automated = AUTOMATED.has(source);
      if (automated && current.automationArmed()) return null;
      const why = status.reason === null ? 'no interlock session is live' : `the interlock session ended (${status.reason})`;
      return { code: 'INTERLOCK_LOCKED', message: automated ? `${why} and automation is not armed` : why };
    },
  };
}
