import { z } from 'zod';
import { Emitter, TRADING_MODES, type AuthenticationResponse, type Event, type LiveCheck, type Clock, type Order, type TradingMode } from '../../shared';
import type { Ledger } from '../ledger';
import { InterlockError } from '../security/webauthn';
import type { Interlock } from '../security/interlock';
import { describeOrders, gatewayLiveAccount, liveSwitchProblems, type LiveSwitchState } from './live-switch-guards';

/** Settings key of the mode the terminal is in: `{ mode, account, since }`, written with every mode.switch entry. */
export const TRADING_MODE_SETTING = 'trading.mode';

const storedModeSchema = z.object({ mode: z.enum(TRADING_MODES), account: z.string().nullable(), since: z.number().int() }).strict();

/** The switch to live was refused by a guard; `code` is the first problem's (RPC error CONFLICT). */
export class ModeSwitchRefusedError extends Error {
  override readonly name = 'ModeSwitchRefusedError';
  readonly rpcCode = 'CONFLICT';
  constructor(
    readonly problemCode: string,
    message: string,
  ) {
    super(message);
  }
}

/** What the mode controller works with. */
export interface TradingModeOptions {
  readonly ledger: Ledger;
  readonly interlock: () => Interlock;
  /** The live-switch guards' view of the terminal now (keys, venue settings, gateway, paper orders). */
  readonly state: () => LiveSwitchState;
  /** Working or staged orders of the live book (named when going back to paper: they keep working at IB). */
  readonly liveOrders: () => readonly Order[];
  /** Reconnects the gateway after a switch, so the next session is checked against the new mode. */
  readonly reconnect: () => void;
  /** Wall clock, Unix µs. */
  readonly clock: Clock;
  readonly log: (line: string) => void;
}

/**
 * The terminal's trading mode (issue 9): PAPER at every start, LIVE only through `goLive`.
 *
 * - goLive: every guard of liveSwitchProblems (checked before and again after the WebAuthn check),
 *   then a fresh check (Interlock.verifyFreshCheck: an assertion made for the switch, whatever
 *   session runs; it opens a session of the live length, 5 minutes by default), then the ledger goes
 *   synchronous=FULL (before any live order can be written), then one transaction records the signed
 *   `mode.switch` entry (tradingMode LIVE, previous, the account, the credential that confirmed, the
 *   gateway) and the TRADING_MODE_SETTING; only then is the mode LIVE and the gateway reconnected.
 * - goPaper: always allowed; cancels nothing (live orders keep working at IB and are listed in the
 *   entry); the ledger stays at FULL until Floor stops, since those orders can still fill.
 * - At start a terminal whose last run ended live records the return to paper (cause RESTART) and
 *   says so (`notice`, and on stderr).
 * `onDidChange` fires after every switch.
 */
export class TradingModeController {
  private current: TradingMode = 'PAPER';
  private account: string | null = null;
  private startNotice: string | null = null;
  private switching = false;
  private readonly emitter = new Emitter<TradingMode>();

  /** After the mode changed. */
  readonly onDidChange: Event<TradingMode> = this.emitter.event;

  /** @throws LedgerRowError when the stored mode setting is malformed; the ledger's errors. */
  constructor(private readonly options: TradingModeOptions) {
    const stored = options.ledger.settings.get(TRADING_MODE_SETTING, storedModeSchema);
    if (stored?.mode === 'LIVE') {
      this.record('PAPER', 'LIVE', { cause: 'RESTART', account: stored.account });
      this.startNotice = `Started in paper: Floor always starts in paper, and its last run ended live on account ${stored.account ?? '(unknown)'}. Switch to live again in the header (a fresh check).`;
      options.log(`floor: ${this.startNotice}`);
    }
  }

  /** The mode in force. */
  mode(): TradingMode {
    return this.current;
  }

  /** The live account while LIVE, else null. */
  liveAccount(): string | null {
    return this.current === 'LIVE' ? this.account : null;
  }

  /** What the trader must know about the mode (a restart after a live run), else null. */
  notice(): string | null {
    return this.current === 'PAPER' ? this.startNotice : null;
  }

  /** The guards' verdict now, without switching (RPC `mode.liveCheck`). */
  liveCheck(typedAccount?: string): LiveCheck {
    const state = this.options.state();
    return { account: gatewayLiveAccount(state.gateway), problems: liveSwitchProblems(state, typedAccount), paperOrders: [...state.paperOrders] };
  }

  /**
   * Switches to live (see the class comment).
   * @throws ModeSwitchRefusedError (CONFLICT) naming the first problem, or when already live or switching;
   *   InterlockError FORBIDDEN when the fresh check does not verify; the ledger's errors (nothing switched).
   */
  async goLive(accountId: string, response: AuthenticationResponse): Promise<void> {
    if (this.current === 'LIVE') throw new ModeSwitchRefusedError('ALREADY_LIVE', `Floor is live already, on account ${this.account}`);
    if (this.switching) throw new ModeSwitchRefusedError('SWITCHING', 'a switch to live is under way already');
    this.assertNoProblem(accountId);
    this.switching = true;
    try {
      let credentialId: string;
      try {
        ({ credentialId } = await this.options.interlock().verifyFreshCheck(response, 'LIVE'));
      } catch (error) {
        if (error instanceof InterlockError && error.code === 'FORBIDDEN') {
          throw new InterlockError('FORBIDDEN', `the switch to live needs a fresh check made for it (the running session does not count): ${error.message}; verify with your authenticator again`);
        }
        throw error;
      }
      // The check took a moment: a paper order may have been placed, or the gateway gone, meanwhile.
      this.assertNoProblem(accountId);
      const gateway = this.options.state().gateway?.handshake?.gateway ?? null;
      this.options.ledger.setDurability('FULL');
      this.record('LIVE', 'PAPER', { cause: 'TRADER', account: accountId, confirmedBy: credentialId, gateway });
      this.current = 'LIVE';
      this.account = accountId;
      this.options.log(`floor: LIVE on account ${accountId} (confirmed by authenticator ${credentialId}); the ledger commits with synchronous=FULL`);
    } finally {
      this.switching = false;
    }
    this.emitter.fire('LIVE');
    this.options.reconnect();
  }

  /** Switches back to paper: always allowed, cancels nothing at the broker. A no-op in paper. @throws the ledger's errors. */
  goPaper(): void {
    if (this.current === 'PAPER') return;
    const working = this.options.liveOrders();
    this.record('PAPER', 'LIVE', { cause: 'TRADER', account: this.account, liveOrdersWorking: working.map((o) => o.clientOrderId) });
    this.current = 'PAPER';
    this.startNotice = null;
    this.options.log(`floor: back to PAPER${working.length === 0 ? '' : `; live orders left working at IB: ${describeOrders(working)}`}`);
    this.emitter.fire('PAPER');
    this.options.reconnect();
  }

  dispose(): void {
    this.emitter.dispose();
  }

  private assertNoProblem(accountId: string): void {
    const first = liveSwitchProblems(this.options.state(), accountId)[0];
    if (first !== undefined) throw new ModeSwitchRefusedError(first.code, `the switch to live was refused: ${first.message}`);
  }

  /** The signed mode.switch entry and the mode setting, in one transaction. */
  private record(mode: TradingMode, previous: TradingMode, details: Record<string, string | string[] | null>): void {
    const now = this.options.clock.now();
    const { ledger } = this.options;
    ledger.transaction(() => {
      ledger.recordFact('mode.switch', { tradingMode: mode, previous, ...details, tsEvent: now });
      ledger.settings.set(TRADING_MODE_SETTING, { mode, account: mode === 'LIVE' ? (details.account as string) : null, since: now }, now);
    });
  }
}
