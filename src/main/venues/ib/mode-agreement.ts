import type { TradingMode } from '../../../shared';

/** Paper or live trading, as the trader chose it (Floor always starts in PAPER): the shared TradingMode. */
export type { TradingMode };

/**
 * Which gateway ports mean paper and which live. IB's defaults: TWS 7497 paper / 7496 live, IB
 * Gateway 4002 paper / 4001 live (TWS API "Connectivity" docs); a trader who moved them in the
 * gateway's API settings lists their own here.
 */
export interface GatewayPorts {
  readonly paper: readonly number[];
  readonly live: readonly number[];
}

/** IB's default ports. */
export const DEFAULT_GATEWAY_PORTS: GatewayPorts = { paper: [7497, 4002], live: [7496, 4001] };

/** The outcome of checkModeAgreement. */
export type ModeAgreement = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Floor trades only when three things agree: the mode the trader chose, the port's mode, and the
 * accounts the gateway manages. Paper account ids start with "D" ("DU..." individual, "DF..."
 * advisor) by IB convention, live ones do not. Any disagreement refuses with a sentence saying
 * what disagrees and how to fix it.
 * @param accounts the managedAccounts answer (split on commas), or undefined before it arrived (only the port is checked).
 */
export function checkModeAgreement(mode: TradingMode, port: number, accounts: readonly string[] | undefined, ports: GatewayPorts = DEFAULT_GATEWAY_PORTS): ModeAgreement {
  const portMode: TradingMode | undefined = ports.paper.includes(port) ? 'PAPER' : ports.live.includes(port) ? 'LIVE' : undefined;
  if (ports.paper.includes(port) && ports.live.includes(port)) {
    return { ok: false, reason: `port ${port} is listed as both a paper and a live port; list it under one only in Settings > Gateway` };
  }
  if (portMode === undefined) {
    return {
      ok: false,
      reason: `port ${port} is neither a paper port (${ports.paper.join(', ')}) nor a live port (${ports.live.join(', ')}); add it to the right list in Settings > Gateway`,
    };
  }
  if (portMode !== mode) {
    return { ok: false, reason: `Floor is in ${mode.toLowerCase()} mode but port ${port} is a ${portMode.toLowerCase()} gateway port; switch mode or connect to a ${mode.toLowerCase()} port` };
  }
  if (accounts === undefined) return { ok: true };
  const ids = accounts.map((a) => a.trim()).filter((a) => a.length > 0);
  if (ids.length === 0) return { ok: false, reason: 'the gateway reported no managed accounts; log in to the gateway and try again' };
  const paperIds = ids.filter((a) => a.startsWith('D'));
  const liveIds = ids.filter((a) => !a.startsWith('D'));
  if (mode === 'PAPER' && liveIds.length > 0) {
    return { ok: false, reason: `Floor is in paper mode but the gateway manages live account${liveIds.length > 1 ? 's' : ''} ${liveIds.join(', ')}; log the gateway in to your paper account` };
  }
  if (mode === 'LIVE' && paperIds.length > 0) {
    return { ok: false, reason: `Floor is in live mode but the gateway manages paper account${paperIds.length > 1 ? 's' : ''} ${paperIds.join(', ')}; switch Floor to paper or log the gateway in live` };
  }
  return { ok: true };
}
