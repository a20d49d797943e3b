import type { GatewayStatus } from '../../../../shared';

const PHASE_TEXT: Readonly<Record<GatewayStatus['phase'], string>> = {
  STOPPED: 'Stopped',
  CONNECTING: 'Connecting…',
  RECONCILING: 'Reconciling…',
  CONNECTED: 'Connected',
  UPSTREAM_LOST: 'IB connection lost',
  RECONNECTING: 'Reconnecting…',
  REFUSED: 'Refused',
};

/** The phase as the header says it, e.g. "Reconciling…", "IB connection lost". */
export function gatewayPhaseText(status: GatewayStatus): string {
  return PHASE_TEXT[status.phase];
}

/** Warnings beside the phase: broken data farms and held orders, e.g. ["market data:usfarm farm broken", "2 orders held"]. */
export function gatewayWarnings(status: GatewayStatus): string[] {
  const warnings = status.brokenFarms.map((farm) => `${farm} farm broken`);
  const held = status.heldOrders.length;
  if (held > 0) warnings.push(`${held} order${held === 1 ? '' : 's'} held`);
  return warnings;
}

/** The tooltip: gateway, role, accounts, attempt and the reason (a refusal says what disagrees). */
export function gatewayTitle(status: GatewayStatus): string {
  const where = status.gateway === null ? 'no gateway' : `${status.gateway}${status.role === null ? '' : ` (${status.role.toLowerCase()})`}`;
  const parts = [`IB gateway ${where}: ${gatewayPhaseText(status)}`];
  if (status.accounts.length > 0) parts.push(`accounts ${status.accounts.join(', ')}`);
  if (status.attempt > 0) parts.push(`attempt ${status.attempt}`);
  if (status.reason !== null) parts.push(status.reason);
  return parts.join('; ');
}
