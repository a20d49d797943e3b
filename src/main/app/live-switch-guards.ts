import type { GatewaySettings, GatewayStatus, KeyStoreKind, LiveSwitchProblem, Order } from '../../shared';
import { checkModeAgreement } from '../venues/ib';

/** What the guards of the switch to live look at. */
export interface LiveSwitchState {
  /** Where the terminal's signing key lives (TerminalStatus.keyStore). */
  readonly keyStore: KeyStoreKind;
  /** The gateway settings in force (venue, ports). */
  readonly settings: Pick<GatewaySettings, 'venue' | 'ports'>;
  /** The IB connection's status, null on the simulated exchange. */
  readonly gateway: GatewayStatus | null;
  /** The paper orders still working at a venue or staged for approval. */
  readonly paperOrders: readonly Order[];
}

/** How `floor keys migrate` is explained when live trading is refused because the key is in a file. */
export const KEYCHAIN_HOW_TO =
  'install and unlock an OS keychain (on Linux gnome-keyring or KWallet with a D-Bus session; macOS and Windows have one), ' +
  'stop Floor, run `floor keys migrate` to move the key into it, and start Floor again';

/** The live account the gateway's handshake names: its managed accounts when all are live (IB lists one per login). */
export function gatewayLiveAccount(gateway: GatewayStatus | null): string | null {
  const accounts = gateway?.handshake?.accounts.map((a) => a.trim()).filter((a) => a.length > 0) ?? [];
  return accounts.length > 0 && accounts.every((a) => !a.startsWith('D')) ? accounts[0]! : null;
}

/** "SIM-3 BUY 100 GOOG (working)", for sentences naming orders. */
export function describeOrders(orders: readonly Order[]): string {
  return orders.map((o) => `${o.clientOrderId} ${o.side} ${o.quantity} ${o.instrumentId} (${o.status === 'STAGED' ? 'staged' : 'working'})`).join(', ');
}

/**
 * Why Floor may not switch to live now, every reason at once, each with a sentence saying what to
 * do (issue 9 point 2), in this order:
 * - KEYS_IN_FILE: the signing key is in the data folder's key file (no OS keychain);
 * - VENUE_NOT_IB: live trading goes through Interactive Brokers only;
 * - NO_GATEWAY: no gateway has answered the API handshake on the connection in use (it is not
 *   Connected, nor Refused after a handshake);
 * - MODE_DISAGREEMENT: the gateway's port or its managed accounts are not live, exactly as the
 *   connection's own mode-agreement rule (checkModeAgreement) says it for LIVE: a paper port, a
 *   paper (D...) account, a port in neither list;
 * - ACCOUNT_MISMATCH: the account id the trader typed is not the gateway's live account (case and
 *   spaces count: it must be typed as IB writes it);
 * - PAPER_ORDERS_WORKING: paper orders are working or staged (cancel them first: after the switch a
 *   paper order could never be managed, and a staged one must not go to the live account).
 * The fresh WebAuthn check is the switch's last step and is not judged here.
 * @param typedAccount what the trader typed, or undefined when asking before anything was typed
 *   (then ACCOUNT_MISMATCH is not reported).
 */
export function liveSwitchProblems(state: LiveSwitchState, typedAccount: string | undefined): LiveSwitchProblem[] {
  const problems: LiveSwitchProblem[] = [];
  if (state.keyStore === 'FILE') {
    problems.push({
      code: 'KEYS_IN_FILE',
      message: `live trading needs the signing key in an OS keychain, and this terminal keeps it in a file (floor.keys.json) because no keychain answered: ${KEYCHAIN_HOW_TO}`,
    });
  }
  if (state.settings.venue !== 'IB') {
    problems.push({ code: 'VENUE_NOT_IB', message: 'live trading goes through Interactive Brokers: set the venue to Interactive Brokers in Settings > Gateway and connect a gateway logged in to your live account' });
    return problems;
  }
  const gateway = state.gateway;
  const handshake = gateway?.handshake ?? null;
  if (gateway === null || handshake === null || (gateway.phase !== 'CONNECTED' && gateway.phase !== 'REFUSED')) {
    const where = gateway?.gateway ?? handshake?.gateway ?? 'the gateway in Settings > Gateway';
    const why = gateway?.reason ? ` (${gateway.reason})` : '';
    problems.push({
      code: 'NO_GATEWAY',
      message: `no gateway is connected: Floor has no answer from ${where}${why}; start IB Gateway or TWS logged in to your live account, with its API port in the live port list`,
    });
    return problems;
  }
  const agreement = checkModeAgreement('LIVE', handshake.port, handshake.accounts, state.settings.ports);
  if (!agreement.ok) problems.push({ code: 'MODE_DISAGREEMENT', message: `the gateway at ${handshake.gateway} is not a live gateway: ${agreement.reason}` });
  const account = gatewayLiveAccount(gateway);
  if (typedAccount !== undefined && agreement.ok && typedAccount !== account) {
    problems.push({
      code: 'ACCOUNT_MISMATCH',
      message: `the account id typed (${JSON.stringify(typedAccount)}) is not the gateway's live account ${account ?? '(none)'}: type it exactly as IB shows it to confirm`,
    });
  }
  if (state.paperOrders.length > 0) {
    problems.push({
      code: 'PAPER_ORDERS_WORKING',
      message: `${state.paperOrders.length} paper order${state.paperOrders.length === 1 ? ' is' : 's are'} still working or staged (${describeOrders(state.paperOrders)}): cancel them before going live`,
    });
  }
  return problems;
}
