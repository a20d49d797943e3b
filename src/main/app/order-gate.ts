import type { RpcHandlers } from '../host';
import type { InterlockGate } from '../security/interlock';
import { asInterlockRpcError } from './interlock-handlers';

/**
 * The RPC methods refused without a live interlock session, each with why.
 * Methods not listed stay open on purpose: `orders.cancel`, `approvals.reject`,
 * `risk.killSwitch` and `apikeys.revoke` only reduce risk (a trader locked out must still be able to
 * pull orders, stop trading and cut off a misbehaving or leaked API key at once, without first
 * finding an authenticator), and the read-only methods send nothing.
 */
export const INTERLOCKED_METHODS = {
  /** Sends an order (or stages one for approval). */
  'orders.submit': 'sends an order',
  /** Sends a staged order to the venue. */
  'approvals.approve': 'sends a staged order',
  /** Lifts a HALT or REDUCING state; after a HALT the session must be younger than the halt (InterlockGate.assertMayResume). */
  'risk.resume': 'lets orders flow again after a halt',
  /** Can loosen limits or switch sources to auto-execute, which decides what is sent without asking. */
  'risk.profile.set': 'changes the limits every order is checked against',
  /** A registered key signs orders through the automation API from outside the terminal. */
  'apikeys.register': 'lets a program outside Floor send orders',
  /** Points Floor at another venue or gateway (or changes the disconnected policy), which changes where orders go. */
  'gateway.settings.set': 'changes where orders are sent',
} as const satisfies Partial<Record<keyof RpcHandlers, string>>;

/**
 * Wraps `handlers` so every method of INTERLOCKED_METHODS first asks `gate` whether a session is
 * live and answers FORBIDDEN with the gate's sentence when not. This is the enforcement point of
 * issue 5 ("the host refuses every order-sending RPC without a live interlock session"): the
 * renderer's disabled buttons are a convenience, this is the rule.
 */
export function gateOrderSending(handlers: RpcHandlers, gate: InterlockGate): RpcHandlers {
  const gated: RpcHandlers = { ...handlers };
  for (const method of Object.keys(INTERLOCKED_METHODS) as (keyof typeof INTERLOCKED_METHODS)[]) {
    const inner = handlers[method] as (params: unknown) => unknown;
    (gated as Record<string, (params: unknown) => unknown>)[method] = (params: unknown) => {
      try {
        if (method === 'risk.resume') gate.assertMayResume(method);
        else gate.assertLive(method);
      } catch (error) {
        throw asInterlockRpcError(error);
      }
      return inner(params);
    };
  }
  return gated;
}
