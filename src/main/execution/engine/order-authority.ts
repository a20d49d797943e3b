import type { OrderReason, OrderSource } from '../../../shared';

/**
 * Who may send orders now: the WebAuthn interlock's answer, asked by the engine for every order
 * that would reach the venue, whatever its source (DESIGN.md order path: the interlock check
 * before the ledger and the venue). The terminal's implementation (app/order-authority.ts): the
 * ticket and hotkeys need a live interlock session; API and algo orders a live session or armed
 * automation.
 */
export interface OrderAuthority {
  /** null when an order from `source` may be sent now; otherwise why not, with what is needed (code INTERLOCK_LOCKED). */
  refusal(source: OrderSource): OrderReason | null;
}

/** An order was asked for by the trader (approve, modify) while the interlock refuses; RPC code FORBIDDEN. */
export class InterlockRequiredError extends Error {
  override readonly name = 'InterlockRequiredError';
  readonly code = 'FORBIDDEN';
  constructor(readonly reason: OrderReason) {
    super(reason.message);
  }
}
